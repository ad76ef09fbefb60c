import type { Board, Capability } from "../../boards/schema";
import type { FirmwareFile } from "../codegen/types";

export interface Diagnostic {
  file: string;
  line: number;
  column: number | null;
  severity: "error" | "warning" | "note";
  message: string;
}

export interface MemoryUse {
  /** Bytes the image occupies in flash: text + data (+ any other loadable read-only sections). */
  flash: number;
  /** Bytes of statically allocated RAM: data + bss (+ noinit). */
  ram: number;
  flashBudget: number;
  ramBudget: number;
  /** RAM kept free for the stack, counted against ramBudget. */
  stackReserve: number;
}

export interface CompileOutput {
  elf: Uint8Array;
  /** Raw image from the first flash byte (objcopy -O binary). */
  bin: Uint8Array;
  /** Intel HEX (objcopy -O ihex), what STK500/AVR tools read. */
  hex: string;
}

export type CompileResult =
  | { ok: true; output: CompileOutput; memory: MemoryUse; diagnostics: Diagnostic[]; log: string }
  | {
      ok: false;
      reason: "compile" | "memory" | "limits";
      message: string;
      diagnostics: Diagnostic[];
      memory?: MemoryUse;
      log: string;
    };

export interface CompileInput {
  board: Board;
  files: FirmwareFile[];
  /** Empty directory this compile may write to; the sandbox makes it the only writable path. */
  workDir: string;
  stackReserve?: number;
  signal?: AbortSignal;
}

export interface Toolchain {
  readonly capability: Capability;
  /** Version string of the compiler, part of the compile cache key. */
  version(): Promise<string>;
  /** Flags that affect the output, part of the compile cache key. */
  flags(board: Board): string[];
  compile(input: CompileInput): Promise<CompileResult>;
}
