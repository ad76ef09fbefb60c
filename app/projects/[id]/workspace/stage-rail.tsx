"use client";
import { useSearchParams } from "next/navigation";
import type { MouseEvent } from "react";
import { withSearchParam } from "../build/build-selection";
import { useStage, type Stage } from "./use-url-state";

const stages = [
  { id: "design", name: "Design", ready: true, blurb: "Nodes, boards and links on the device map" },
  { id: "build", name: "Build", ready: true, blurb: "Generate, compile and size each node's firmware" },
  {
    id: "simulate",
    name: "Simulate",
    ready: true,
    blurb: "Run every node in an emulator at once, live over MQTT, and check its expectations",
  },
  {
    id: "deploy",
    name: "Deploy",
    ready: true,
    blurb: "Run the swarm's broker and telemetry server, rebuild nodes for it, and watch the live dashboard",
  },
  { id: "flash", name: "Flash", ready: true, blurb: "Write each node's firmware to its board from the browser" },
  { id: "share", name: "Share", ready: false },
] as const;

/** The project's stages in order. Design, Build, Simulate, Deploy and Flash work; the rest say so instead of pretending. */
export function StageRail() {
  const [current, select] = useStage();
  const search = useSearchParams().toString();
  const hrefOf = (stage: Stage) => withSearchParam(search, "stage", stage === "design" ? null : stage) || "?";
  const open = (stage: Stage) => (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return; // new tab: let it go
    event.preventDefault();
    select(stage);
  };

  return (
    <nav aria-label="Project stages" className="border-b border-slate-200 bg-white px-4">
      <ol className="flex gap-1 overflow-x-auto">
        {stages.map((stage, index) => (
          <li key={stage.name}>
            {stage.ready ? (
              <a
                href={hrefOf(stage.id)}
                onClick={open(stage.id)}
                aria-current={stage.id === current ? "step" : undefined}
                title={stage.blurb}
                className={`flex items-center gap-2 border-b-2 px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-indigo-500 ${
                  stage.id === current
                    ? "border-indigo-600 text-indigo-700"
                    : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900"
                }`}
              >
                <StepNumber n={index + 1} active={stage.id === current} />
                {stage.name}
              </a>
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
        <li className="ml-auto hidden self-center pl-4 text-xs text-slate-400 lg:block">Share is coming next.</li>
      </ol>
    </nav>
  );
}

function StepNumber({ n, active = false }: { n: number; active?: boolean }) {
  return (
    <span
      aria-hidden
      className={`flex h-5 w-5 items-center justify-center rounded-full text-[11px] font-semibold ${
        active ? "bg-indigo-600 text-white" : "bg-slate-100 text-slate-500"
      }`}
    >
      {n}
    </span>
  );
}
