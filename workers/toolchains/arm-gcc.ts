import type { Board } from "../../boards/schema";
import { compilerVersion } from "./compiler-version";
import { compileWithGcc } from "./gcc-build";
import { SOURCE_FLAGS, siblingTool, unique } from "./gcc-flags";
import type { CompileInput, CompileResult, Toolchain } from "./types";

// Flags every ARM build gets on top of the board's: small code, debug info for the ELF (not the image), dead-code
// removal (with --gc-sections from the board's ldflags), and the warnings the generator should hear about.
const COMMON_CFLAGS = ["-Os", "-g", "-ffunction-sections", "-fdata-sections", "-Wall", "-Wextra", "-std=c11"];

/** arm-none-eabi-gcc with newlib-nano; the sources bring their own startup code and link.ld. */
export class ArmGccToolchain implements Toolchain {
  readonly capability = "arm-gcc" as const;

  version(): Promise<string> {
    return compilerVersion("arm-none-eabi-gcc");
  }

  flags(board: Board): string[] {
    const { cflags, ldflags } = board.toolchain;
    return unique([...cflags, ...COMMON_CFLAGS, ...SOURCE_FLAGS, ...ldflags, "-T", "link.ld"]);
  }

  async compile(input: CompileInput): Promise<CompileResult> {
    if (!input.files.some((file) => file.path === "link.ld")) {
      const message = "no linker script link.ld in the sources";
      return {
        ok: false,
        reason: "compile",
        message,
        diagnostics: [{ file: "link.ld", line: 0, column: null, severity: "error", message }],
        log: "",
      };
    }
    const compiler = input.board.toolchain.compiler;
    return compileWithGcc(input, {
      compiler,
      objcopy: siblingTool(compiler, "objcopy"),
      flags: this.flags(input.board),
      objcopyFlags: [],
      defaultStackReserve: 1024,
    });
  }
}
