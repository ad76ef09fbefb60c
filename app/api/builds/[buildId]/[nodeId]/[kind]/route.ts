import { AppError, httpStatusOf } from "@/contracts/errors";
import { authorizeBuild } from "@/server/auth/gate";
import { resolveOwner } from "@/server/auth/resolve-owner";
import { getDb } from "@/server/db";
import { getBuildArtifact } from "@/server/services/build/get-build-artifact";

export const dynamic = "force-dynamic";

/**
 * Plain HTTP download of a build artifact (the `url` that build.artifact returns), for the owner's
 * browser only: images carry the injected Wi-Fi and MQTT credentials. Anyone else gets 404.
 */
export async function GET(
  request: Request,
  context: { params: Promise<{ buildId: string; nodeId: string; kind: string }> },
) {
  const params = await context.params;
  try {
    const { prisma } = await getDb();
    const { caller } = await resolveOwner(prisma, request, { create: false });
    const { build } = await authorizeBuild(prisma, caller, params.buildId);
    const artifact = await getBuildArtifact(prisma, {
      build,
      nodeId: params.nodeId,
      kind: params.kind,
      withData: true,
    });
    return new Response(new Uint8Array(artifact.data!), {
      headers: {
        "content-type": artifact.contentType,
        "content-length": String(artifact.size),
        "content-disposition": `attachment; filename="${artifact.name}"`,
        etag: `"${artifact.sha256}"`,
        "cache-control": "private, max-age=31536000, immutable",
      },
    });
  } catch (error) {
    if (error instanceof AppError) return Response.json({ error: error.message }, { status: httpStatusOf[error.code] });
    throw error;
  }
}
