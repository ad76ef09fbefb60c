/**
 * The virtual AN3155 bootloader and this flasher checked against a reference peer, Debian's
 * stm32flash 0.7: it must flash the virtual chips as it flashes real ones (same erase units), read
 * back what our flasher wrote, and be refused by a read-protected chip.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { virtualF103c8, virtualF401re } from "../../../e2e/fixtures/virtual-stm32-uart";
import { randomImage } from "../stk500/flash-test-kit.testing";
import { requiredTool } from "../../../test/support/required-tool";
import { serveOnPty } from "./stm32flash-peer.testing";
import { bluePillOverUart, nucleoF401OverUart, runFlash } from "./test-kit.testing";

const run = promisify(execFile);
const BASE = 0x0800_0000;
let dir = "";

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "stm32flash-peer-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function stm32flash(tty: string, args: string[]) {
  return run("stm32flash", ["-m", "8n1", "-b", "115200", ...args, tty], { timeout: 60_000 });
}

requiredTool("stm32flash");
requiredTool("socat");

describe("stm32flash 0.7 as a peer of the virtual bootloader", () => {
  it("identifies, writes, verifies and starts an image on the F103C8, erasing only the touched pages", async () => {
    const image = randomImage(5000, 31);
    const file = path.join(dir, "f103.bin");
    await writeFile(file, image);
    const port = virtualF103c8({ initialMode: "bootloader", timeScale: 0.1 });
    const served = await serveOnPty(port, dir);
    try {
      const { stdout } = await stm32flash(served.tty, ["-w", file, "-v", "-g", "0x08000000"]);
      expect(stdout).toMatch(/Version\s+: 0x22/);
      expect(stdout).toMatch(/Device ID\s+: 0x0410 \(STM32F10xxx Medium-density\)/);
      expect(stdout).toMatch(/Wrote and verified address 0x08001388 \(100\.00%\) Done\./);
    } finally {
      await served.close();
    }
    expect(port.memory.view(BASE, image.length)).toEqual(image);
    expect(port.memory.erased).toEqual([0, 1, 2, 3, 4]);
    expect(port.log).toContain("GO 0x08000000 → application");
  });

  it("erases the same F401 sectors with EXTENDED ERASE as our flasher does", async () => {
    const image = randomImage(40 * 1024, 32);
    const file = path.join(dir, "f401.bin");
    await writeFile(file, image);
    const peer = virtualF401re({ initialMode: "bootloader", timeScale: 0.1 });
    const served = await serveOnPty(peer, dir);
    try {
      await stm32flash(served.tty, ["-w", file, "-v"]);
    } finally {
      await served.close();
    }
    const ours = virtualF401re({ autoEntryWiring: true, timeScale: 0.1 });
    expect((await runFlash(ours, nucleoF401OverUart(), [{ offset: BASE, data: image }])).error).toBeNull();
    expect(peer.log.filter((l) => l.startsWith("EXTENDED_ERASE "))).toEqual(["EXTENDED_ERASE 0,1,2"]);
    expect(ours.memory.erased).toEqual(peer.memory.erased);
    expect(ours.memory.bytes).toEqual(peer.memory.bytes);
  });

  it("reads back byte for byte what our flasher wrote", async () => {
    const image = randomImage(20 * 1024, 33);
    const port = virtualF103c8({ autoEntryWiring: true, timeScale: 0.1 });
    expect((await runFlash(port, bluePillOverUart(), [{ offset: BASE, data: image }])).error).toBeNull();
    port.pressReset(true);
    const out = path.join(dir, "readback.bin");
    const served = await serveOnPty(port, dir);
    try {
      // stm32flash takes every 0x410 for 128 KiB: -S limits the read to the F103C8's 64 KiB.
      await stm32flash(served.tty, ["-S", "0x08000000:65536", "-r", out]);
    } finally {
      await served.close();
    }
    const readBack = new Uint8Array(await readFile(out));
    expect(readBack.subarray(0, image.length)).toEqual(image);
    expect(readBack).toEqual(port.memory.bytes);
  });

  it("is refused by a read-protected chip, and flashes it after stm32flash -k removed the protection", async () => {
    const port = virtualF103c8({ initialMode: "bootloader", timeScale: 0.1, faults: { readProtected: true } });
    const image = randomImage(3000, 34);
    const file = path.join(dir, "rdp.bin");
    await writeFile(file, image);
    const served = await serveOnPty(port, dir);
    try {
      const refused = await stm32flash(served.tty, [
        "-S",
        "0x08000000:1024",
        "-r",
        path.join(dir, "rdp-read.bin"),
      ]).then(
        () => null,
        (error: { stderr: string }) => error,
      );
      expect(refused?.stderr).toMatch(/Failed to read memory at address 0x08000000/);
      expect(port.log).toContain("  NACK: READ under read protection");
    } finally {
      await served.close();
    }
    const again = await serveOnPty(port, dir);
    try {
      await stm32flash(again.tty, ["-k"]);
    } finally {
      await again.close();
    }
    expect(port.readProtected).toBe(false);
    const last = await serveOnPty(port, dir);
    try {
      await stm32flash(last.tty, ["-w", file, "-v"]);
    } finally {
      await last.close();
    }
    expect(port.memory.view(BASE, image.length)).toEqual(image);
  });
});
