/** platform.h: the small interface between the node program (main.c) and a target. */
import { source } from "./c";

export const PLATFORM_HEADER = platformHeader(false);

/** platform.h; network targets hand over commands from the MQTT command topic, bare metal reads them from the console. */
export function platformHeader(network: boolean): string {
  return source([
    "/* platform.h: what the node program needs from the target (clock, console, outputs). */",
    "#ifndef PLATFORM_H",
    "#define PLATFORM_H",
    "",
    "#include <stdint.h>",
    "",
    "/* Clocks, console and the millisecond tick. */",
    "void platform_init(void);",
    "/* Milliseconds since platform_init(), wrapping after about 49 days. */",
    "uint32_t platform_millis(void);",
    "/* Waits for the next interrupt (at most one millisecond). */",
    "void platform_idle(void);",
    '/* Sends one complete line ("@t {...}", "@e {...}" or a log), without its line ending. */',
    "void platform_emit(const char *line);",
    "/* Drives actuator `index` (in spec order) on or off. */",
    "void platform_actuator(uint8_t index, uint8_t on);",
    "#ifdef SWARM_SIM_MAX_SAMPLES",
    "/* Ends a test run (QEMU exits with `code` where the target supports it). */",
    "void platform_exit(int code);",
    "#endif",
    ...(network
      ? [
          "/* Waits up to wait_ms for a command from the MQTT command topic; copies it to text, returns its length (0: none). */",
          "uint16_t platform_wait_command(char *text, uint16_t cap, uint32_t wait_ms);",
        ]
      : [
          "/* The next byte received on the console (commands arrive there, one per line), or -1: never blocks. */",
          "int16_t platform_read(void);",
        ]),
    "",
    '/* Implemented by the node program: a text command such as "fan on". */',
    "void node_command(const char *text, uint16_t len);",
    "",
    "#endif",
  ]);
}
