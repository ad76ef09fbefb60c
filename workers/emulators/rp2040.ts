import { Simulator } from "rp2040js";
import type { NodeRunResult } from "../../contracts/simulate";
import { NodeConsole } from "./console";
import { type Emulator, type EmulatorRun, type NodeRun, uartText } from "./types";

const FLASH_BASE = 0x1000_0000;
const SRAM_END = 0x2004_2000;
/** Instructions between looks at the wall clock, the abort signal and the event loop. */
const SLICE = 20_000;
const FAULT_NAMES: Record<number, string> = { 3: "HardFault" };
// Semihosting operations the in-process emulator answers: only the exits. Nothing reaches the host from here.
const SYS_EXIT = 0x18;
const SYS_EXIT_EXTENDED = 0x20;
const ADP_STOPPED_APPLICATION_EXIT = 0x20026;

/** Copies the image into flash: an ELF's loadable segments at their addresses, or a raw image from 0x10000000. */
export function loadFlash(flash: Uint8Array, image: Uint8Array): void {
  const isElf = image[0] === 0x7f && image[1] === 0x45 && image[2] === 0x4c && image[3] === 0x46;
  if (!isElf) {
    flash.set(image.subarray(0, flash.length));
    return;
  }
  const view = new DataView(image.buffer, image.byteOffset, image.byteLength);
  const phoff = view.getUint32(28, true);
  const phentsize = view.getUint16(42, true);
  for (let i = 0; i < view.getUint16(44, true); i++) {
    const at = phoff + i * phentsize;
    if (view.getUint32(at, true) !== 1) continue; // PT_LOAD
    const offset = view.getUint32(at + 4, true);
    const paddr = view.getUint32(at + 12, true);
    const size = view.getUint32(at + 16, true);
    if (size === 0 || paddr < FLASH_BASE || paddr + size > FLASH_BASE + flash.length) continue;
    flash.set(image.subarray(offset, offset + size), paddr - FLASH_BASE);
  }
}

/**
 * The Raspberry Pi Pico on rp2040js, inside the worker process (no native parts, no host access). The boot ROM is
 * not in the package, so the run starts the way the ROM hands over to flash: SP at the top of SRAM, PC at boot2 in
 * flash (0x10000000), LR = 0. UART0 is the console.
 */
export class Rp2040Emulator implements Emulator {
  readonly name = "rp2040js";

  start(run: EmulatorRun): NodeRun {
    // Simulator only builds the chip with a SimulationClock (tick, next alarm); the loop below runs it.
    const simulator = new Simulator();
    const mcu = simulator.rp2040;
    loadFlash(mcu.flash, run.image);
    mcu.core.SP = SRAM_END;
    mcu.core.PC = FLASH_BASE;
    mcu.core.LR = 0;
    const firmwareMs = () => simulator.clock.nanos / 1e6;
    const console = new NodeConsole(run.onLine);
    // In-process: the firmware clock is exact when each byte arrives.
    mcu.uart[0].onByte = (byte) => {
      console.push(Uint8Array.of(byte));
      if (byte === 0x0a) console.stamp(firmwareMs());
    };
    // The UART's receive FIFO holds 32 bytes and drops the rest: input waits here until the firmware reads.
    const input: number[] = [];
    const feed = () => {
      const uart = mcu.uart[0] as unknown as { rxFIFO: { full: boolean }; feedByte(byte: number): void };
      while (input.length > 0 && !uart.rxFIFO.full) uart.feedByte(input.shift()!);
    };
    const write = (text: string) => {
      input.push(...new TextEncoder().encode(uartText(text)));
      feed();
    };
    return { done: this.loop(run, simulator, console, feed), write };
  }

  private async loop(
    run: EmulatorRun,
    simulator: Simulator,
    console: NodeConsole,
    feedInput: () => void,
  ): Promise<NodeRunResult> {
    const mcu = simulator.rp2040;
    const started = performance.now();
    const wall = () => performance.now() - started;
    let exitCode: number | null = null;
    mcu.onBreak = (code) => {
      mcu.core.breakRewind = 0;
      if (code !== 0xab) return;
      const [op, arg] = [mcu.core.registers[0], mcu.core.registers[1]];
      if (op === SYS_EXIT_EXTENDED) exitCode = mcu.core.readUint32(arg + 4);
      else if (op === SYS_EXIT) exitCode = arg === ADP_STOPPED_APPLICATION_EXIT ? 0 : 1;
      else mcu.core.registers[0] = 0xffffffff; // not supported here
    };
    const end = (status: NodeRunResult["status"], reason?: string, detail?: string): NodeRunResult => {
      console.flush(simulator.clock.nanos / 1e6);
      return {
        status,
        ...(reason ? { reason } : {}),
        ...(detail ? { detail } : {}),
        emulator: this.name,
        console: console.text(),
        lines: console.lines,
        firmwareMs: Math.round(simulator.clock.nanos / 1e6),
        wallMs: Math.round(wall()),
      };
    };
    let faultSeen = false;
    for (;;) {
      if (run.signal?.aborted) return end("stopped");
      if (wall() > run.wallLimitMs) return end("failed", "timeout", `wall-clock limit of ${run.wallLimitMs / 1000} s`);
      const until = run.mode === "live" ? wall() * 1e6 : run.durationMs * 1e6;
      feedInput();
      this.slice(simulator, until, () => exitCode !== null);
      if (exitCode !== null) {
        return exitCode === 0
          ? end("passed", undefined, "the firmware exited with status 0")
          : end("failed", `exit ${exitCode}`);
      }
      const fault = FAULT_NAMES[mcu.core.IPSR];
      if (fault && faultSeen)
        return end("failed", "fault", `${fault} (IPSR ${mcu.core.IPSR}) at PC 0x${mcu.core.PC.toString(16)}`);
      faultSeen = fault !== undefined;
      if (run.mode === "check" && simulator.clock.nanos >= run.durationMs * 1e6) return end("passed");
      // Live runs sleep until the wall clock catches up with the firmware; check runs only let I/O through.
      const ahead = run.mode === "live" ? simulator.clock.nanos / 1e6 - wall() : 0;
      await new Promise((resolve) => (ahead > 1 ? setTimeout(resolve, Math.min(ahead, 50)) : setImmediate(resolve)));
    }
  }

  /** Runs up to SLICE instructions, or until firmware time reaches `untilNanos`; an idle core skips to its next alarm. */
  private slice(simulator: Simulator, untilNanos: number, halted: () => boolean): void {
    const { rp2040: mcu, clock } = simulator;
    const { core } = mcu;
    for (let i = 0; i < SLICE && clock.nanos < untilNanos && !halted(); i++) {
      if (core.waiting) {
        const next = clock.nanosToNextAlarm;
        if (next <= 0 || !Number.isFinite(next)) break;
        clock.tick(Math.min(next, untilNanos - clock.nanos));
        // rp2040js 1.4.1 wakes a WFI core for NVIC interrupts but not for SysTick: do what the core would.
        if (core.pendingSystick && core.checkForInterrupts()) core.waiting = false;
      } else {
        const cycles = core.executeInstruction();
        clock.tick((cycles * 1e9) / mcu.clkSys);
      }
    }
  }
}
