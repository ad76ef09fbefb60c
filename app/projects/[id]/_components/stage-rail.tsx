const stages = [
  { name: "Design", ready: true, blurb: "Nodes, boards and links on the device map" },
  { name: "Build", ready: false },
  { name: "Simulate", ready: false },
  { name: "Deploy", ready: false },
  { name: "Flash", ready: false },
  { name: "Share", ready: false },
] as const;

/** The project's stages in order. Only Design works today; the rest say so instead of pretending. */
export function StageRail() {
  return (
    <nav aria-label="Project stages" className="border-b border-slate-200 bg-white px-4">
      <ol className="flex gap-1 overflow-x-auto">
        {stages.map((stage, index) => (
          <li key={stage.name}>
            {stage.ready ? (
              <span
                aria-current="step"
                title={stage.blurb}
                className="flex items-center gap-2 border-b-2 border-indigo-600 px-3 py-2 text-sm font-medium text-indigo-700"
              >
                <StepNumber n={index + 1} active />
                {stage.name}
              </span>
            ) : (
              <span title="Coming next" className="inline-block">
                <button
                  type="button"
                  disabled
                  className="flex cursor-not-allowed items-center gap-2 border-b-2 border-transparent px-3 py-2 text-sm text-slate-400"
                >
                  <StepNumber n={index + 1} />
                  {stage.name}
                  <span className="sr-only"> (coming next)</span>
                </button>
              </span>
            )}
          </li>
        ))}
        <li className="ml-auto hidden self-center pl-4 text-xs text-slate-400 lg:block">
          Build, Simulate, Deploy, Flash and Share are coming next.
        </li>
      </ol>
    </nav>
  );
}

function StepNumber({ n, active = false }: { n: number; active?: boolean }) {
  return (
    <span
      aria-hidden
      className={`flex h-5 w-5 items-center justify-center rounded-full text-[11px] font-semibold ${
        active ? "bg-indigo-600 text-white" : "bg-slate-100 text-slate-400"
      }`}
    >
      {n}
    </span>
  );
}
