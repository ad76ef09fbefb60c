/** Test-only: firmware for the simulate tests, built with the real cross compilers through the sandboxed toolchains. */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import lm3s6965evb from "../../../boards/lm3s6965evb";
import type { SystemSpec } from "../../../contracts/spec/schema";
import type { FirmwareFile } from "../../codegen/types";
import { board, fillPlaceholders, generate, greenhouseSpec } from "../../codegen/templates/testing/fixtures";
import { toolchainFor } from "../../toolchains";
import { armFirmware, cortexM3LinkerScript } from "../../toolchains/test-fixtures";

const dirs: string[] = [];
export const cleanUpFirmware = () => Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));

async function compile(boardId: string, files: FirmwareFile[]): Promise<Uint8Array> {
  const target = board(boardId);
  const workDir = await mkdtemp(path.join(os.tmpdir(), `simulate-fw-${boardId}-`));
  dirs.push(workDir);
  const result = await toolchainFor(target)!.compile({ board: target, files, workDir });
  if (!result.ok) throw new Error(`${boardId} did not build: ${result.message}\n${result.log}`);
  return result.output.elf;
}

/** The template synthesizer's firmware for a one-node greenhouse swarm on this board (node id gh-1). */
export async function templateFirmware(
  boardId: string,
  spec: SystemSpec = greenhouseSpec(boardId),
): Promise<Uint8Array> {
  return compile(boardId, fillPlaceholders(await generate(spec)));
}

/** A bare LM3S6965 program (vector table, reset handler) around this main.c. */
export function lm3sFirmware(main: string): Promise<Uint8Array> {
  return compile(lm3s6965evb.id, armFirmware([], main));
}

/** A Cortex-M3 vector table whose fault handlers loop, as most firmware's do (the fixture's table has 2 entries). */
const STARTUP_WITH_FAULT_HANDLERS = `#include <stdint.h>
extern uint32_t _estack;
int main(void);
void Reset_Handler(void) { main(); for (;;) {} }
void Fault_Handler(void) { for (;;) {} }
__attribute__((section(".isr_vector"), used)) void (*const vectors[16])(void) = {
  (void (*)(void))&_estack, Reset_Handler, Fault_Handler, Fault_Handler, Fault_Handler, Fault_Handler, Fault_Handler,
};
`;

/** An LM3S6965 program with fault handlers that loop forever. */
export function lm3sFirmwareWithFaultHandlers(main: string): Promise<Uint8Array> {
  return compile(lm3s6965evb.id, [
    { path: "link.ld", content: cortexM3LinkerScript },
    { path: "startup.c", content: STARTUP_WITH_FAULT_HANDLERS },
    { path: "main.c", content: main },
  ]);
}

/** C for semihosting calls (ARM "bkpt 0xAB", operation in r0, argument block in r1). */
export const SEMIHOSTING_C = `
static int semihost(int op, void *arg) {
  register int r0 __asm__("r0") = op;
  register void *r1 __asm__("r1") = arg;
  __asm__ volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
  return r0;
}
static void print(const char *text) { semihost(0x04, (void *)text); }
static void print_int(const char *label, int value) {
  char buf[16];
  int i = 15;
  unsigned v = value < 0 ? (unsigned)-value : (unsigned)value;
  buf[i] = 0;
  do { buf[--i] = (char)('0' + v % 10); v /= 10; } while (v && i > 1);
  if (value < 0) buf[--i] = '-';
  print(label);
  print(buf + i);
  print("\\n");
}
static void exit_with(int code) {
  static int block[2];
  block[0] = 0x20026;
  block[1] = code;
  semihost(0x20, block);
}
`;

/** A C string literal for a host path (test paths are plain ASCII without quotes). */
export const cString = (text: string) => JSON.stringify(text);
