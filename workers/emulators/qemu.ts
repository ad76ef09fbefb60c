import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { NodeRunResult } from "../../contracts/simulate";
import { runSandboxed } from "../sandbox/run-sandboxed";
import type { SandboxResult } from "../sandbox/types";
import { NodeConsole } from "./console";
import type { QemuMachine } from "./machines";
import { QemuSession } from "./qemu-session";
import { type Emulator, type EmulatorRun, type NodeRun, uartText } from "./types";

// QEMU's own seccomp filter on top of bubblewrap: no fork/exec (semihosting SYS_SYSTEM), no setuid, no priorities.
const QEMU_SANDBOX = "on,obsolete=deny,elevateprivileges=deny,spawn=deny,resourcecontrol=deny";
const QMP_SOCKET = "qmp.sock";

type Verdict = { status: NodeRunResult["status"]; reason?: string; detail?: string };

const isElf = (image: Uint8Array) => image[0] === 0x7f && image[1] === 0x45 && image[2] === 0x4c && image[3] === 0x46;

/** One QEMU machine. Every run goes through the bubblewrap sandbox with QEMU's seccomp sandbox on. */
export class QemuEmulator implements Emulator {
  readonly name: string;

  constructor(
    readonly machineName: string,
    private readonly machine: QemuMachine,
    /** Index of the board's console UART among the machine's `-serial` slots. */
    private readonly serialIndex: number,
    /** Flash origin, where a raw (non-ELF) image is loaded. */
    private readonly flashOrigin: number,
  ) {
    this.name = `${machine.binary} -M ${machineName}`;
  }

  args(run: EmulatorRun, imageFile: string): string[] {
    const m = this.machine;
    const image = isElf(run.image)
      ? [m.imageFlag, imageFile]
      : ["-device", `loader,file=${imageFile},addr=0x${this.flashOrigin.toString(16)}`];
    return [
      ...["-M", this.machineName, "-display", "none", "-monitor", "none", "-nodefaults"],
      ...["-sandbox", QEMU_SANDBOX, "-accel", "tcg,tb-size=64"],
      // One stream per node: the console UART and semihosting share stdio; the other UARTs go nowhere.
      ...["-chardev", "stdio,mux=on,id=c0"],
      ...Array.from({ length: this.serialIndex }, () => ["-serial", "null"]).flat(),
      ...["-serial", "chardev:c0"],
      ...(m.semihosting ? ["-semihosting-config", "enable=on,target=native,chardev=c0"] : []),
      // Started paused: the run's time zero is the moment we say `cont`.
      // Paths relative to the work directory, which is the cwd both inside bubblewrap (/build) and with SANDBOX=off.
      ...["-qmp", `unix:${QMP_SOCKET},server=on,wait=off`, "-S"],
      ...(run.mode === "check" && m.icount ? ["-icount", "shift=0,sleep=off"] : []),
      ...image,
    ];
  }

  start(run: EmulatorRun): NodeRun {
    let stdin: NodeJS.WritableStream | null = null;
    const queued: string[] = [];
    const write = (text: string) => {
      const clean = uartText(text);
      if (stdin) stdin.write(clean);
      else queued.push(clean);
    };
    const done = this.run(run, (writer) => {
      stdin = writer;
      for (const text of queued.splice(0)) writer.write(text);
    });
    return { done, write };
  }

  private async run(run: EmulatorRun, onStdin: (stdin: NodeJS.WritableStream) => void): Promise<NodeRunResult> {
    const workDir = await mkdtemp(path.join(os.tmpdir(), "simulate-"));
    const started = performance.now();
    try {
      const imageName = isElf(run.image) ? "firmware.elf" : "firmware.bin";
      await writeFile(path.join(workDir, imageName), run.image, { mode: 0o644 });
      return await this.supervise(run, workDir, imageName, onStdin, started);
    } finally {
      await rm(workDir, { recursive: true, force: true });
    }
  }

  private async supervise(
    run: EmulatorRun,
    workDir: string,
    imageFile: string,
    onStdin: (stdin: NodeJS.WritableStream) => void,
    started: number,
  ): Promise<NodeRunResult> {
    const console = new NodeConsole(run.onLine);
    const session = new QemuSession({
      mode: run.mode,
      icount: run.mode === "check" && this.machine.icount,
      faultRegisters: this.machine.faultRegisters,
      durationMs: run.durationMs,
      console,
    });
    let stderr = "";
    // Stop waiting for the monitor once QEMU is gone (it may exit before creating the socket).
    const gone = new AbortController();
    const exit = runSandboxed({
      command: this.machine.binary,
      args: this.args(run, imageFile),
      workDir,
      tools: [this.machine.binary],
      // The translation cache is capped (tb-size) so QEMU fits the sandbox's 1 GiB of address space.
      limits: { timeMs: run.wallLimitMs, cpuSeconds: Math.ceil(run.wallLimitMs / 1000) + 5 },
      onOutput: (stream, chunk) => {
        if (stream === "stdout") {
          console.push(chunk);
          session.output();
        } else if (stderr.length < 16_384) stderr += chunk.toString("utf8");
      },
      onStart: onStdin,
      signal: run.signal,
    }).finally(() => {
      session.processExited();
      gone.abort(new Error("QEMU exited"));
    });
    const connectSignal = run.signal ? AbortSignal.any([run.signal, gone.signal]) : gone.signal;
    const driven = session
      .drive(path.join(workDir, QMP_SOCKET), Math.min(10_000, run.wallLimitMs), connectSignal)
      .catch((error: unknown) => {
        // The monitor goes away when QEMU exits on its own (semihosting exit, lockup); that is not an error.
        stderr += `\nmonitor: ${(error as Error).message}`;
      });

    let end: SandboxResult;
    try {
      end = await exit;
    } catch (error) {
      if (!run.signal?.aborted) throw error;
      await driven;
      console.flush(session.firmwareMs);
      return this.result(run, { status: "stopped" }, console, session.firmwareMs, started);
    }
    await driven;
    console.flush(session.firmwareMs);
    const verdict = this.verdict(end, session, stderr);
    return this.result(run, verdict, console, session.firmwareMs, started);
  }

  private verdict(end: SandboxResult, { ended, fault }: QemuSession, stderr: string): Verdict {
    const lastWords = stderr.trim().split("\n").pop()?.trim();
    if (ended === "fault") return { status: "failed", reason: "fault", detail: fault ?? undefined };
    if (end.timedOut) return { status: "failed", reason: "timeout", detail: end.limitHit ?? undefined };
    if (/Lockup/.test(stderr) || end.exitCode === 134) {
      return { status: "failed", reason: "fault", detail: /qemu: fatal: (.*)/.exec(stderr)?.[1] ?? lastWords };
    }
    if (ended === "duration" && end.exitCode === 0) return { status: "passed" };
    if (end.exitCode === 0) return { status: "passed", detail: "the firmware exited with status 0" };
    const code = end.exitCode ?? 128;
    return { status: "failed", reason: `exit ${code}`, detail: end.limitHit ?? lastWords ?? end.signal ?? undefined };
  }

  private result(
    run: EmulatorRun,
    { status, reason, detail }: Verdict,
    console: NodeConsole,
    firmwareMs: number,
    started: number,
  ): NodeRunResult {
    return {
      status,
      ...(reason ? { reason } : {}),
      ...(detail ? { detail } : {}),
      ...(run.approximateMachine ? { approximateMachine: run.approximateMachine } : {}),
      emulator: this.name,
      console: console.text(),
      lines: console.lines,
      firmwareMs: Math.round(firmwareMs),
      wallMs: Math.round(performance.now() - started),
    };
  }
}
