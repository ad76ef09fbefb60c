import { iterationProgress, stepNames, type NodeJobLog, type StepView } from "./build-events";
import { formatDuration } from "./memory-bars";
import { Spinner } from "../workspace/build-status";

const stepVerb = {
  generate: "generating",
  compile: "compiling",
  size: "checking size",
  test: "testing in the emulator",
} as const;

/** Steps finished in the current iteration, as a progress bar (shown while the node's job runs). */
export function BuildProgress({ log, nodeId }: { log: NodeJobLog; nodeId: string }) {
  const progress = iterationProgress(log);
  const doing = progress.current
    ? stepVerb[progress.current]
    : progress.done === 0
      ? "starting"
      : progress.done === progress.total
        ? "finishing"
        : "next step";
  const text = `Iteration ${progress.iteration}: ${doing}, ${progress.done} of ${progress.total} steps done`;
  return (
    <div className="space-y-1">
      <div
        role="progressbar"
        aria-label={`Build progress of ${nodeId}`}
        aria-valuemin={0}
        aria-valuemax={progress.total}
        aria-valuenow={progress.done}
        aria-valuetext={text}
        className="h-1.5 overflow-hidden rounded-full bg-slate-100"
      >
        <div
          className="h-full rounded-full bg-sky-500 transition-[width] duration-500"
          style={{ width: `${Math.max(4, (progress.done / progress.total) * 100)}%` }}
        />
      </div>
      <p className="text-xs text-slate-500">{text}</p>
    </div>
  );
}

function StepIcon({ step }: { step: StepView }) {
  switch (step.status) {
    case "succeeded":
      return <span className="text-emerald-600">✓</span>;
    case "failed":
      return <span className="text-rose-600">✗</span>;
    case "started":
      return <Spinner className="h-2.5 w-2.5 text-sky-600" />;
    case "skipped":
      return <span className="text-slate-400">–</span>;
    default:
      return <span className="text-slate-300">○</span>;
  }
}

function describeStep(name: string, step: StepView): string {
  const status = step.status === "pending" ? "not run" : step.status === "started" ? "running" : step.status;
  const extra = [
    step.durationMs !== null ? `in ${formatDuration(step.durationMs)}` : "",
    step.cacheHit ? "(cached)" : "",
    step.detail ? `(${step.detail})` : "",
  ];
  return [name, status, ...extra].filter(Boolean).join(" ");
}

/**
 * generate → compile → size for every iteration, with ✓/✗/spinner and durations. A step's error is
 * shown under its iteration unless `finalErrorShown` (the card already shows the last one as the node's error).
 */
export function BuildTimeline({ log, finalErrorShown }: { log: NodeJobLog; finalErrorShown: boolean }) {
  if (log.iterations.length === 0) return null;
  const last = log.iterations.at(-1)!.iteration;
  return (
    <ol className="space-y-1.5" aria-label="Iterations">
      {log.iterations.map((iteration) => {
        const hideErrors = finalErrorShown && iteration.iteration === last;
        const errors = hideErrors ? [] : stepNames.map((name) => iteration.steps[name].error).filter(Boolean);
        return (
          <li key={iteration.iteration} className="text-[11px]" data-testid="iteration">
            <div className="flex flex-wrap items-center gap-x-1 gap-y-0.5">
              <span
                className="mr-0.5 rounded bg-slate-100 px-1 text-[10px] font-semibold text-slate-500 tabular-nums"
                title={`Iteration ${iteration.iteration}`}
              >
                <span aria-hidden>#{iteration.iteration}</span>
                <span className="sr-only">Iteration {iteration.iteration}:</span>
              </span>
              {stepNames.map((name, index) => {
                const step = iteration.steps[name];
                return (
                  <span key={name} className="inline-flex items-center gap-1" title={describeStep(name, step)}>
                    {index > 0 && (
                      <span aria-hidden className="text-slate-300">
                        ›
                      </span>
                    )}
                    <span aria-hidden className="inline-flex w-3 justify-center">
                      <StepIcon step={step} />
                    </span>
                    <span className="sr-only">{describeStep(name, step)}</span>
                    <span aria-hidden className={step.status === "pending" ? "text-slate-400" : "text-slate-700"}>
                      {name}
                    </span>
                    {step.durationMs !== null && (
                      <span aria-hidden className="tabular-nums text-slate-400">
                        {formatDuration(step.durationMs)}
                      </span>
                    )}
                    {step.cacheHit && (
                      <span aria-hidden className="rounded bg-violet-50 px-1 text-[10px] font-medium text-violet-700">
                        cached
                      </span>
                    )}
                  </span>
                );
              })}
            </div>
            {errors.length > 0 && <p className="mt-0.5 line-clamp-2 pl-6 text-rose-600">{errors.join(" · ")}</p>}
          </li>
        );
      })}
    </ol>
  );
}
