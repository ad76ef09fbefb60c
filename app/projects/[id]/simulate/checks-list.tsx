import type { CheckResult } from "@/contracts/simulate";

interface Props {
  nodeId: string;
  checks: CheckResult[];
  /** False while the node runs: the ticks are the lines so far, not the verdict. */
  final: boolean;
}

/** Each expectation ticked or crossed, with the line that decided it. */
export function ChecksList({ nodeId, checks, final }: Props) {
  if (checks.length === 0) return <p className="text-xs text-slate-500">No expectations for this node.</p>;
  return (
    <section aria-label={`Expectations of ${nodeId}`}>
      <h4 className="text-xs font-semibold text-slate-600">
        Expectations {final ? "" : <span className="font-normal text-slate-400">(so far)</span>}
      </h4>
      <ul className="mt-1 space-y-1" data-testid={`checks-${nodeId}`} data-final={final}>
        {checks.map((check) => (
          <li
            key={check.item}
            data-testid="check"
            data-passed={check.passed}
            className="flex items-start gap-2 text-xs"
          >
            <span
              role="img"
              aria-label={check.passed ? "passed" : "not passed"}
              className={`mt-0.5 font-bold ${check.passed ? "text-emerald-600" : final ? "text-rose-600" : "text-slate-400"}`}
            >
              {check.passed ? "✓" : "✗"}
            </span>
            <span className="min-w-0">
              <span className="font-medium text-slate-800">{check.item}</span>
              <span className="block truncate font-mono text-[11px] text-slate-500" title={check.evidence}>
                {check.evidence}
              </span>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
