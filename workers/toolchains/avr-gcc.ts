import type { Board } from "../../boards/schema";
import { compilerVersion } from "./compiler-version";
import { compileWithGcc } from "./gcc-build";
import { SOURCE_FLAGS, siblingTool, unique } from "./gcc-flags";
import type { CompileInput, CompileResult, Toolchain } from "./types";

// The board's cflags carry -mmcu and -DF_CPU. gnu11 because avr-libc's headers use GNU extensions; -g only
// enlarges the ELF, not the image.
const COMMON_CFLAGS = ["-Os", "-g", "-std=gnu11", "-ffunction-sections", "-fdata-sections", "-Wall", "-Wextra"];
// EEPROM contents, fuses, lock bits and signature live at 0x810000+ in the ELF; in a flash image they would
// stretch it to megabytes of padding. STK500 uploads of the .hex carry program flash only.
const NOT_FLASH = [".eeprom", ".fuse", ".lock", ".signature", ".user_signatures"].flatMap((name) => ["-R", name]);

/** avr-gcc with avr-libc's start-up code and the toolchain's own linker scripts for the -mmcu device. */
export class AvrGccToolchain implements Toolchain {
  readonly capability = "avr-gcc" as const;

  version(): Promise<string> {
    return compilerVersion("avr-gcc");
  }

  flags(board: Board): string[] {
    const { cflags, ldflags } = board.toolchain;
    return unique([...cflags, ...COMMON_CFLAGS, ...SOURCE_FLAGS, ...ldflags, "-Wl,--gc-sections"]);
  }

  compile(input: CompileInput): Promise<CompileResult> {
    const compiler = input.board.toolchain.compiler;
    return compileWithGcc(input, {
      compiler,
      objcopy: siblingTool(compiler, "objcopy"),
      flags: this.flags(input.board),
      objcopyFlags: NOT_FLASH,
      defaultStackReserve: 256,
    });
  }
}
