import { AppError } from "../../../contracts/errors";
import type { Build, PrismaClient } from "../../generated/prisma/client";
import { authorizeBuild } from "../../auth/gate";
import type { Caller } from "../../auth/resolve-owner";
import { findShareLink } from "../../auth/share-link";
import { SHARE_TOKEN_HEADER, SHARE_TOKEN_PARAM } from "../../../contracts/share";

/** A download link cannot send a header, so the token may also come as `?share=`. */
export function shareTokenOf(request: Request): string | null {
  return request.headers.get(SHARE_TOKEN_HEADER) || new URL(request.url).searchParams.get(SHARE_TOKEN_PARAM) || null;
}

/**
 * Whether a firmware download may go ahead. The owner always; a share link's holder only when the owner
 * allowed firmware on that link AND the build was made without secrets (images carry injected credentials).
 */
export async function authorizeFirmwareDownload(
  prisma: PrismaClient,
  caller: Caller | null,
  input: { buildId: string; token: string | null },
): Promise<Build> {
  const { build, viewer } = await authorizeBuild(prisma, caller, input.buildId, {
    token: input.token,
    readable: true,
  });
  if (viewer === "owner") return build;
  const link = await findShareLink(prisma, input.token);
  if (!link?.allowFirmware)
    throw new AppError("FORBIDDEN", "This link does not allow firmware downloads: ask the owner for one that does.");
  if (!build.withoutSecrets)
    throw new AppError(
      "FORBIDDEN",
      "This build carries the project's secrets, so a link cannot download it: the owner must build without secrets for sharing.",
    );
  return build;
}
