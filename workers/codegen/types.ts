import type { Board } from "../../boards/schema";
import type { SpecNode, SystemSpec } from "../../contracts/spec/schema";

import type { FirmwareFile } from "../../contracts/firmware";

export type { FirmwareFile };

/** What went wrong in the previous iteration, fed back to the generator. */
export interface BuildFeedback {
  previousFiles: FirmwareFile[];
  /** Compiler/linker diagnostics as the compiler printed them (file:line:col: error: ...). */
  diagnostics?: string;
  /** e.g. "flash 70,212 / 65,536 bytes (overflow by 4,676)". */
  memory?: string;
  failedChecks?: string[];
}

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  cacheReadInputTokens: number;
  cacheCreationInputTokens: number;
}

export interface GenerateInput {
  spec: SystemSpec;
  node: SpecNode;
  board: Board;
  /** 1-based iteration number. */
  iteration: number;
  feedback?: BuildFeedback;
  signal?: AbortSignal;
  /** Streams progress lines (e.g. "claude: 1,200 tokens") to the build log. */
  onProgress?: (line: string) => void;
}

export interface GenerateResult {
  files: FirmwareFile[];
  usage?: TokenUsage;
  /** Model or generator version, recorded with the build. */
  generator: string;
}

export interface FirmwareGenerator {
  readonly name: "templates" | "anthropic";
  generate(input: GenerateInput): Promise<GenerateResult>;
}
