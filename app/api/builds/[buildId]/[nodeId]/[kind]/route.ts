import { AppError, httpStatusOf } from "@/contracts/errors";
import { resolveOwner } from "@/server/auth/resolve-owner";
import { getDb } from "@/server/db";
import { getBuildArtifact } from "@/server/services/build/get-build-artifact";
import { authorizeFirmwareDownload, shareTokenOf } from "@/server/services/share/authorize-download";

export const dynamic = "force-dynamic";

/**
 * Plain HTTP download of a build artifact (the `url` that build.artifact returns), for the owner's
 * browser: images carry the injected Wi-Fi and MQTT credentials. A share link's token (`x-share-token` or
 * `?share=`) gets a build made without secrets, when its link allows firmware (else 403). Anyone else gets 404.
 */
export async function GET(
  request: Request,
  context: { params: Promise<{ buildId: string; nodeId: string; kind: string }> },
) {
  const params = await context.params;
  try {
    const { prisma } = await getDb();
    const { caller } = await resolveOwner(prisma, request, { create: false });
    const build = await authorizeFirmwareDownload(prisma, caller, {
      buildId: params.buildId,
      token: shareTokenOf(request),
    });
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
