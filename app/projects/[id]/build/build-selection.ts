/** Which build each node card follows, and how a failed build.start reads to a person. */
import { SHARE_TOKEN_PARAM } from "@/contracts/share";

export interface BuildSummary {
  id: string;
  nodeIds: string[];
}

/**
 * The build in the URL for the nodes it built; every other node shows the newest build that
 * included it (builds are newest first), so "Build selected" does not blank the other cards.
 */
export function buildPerNode(
  nodeIds: readonly string[],
  builds: readonly BuildSummary[],
  preferred: BuildSummary | null,
): Map<string, string> {
  const result = new Map<string, string>();
  const candidates = preferred ? [preferred, ...builds] : builds;
  for (const nodeId of nodeIds) {
    const build = candidates.find((candidate) => candidate.nodeIds.includes(nodeId));
    if (build) result.set(nodeId, build.id);
  }
  return result;
}

export type StartProblem = { kind: "notice" | "error"; message: string };

/** "Nothing changed since the last successful build." (CONFLICT) is news, not a failure. */
export function describeStartProblem(error: unknown): StartProblem | null {
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { data?: { code?: string } | null }).data?.code;
  if (code === "CONFLICT") return { kind: "notice", message };
  return { kind: "error", message };
}

/** `?a=1&stage=build` with one parameter set (or removed with null), the others kept. */
export function withSearchParam(search: string, name: string, value: string | null): string {
  const params = new URLSearchParams(search);
  if (value === null) params.delete(name);
  else params.set(name, value);
  const query = params.toString();
  return query ? `?${query}` : "";
}

/**
 * The plain HTTP download of a node's artifact (app/api/builds/[buildId]/[nodeId]/[kind]); through a share
 * link it carries the link's token as `?share=`, since a download link cannot send a header.
 */
export function artifactHref(buildId: string, nodeId: string, kind: string, shareToken?: string): string {
  const path = `/api/builds/${encodeURIComponent(buildId)}/${encodeURIComponent(nodeId)}/${encodeURIComponent(kind)}`;
  return shareToken ? `${path}?${SHARE_TOKEN_PARAM}=${encodeURIComponent(shareToken)}` : path;
}
