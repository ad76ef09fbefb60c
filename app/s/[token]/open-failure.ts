/** Why a share link did not open, as its page explains it: pure, so the page only renders what this returns. */

export type OpenFailure =
  | { kind: "revoked"; title: string; message: string }
  | { kind: "not-found"; title: string; message: string }
  | { kind: "error"; title: string; message: string };

/** share.open answers FORBIDDEN for a revoked link and NOT_FOUND for one that never existed. */
export function describeOpenFailure(error: unknown): OpenFailure {
  const code = (error as { data?: { code?: string } | null } | null)?.data?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === "FORBIDDEN") {
    return {
      kind: "revoked",
      title: "This link was revoked",
      message: `${message || "Its owner revoked it."} Ask them for a new link if you still need it.`,
    };
  }
  if (code === "NOT_FOUND") {
    return {
      kind: "not-found",
      title: "This link does not exist",
      message: "Check that the address was copied whole: a share link is /s/ followed by a long code.",
    };
  }
  return { kind: "error", title: "This link could not be opened", message };
}
