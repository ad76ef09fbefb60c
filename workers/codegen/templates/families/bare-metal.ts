/**
 * The files every bare-metal target (Cortex-M, AVR) shares: the node program, its config, and the
 * platform/console/formatter pairs whose .c side each family writes for its chip.
 */
import type { FirmwareFile } from "../../types";
import { source } from "../c";
import { configHeader } from "../config";
import { fmtHeader, FMT_SOURCE, type RomStrings } from "../fmt";
import type { NodeModel } from "../model";
import { PLATFORM_HEADER } from "../platform";
import { BARE_METAL_ENTRY, mainSource } from "../program";

export const CONSOLE_HEADER = source([
  "/* console.h: the node's console UART, polled both ways. */",
  "#ifndef CONSOLE_H",
  "#define CONSOLE_H",
  "",
  "#include <stdint.h>",
  "",
  "void console_init(void);",
  "void console_putc(char c);",
  "void console_write(const char *s);",
  "/* The next received byte, or -1 when none is waiting (never blocks). */",
  "int16_t console_read(void);",
  "",
  "#endif",
]);

export interface BareMetalParts {
  /** Lines for main.c's header comment: console, tick source, simulator notes. */
  notes: string[];
  /** How constant strings are stored (in RAM, or in flash with PROGMEM on AVR). */
  strings: RomStrings;
  platform: string;
  console: string;
}

export function bareMetalFiles(model: NodeModel, parts: BareMetalParts): FirmwareFile[] {
  return [
    {
      path: "main.c",
      content: mainSource(model, { includes: [], entry: BARE_METAL_ENTRY, commands: true, notes: parts.notes }),
    },
    { path: "config.h", content: configHeader(model, false) },
    { path: "platform.h", content: PLATFORM_HEADER },
    { path: "platform.c", content: parts.platform },
    { path: "console.h", content: CONSOLE_HEADER },
    { path: "console.c", content: parts.console },
    { path: "fmt.h", content: fmtHeader(parts.strings) },
    { path: "fmt.c", content: FMT_SOURCE },
  ];
}
