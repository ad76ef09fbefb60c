import { getDb } from "@/server/db";
import { AppError, httpStatusOf } from "@/contracts/errors";
import { getBuildArtifact } from "@/server/services/build/get-build-artifact";

export const dynamic = "force-dynamic";

/** Plain HTTP download of a build artifact (the `url` that build.artifact returns). */
export async function GET(
  _request: Request,
  context: { params: Promise<{ buildId: string; nodeId: string; kind: string }> },
) {
  const params = await context.params;
  try {
    const artifact = await getBuildArtifact((await getDb()).prisma, { ...params, withData: true });
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
