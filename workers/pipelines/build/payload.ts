import type { SystemSpec } from "../../../contracts/spec/schema";
import type { FirmwareFile } from "../../codegen/types";

/** What the app puts in a `build-node` job: everything except secrets, which the worker fetches. */
export interface BuildNodePayload {
  buildId: string;
  projectId: string;
  nodeId: string;
  spec: SystemSpec;
  /** The user's pinned source: compiled as is, never regenerated. */
  pinnedFiles: FirmwareFile[] | null;
  generator: "auto" | "templates" | "anthropic";
  maxIterations: number;
  stackReserve?: number;
}

export interface NodeBuildResult {
  nodeId: string;
  iterations: number;
  cacheHit: boolean;
  memory: unknown;
  generator: string;
  artifacts: { kind: string; name: string; sha256: string; size: number }[];
  usage: {
    inputTokens: number;
    outputTokens: number;
    cacheReadInputTokens: number;
    cacheCreationInputTokens: number;
  } | null;
}
