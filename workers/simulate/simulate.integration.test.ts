/**
 * Template firmware, built with the real cross compilers in the sandbox, run through the sandboxed emulator runner:
 * each node boots, prints telemetry that parses and passes its expectations; a spinning node ends "timeout" while
 * another passes; a HardFault is reported as "fault"; text written to a node's UART reaches its firmware.
 */
import { afterAll, describe, expect, it } from "vitest";
import { getBoard } from "../../boards";
import type { TimedLine } from "../../contracts/simulate";
import { runNode, startNode } from "./run-node";
import { simulateNode } from "./simulate-node";
import {
  SEMIHOSTING_C,
  cleanUpFirmware,
  lm3sFirmware,
  lm3sFirmwareWithFaultHandlers,
  templateFirmware,
} from "./testing/firmware";

afterAll(cleanUpFirmware);

const board = (id: string) => getBoard(id)!;
// What a template node can promise (workers/codegen/templates): its boot event, telemetry with its fields in the
// sensor profile's range, the alert of its rule.
const TEMPLATE_EXPECT = [
  "event boot",
  "@t temperature",
  "temperature between 15 and 35",
  "humidity between 30 and 80",
  "at least 2 telemetry lines",
  "event alert",
  '/"board":"[a-z0-9-]+"/',
];

describe("template nodes in their emulators", () => {
  it.each([
    ["lm3s6965evb", "qemu-system-arm -M lm3s6965evb", 3000],
    ["netduino-plus-2", "qemu-system-arm -M netduinoplus2", 3000],
    // AVR has no -icount: firmware time is the wall clock, so a shorter run.
    ["arduino-uno", "qemu-system-avr -M arduino-uno", 1500],
  ])("%s boots, prints telemetry that parses and passes its expectations", async (id, emulator, durationMs) => {
    const image = await templateFirmware(id);
    const lines: TimedLine[] = [];
    const result = await simulateNode({
      board: board(id),
      image,
      mode: "check",
      durationMs,
      wallLimitMs: 60_000,
      expect: TEMPLATE_EXPECT,
      onLine: (line) => lines.push(line),
    });
    expect(result.checks.filter((c) => !c.passed)).toEqual([]);
    expect(result).toMatchObject({ status: "passed", emulator });
    expect(result.approximateMachine).toBeUndefined();
    expect(result.firmwareMs).toBeGreaterThanOrEqual(durationMs);
    const telemetry = lines.filter((l) => l.line.kind === "telemetry");
    expect(telemetry.length).toBeGreaterThanOrEqual(2);
    // Stamped in firmware time, in order, with the sample sequence counting up from 1.
    expect(telemetry.map((t) => (t.line.kind === "telemetry" ? t.line.record.seq : null))).toEqual(
      telemetry.map((_, i) => i + 1),
    );
    const times = lines.map((l) => l.firmwareMs);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(result.console).toContain('@e {"event":"boot","node":"gh-1","board":"' + id + '"}');
    expect(result.lines).toBe(lines.length);
  });

  it.each([
    ["bluepill-f103c8", /^ran on stm32vldiscovery \(STM32F100.*initial stack moved from 0x20005000 to 0x20002000/],
    ["nucleo-f401re", /^ran on netduinoplus2 \(STM32F405 \(Cortex-M4F\)\); QEMU 7\.2 has no STM32F401 model/],
    ["blackpill-f411ce", /^ran on netduinoplus2 \(STM32F405 \(Cortex-M4F\)\); QEMU 7\.2 has no STM32F411 model/],
  ])("%s runs on the closest machine of its family and says so", async (id, note) => {
    const result = await simulateNode({
      board: board(id),
      image: await templateFirmware(id),
      mode: "check",
      durationMs: 1000,
      expect: ["event boot", "@t temperature"],
    });
    expect(result.checks.filter((c) => !c.passed)).toEqual([]);
    expect(result.status).toBe("passed");
    expect(result.approximateMachine).toMatch(note);
  });

  it("fails a node whose expectations its output does not meet, naming the evidence", async () => {
    const result = await simulateNode({
      board: board("lm3s6965evb"),
      image: await templateFirmware("lm3s6965evb"),
      mode: "check",
      durationMs: 1000,
      expect: ["temperature between 40 and 50", "event reboot"],
    });
    expect(result).toMatchObject({ status: "failed", reason: "expectations", detail: "2 of 2 expectations failed" });
    expect(result.checks[0]!.evidence).toMatch(/^temperature 2\d\.\d+ is not between 40 and 50: @t \{/);
    expect(result.checks[1]!.evidence).toBe('no "reboot" event');
  });
});

describe("nodes that misbehave", () => {
  it("ends a node that spins forever with timeout at the wall-clock limit while another node passes", async () => {
    const spinner = await lm3sFirmware("int main(void) {\n  for (;;) {\n  }\n}\n");
    const good = await templateFirmware("lm3s6965evb");
    const [spun, passed] = await Promise.all([
      // A firmware duration far beyond what the wall-clock limit allows: only the limit can end this run.
      runNode({ board: board("lm3s6965evb"), image: spinner, mode: "check", durationMs: 3_600_000, wallLimitMs: 4000 }),
      runNode({ board: board("lm3s6965evb"), image: good, mode: "check", durationMs: 1000, wallLimitMs: 60_000 }),
    ]);
    expect(spun).toMatchObject({ status: "failed", reason: "timeout", lines: 0 });
    expect(passed.status).toBe("passed");
    expect(passed.lines).toBeGreaterThan(2);
  });

  it("reports a HardFault (an undefined instruction; the handler loops) as fault, with the PC", async () => {
    const main = 'int main(void) {\n  __asm__ volatile("udf #0");\n  return 0;\n}\n';
    const result = await runNode({
      board: board("lm3s6965evb"),
      image: await lm3sFirmwareWithFaultHandlers(main),
      mode: "check",
      durationMs: 3_600_000,
      wallLimitMs: 20_000,
    });
    expect(result).toMatchObject({ status: "failed", reason: "fault" });
    expect(result.detail).toMatch(/^HardFault \(IPSR 3\) at PC 0x[0-9a-f]{8}$/);
  });

  it.each([
    [0, { status: "passed", detail: "the firmware exited with status 0" }],
    [3, { status: "failed", reason: "exit 3" }],
  ])("ends a check run when the firmware exits through semihosting with status %i", async (code, verdict) => {
    const main = `${SEMIHOSTING_C}\nint main(void) {\n  print("bye\\n");\n  exit_with(${code});\n  return 0;\n}\n`;
    const result = await runNode({
      board: board("lm3s6965evb"),
      image: await lm3sFirmware(main),
      mode: "check",
      durationMs: 3_600_000,
      wallLimitMs: 30_000,
    });
    expect(result).toMatchObject({ ...verdict, console: "bye\n", lines: 1 });
  });

  it("reports a lockup (a fault inside the fault handler) as fault", async () => {
    // No HardFault handler: the vector table has two entries, so a fault fetches vector 3 from unprogrammed flash.
    const main = "int main(void) {\n  ((void (*)(void))0xF0000001u)();\n  return 0;\n}\n";
    const result = await runNode({
      board: board("lm3s6965evb"),
      image: await lm3sFirmware(main),
      mode: "check",
      durationMs: 3_600_000,
      wallLimitMs: 20_000,
    });
    expect(result).toMatchObject({ status: "failed", reason: "fault" });
  });
});

describe("commands to a node's UART", () => {
  // The template firmware does not read its UART (see the report); this echo program proves the path.
  const ECHO = `#include <stdint.h>
#define UART_DR (*(volatile uint32_t *)0x4000C000u)
#define UART_FR (*(volatile uint32_t *)0x4000C018u)
static void put(char c) { while (UART_FR & (1u << 5)) {} UART_DR = (uint8_t)c; }
static void puts_(const char *s) { while (*s) put(*s++); }
int main(void) {
  *(volatile uint32_t *)0x4000C030u = 0x301u;
  puts_("ready\\r\\n");
  for (;;) {
    puts_("echo: ");
    for (;;) {
      while (UART_FR & (1u << 4)) {}
      char c = (char)UART_DR;
      if (c == '\\n') break;
      put(c);
    }
    puts_("\\r\\n");
  }
}
`;

  it("delivers a line written to the node's UART to its firmware (an echo program answers it)", async () => {
    const controller = new AbortController();
    const seen: string[] = [];
    const run = startNode({
      board: board("lm3s6965evb"),
      image: await lm3sFirmware(ECHO),
      mode: "live",
      signal: controller.signal,
      wallLimitMs: 30_000,
      onLine: ({ line }) => {
        seen.push(line.raw);
        if (line.raw === "ready") run.write("fan on\n");
        if (line.raw.startsWith("echo: fan on")) controller.abort();
      },
    });
    const result = await run.done;
    // The last, unfinished line ("echo: " of the next round) comes with the end of the run.
    expect(seen.slice(0, 2)).toEqual(["ready", "echo: fan on"]);
    expect(result.status).toBe("stopped");
  });
});
