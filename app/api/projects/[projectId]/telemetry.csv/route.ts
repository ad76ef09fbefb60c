import { AppError, httpStatusOf } from "@/contracts/errors";
import { authorizeProject } from "@/server/auth/gate";
import { resolveOwner } from "@/server/auth/resolve-owner";
import { getDb } from "@/server/db";
import { telemetrySource } from "@/server/services/telemetry/source-for-project";

export const dynamic = "force-dynamic";

const nodeIdPattern = /^[a-z0-9][a-z0-9-]{0,63}$/i;

function timeParam(params: URLSearchParams, name: "from" | "to"): Date {
  const value = params.get(name);
  if (!value)
    throw new AppError(
      "BAD_REQUEST",
      `\`${name}\` is missing: give an ISO 8601 time, e.g. ${name}=2026-01-01T00:00:00Z.`,
    );
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) throw new AppError("BAD_REQUEST", `\`${name}\` is not a time: "${value}".`);
  return time;
}

/**
 * The swarm's stored telemetry in [from, to] (optionally one node) as CSV, for the owner's browser only:
 * the app reads it from the swarm's aggregator (local or on its AWS server), so the browser never holds its credentials. Anyone else gets 404.
 */
export async function GET(request: Request, context: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await context.params;
  try {
    const { prisma } = await getDb();
    const { caller } = await resolveOwner(prisma, request, { create: false });
    const project = await authorizeProject(prisma, caller, projectId);
    const params = new URL(request.url).searchParams;
    const from = timeParam(params, "from");
    const to = timeParam(params, "to");
    if (to.getTime() <= from.getTime()) throw new AppError("BAD_REQUEST", "`to` must be after `from`.");
    const nodeId = params.get("nodeId") || undefined;
    if (nodeId && !nodeIdPattern.test(nodeId)) throw new AppError("BAD_REQUEST", `"${nodeId}" is not a node id.`);
    const csv = await (await telemetrySource(prisma, project)).exportCsv(from, to, nodeId);
    const name = `${project.slug}${nodeId ? `-${nodeId}` : ""}-telemetry.csv`;
    return new Response(csv, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${name}"`,
        "cache-control": "private, no-store",
      },
    });
  } catch (error) {
    if (error instanceof AppError) return Response.json({ error: error.message }, { status: httpStatusOf[error.code] });
    throw error;
  }
}
