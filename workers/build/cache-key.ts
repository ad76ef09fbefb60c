import { createHash } from "node:crypto";
import type { FirmwareFile } from "../codegen/types";

/** sha256 over the injected sources, board, compiler version and flags: what decides the output. */
export function compileCacheKey(input: {
  files: FirmwareFile[];
  boardId: string;
  toolchainVersion: string;
  flags: string[];
}) {
  const hash = createHash("sha256");
  hash.update(JSON.stringify([input.boardId, input.toolchainVersion, input.flags]));
  for (const file of [...input.files].sort((a, b) => a.path.localeCompare(b.path))) {
    hash.update(`\0${file.path}\0${file.content.length}\0${file.content}`);
  }
  return hash.digest("hex");
}
