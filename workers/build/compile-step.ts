import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Board } from "../../boards/schema";
import type { StoredArtifact, WorkerApiClient } from "../queue-client/api-client";
import type { FirmwareFile } from "../codegen/types";
import type { CompileResult, MemoryUse, Toolchain } from "../toolchains/types";
import { compileCacheKey } from "./cache-key";

export type CompileStepResult =
  | { ok: true; cacheHit: boolean; memory: MemoryUse; artifacts: StoredArtifact[]; elf?: Uint8Array }
  | { ok: false; failure: Extract<CompileResult, { ok: false }> };

/**
 * Compiles injected sources, or reuses a stored result for the same key, and attaches the node's
 * .elf/.bin/.hex to the build. Compiles happen inside the toolchain's sandbox.
 */
export async function compileStep(input: {
  api: WorkerApiClient;
  jobId: string;
  nodeId: string;
  board: Board;
  toolchain: Toolchain;
  files: FirmwareFile[];
  stackReserve?: number;
  signal: AbortSignal;
}): Promise<CompileStepResult> {
  const { api, board, toolchain } = input;
  const toolchainVersion = await toolchain.version();
  const key = compileCacheKey({
    files: input.files,
    boardId: board.id,
    toolchainVersion,
    flags: toolchain.flags(board),
  });

  const hit = await api.cacheLookup(key);
  if (hit) {
    const uploads = Object.entries(hit.artifacts).map(([kind, sha256]) => ({
      kind: kind as "elf" | "bin" | "hex",
      name: `${input.nodeId}.${kind}`,
      sha256,
    }));
    const { artifacts } = await api.attachArtifacts(input.jobId, uploads);
    return { ok: true, cacheHit: true, memory: hit.memory as MemoryUse, artifacts };
  }

  const workDir = await mkdtemp(path.join(tmpdir(), `swarm-build-${input.nodeId}-`));
  try {
    const result = await toolchain.compile({
      board,
      files: input.files,
      workDir,
      stackReserve: input.stackReserve,
      signal: input.signal,
    });
    if (!result.ok) return { ok: false, failure: result };
    const { artifacts } = await api.attachArtifacts(input.jobId, [
      { kind: "elf", name: `${input.nodeId}.elf`, base64: Buffer.from(result.output.elf).toString("base64") },
      { kind: "bin", name: `${input.nodeId}.bin`, base64: Buffer.from(result.output.bin).toString("base64") },
      { kind: "hex", name: `${input.nodeId}.hex`, base64: Buffer.from(result.output.hex).toString("base64") },
    ]);
    const shas = Object.fromEntries(artifacts.map((artifact) => [artifact.kind, artifact.sha256]));
    await api.cacheStore({ key, memory: result.memory, artifacts: shas, toolchain: toolchainVersion });
    return { ok: true, cacheHit: false, memory: result.memory, artifacts, elf: result.output.elf };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
