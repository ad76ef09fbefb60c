import type { NodeConsole } from "./console";
import { QmpClient, cortexMFault, guestClockMs } from "./qmp";

/** Check runs look at the clock at least this often, and at the CPU state every FAULT_EVERY_MS. */
const CHECK_POLL_MS = 20;
const FAULT_EVERY_MS = 200;
/** Live runs only look for a fault, once a second, so idle nodes stay cheap. */
const LIVE_POLL_MS = 1000;
/** After `stop`, time for the output already in the pipe to be read before the lines are stamped. */
const DRAIN_MS = 1;

export interface SessionOptions {
  mode: "check" | "live";
  /** QEMU runs with -icount: firmware time must be read from QEMU (it runs ahead of the wall clock). */
  icount: boolean;
  /** Cortex-M: `info registers` tells whether the CPU sits in a fault handler. */
  faultRegisters: boolean;
  durationMs: number;
  console: NodeConsole;
}

/**
 * Drives one QEMU run over QMP: starts the paused machine, keeps the firmware clock, stamps console lines, ends the
 * run at its firmware duration or when the CPU is stuck in a fault handler.
 *
 * Firmware time: without -icount the guest clock is the host clock from `cont` on. With -icount (check runs) the
 * guest runs many times faster than the wall clock and QEMU only reveals its clock as `info jit`'s "Host - Guest
 * clock" drift. So when output arrives (or every 20 ms) the machine is stopped, the clock read, the lines received
 * so far stamped with it (they were printed at or before that time), and the machine continued.
 *
 * Measured on QEMU 7.2: under -icount the Cortex-M SysTick delivers fewer ticks than the virtual clock allows, so
 * firmware that counts SysTick milliseconds runs slow against it (template firmware sampling every 250 ms of its own
 * time prints every ~500 ms of virtual time with sleep=off). Stamps and durations are the virtual clock; live runs
 * (no icount) and rp2040js agree with the firmware's own count.
 */
export class QemuSession {
  private runningSince: number | null = null;
  private ranMs = 0;
  private wake: (() => void) | null = null;
  private exited = false;
  private firmware = 0;
  ended: "duration" | "fault" | null = null;
  fault: string | null = null;

  constructor(private readonly options: SessionOptions) {}

  /** QEMU's own run time (cpu_get_clock): host time while the machine was running. */
  private hostRunMs(): number {
    return this.ranMs + (this.runningSince === null ? 0 : performance.now() - this.runningSince);
  }

  get firmwareMs(): number {
    return this.options.icount ? this.firmware : this.hostRunMs();
  }

  /** New output: stamp it now (host clock) or wake the loop to read QEMU's clock. */
  output(): void {
    if (this.options.icount) this.wake?.();
    else this.options.console.stamp(this.hostRunMs());
  }

  processExited(): void {
    this.exited = true;
    this.wake?.();
  }

  async drive(socketPath: string, connectMs: number, signal?: AbortSignal): Promise<void> {
    const qmp = await QmpClient.connect(socketPath, connectMs, signal);
    try {
      await this.resume(qmp);
      let lastFaultLook = 0;
      let faultSeen: string | null = null;
      const { mode, icount, faultRegisters, durationMs } = this.options;
      while (!this.exited && this.ended === null) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, mode === "check" ? CHECK_POLL_MS : LIVE_POLL_MS);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wake = null;
        if (this.exited) break;
        if (icount) {
          await qmp.execute("stop");
          this.pause();
          await new Promise((resolve) => setTimeout(resolve, DRAIN_MS));
          const guest = guestClockMs(await qmp.human("info jit"), this.ranMs);
          if (guest !== null) this.firmware = Math.max(this.firmware, guest);
          this.options.console.stamp(this.firmware);
        }
        if (mode === "check" && this.firmwareMs >= durationMs) this.ended = "duration";
        const now = performance.now();
        if (this.ended === null && faultRegisters && (mode === "live" || now - lastFaultLook >= FAULT_EVERY_MS)) {
          lastFaultLook = now;
          const found = cortexMFault(await qmp.human("info registers"));
          // Seen twice in a row: a fault handler that returns (or resets the chip) is not stuck.
          if (found && faultSeen) {
            this.ended = "fault";
            this.fault = found;
          }
          faultSeen = found;
        }
        if (this.ended !== null) break;
        if (icount) await this.resume(qmp);
      }
      if (this.ended !== null && !this.exited) await qmp.execute("quit").catch(() => undefined);
    } finally {
      qmp.close();
    }
  }

  private async resume(qmp: QmpClient): Promise<void> {
    await qmp.execute("cont");
    this.runningSince = performance.now();
  }

  private pause(): void {
    if (this.runningSince !== null) this.ranMs += performance.now() - this.runningSince;
    this.runningSince = null;
  }
}
