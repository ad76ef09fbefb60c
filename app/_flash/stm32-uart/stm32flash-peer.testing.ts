/**
 * Test support (Node only): serves a virtual STM32 bootloader on a pseudo-terminal through socat, so
 * Debian's stm32flash 0.7 (the reference AN3155 client) can talk to it. ptys carry no parity, so
 * stm32flash runs with `-m 8n1` while this side opens the virtual port at 8E1.
 *
 * The bootloader is synced before stm32flash starts: through socat, the answer to stm32flash's very
 * first 0x7F can arrive after its first, very short read gives up, and its retry then expects the
 * NACK an already-synced bootloader gives. That NACK path is deterministic; the fresh ACK path is
 * covered by this repository's own client against the same device.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import type { VirtualStm32UartPort } from "../../../e2e/fixtures/virtual-stm32-uart";

export interface ServedPort {
  /** The pty stm32flash opens. */
  tty: string;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), ms));

export async function serveOnPty(port: VirtualStm32UartPort, dir: string): Promise<ServedPort> {
  await port.open({ baudRate: 115200, dataBits: 8, parity: "even", stopBits: 1 });
  const writer = port.writable!.getWriter();
  const reader = port.readable!.getReader();
  // A bootloader left mid-command takes the first 0x7F as a command byte and NACKs only the second.
  const answer = reader.read();
  await writer.write(Uint8Array.of(0x7f));
  if ((await Promise.race([answer, sleep(100)])) === undefined) await writer.write(Uint8Array.of(0x7f));
  const { value } = await answer;
  if (value?.[0] !== 0x79 && value?.[0] !== 0x1f) throw new Error("the virtual bootloader did not sync");

  const tty = path.join(dir, `stm32-${Math.random().toString(36).slice(2)}`);
  const socat: ChildProcess = spawn("socat", [`pty,raw,echo=0,link=${tty}`, "STDIO"], {
    stdio: ["pipe", "pipe", "ignore"],
  });
  socat.stdout!.on("data", (chunk: Buffer) => void writer.write(new Uint8Array(chunk)).catch(() => {}));
  const pump = (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      if (value) socat.stdin!.write(value);
    }
  })();
  for (let waited = 0; !existsSync(tty); waited += 20) {
    if (waited > 5000) throw new Error("socat did not create its pty");
    await sleep(20);
  }
  return {
    tty,
    async close() {
      socat.kill();
      await reader.cancel().catch(() => {});
      await pump;
      reader.releaseLock();
      writer.releaseLock();
      await port.close();
    },
  };
}
