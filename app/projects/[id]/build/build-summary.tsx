"use client";
import { formatDateTime, formatRelativeTime, plural } from "@/app/_components/format";
import { useBuildQuery } from "./use-build-runs";
import { BuildStatusChip } from "../workspace/build-status";

/** One line about the newest build: when, from which spec revision, how it went. */
export function BuildSummaryLine({ buildId, revision }: { buildId: string; revision: number }) {
  const query = useBuildQuery(buildId);
  const build = query.data;
  if (query.error)
    return (
      <p className="text-sm text-rose-600">
        Could not load build {buildId}: {query.error.message}
      </p>
    );
  if (!build) return null;
  const counts = ["succeeded", "failed", "active", "queued"]
    .map((status) => [status, build.nodes.filter((node) => node.status === status).length] as const)
    .filter(([, count]) => count > 0);
  return (
    <section
      aria-label="Latest build"
      className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-600"
      data-testid="build-summary"
    >
      <span className="font-medium text-slate-900">Latest build</span>
      <BuildStatusChip status={build.status} testId="build-status" />
      <span title={formatDateTime(build.createdAt)}>started {formatRelativeTime(build.createdAt)}</span>
      <span>· {plural(build.nodes.length, "node")}</span>
      {build.withoutSecrets && (
        <span title="Secrets and logins left empty: shareable through a link">· without secrets</span>
      )}
      {counts.length > 0 && <span>· {counts.map(([status, count]) => `${count} ${status}`).join(", ")}</span>}
      <span>
        · spec rev {build.specRevision}
        {build.specRevision !== revision && (
          <span className="text-amber-700"> (the spec is now rev {revision}: rebuild to pick up the changes)</span>
        )}
      </span>
    </section>
  );
}
