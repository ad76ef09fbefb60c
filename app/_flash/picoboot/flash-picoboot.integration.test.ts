/**
 * The real build, end to end: the template firmware for the Raspberry Pi Pico compiled with the real
 * arm-none-eabi-gcc, turned into the .bin the build ships (objcopy -O binary, starting with boot2 at
 * 0x10000000), flashed through the public flash() into the virtual Pico, which then boots it.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

import { board, fillPlaceholders, generate, greenhouseSpec } from "../../../workers/codegen/templates/testing/fixtures";
import { compile } from "../../../workers/codegen/templates/testing/toolchain";
import { firstDifference, FLASH_START, flashVirtual, stateSequence } from "./test-support";

const run = promisify(execFile);
const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

async function buildPicoBin(): Promise<Uint8Array> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "picoboot-build-"));
  dirs.push(dir);
  const files = fillPlaceholders(await generate(greenhouseSpec("rpi-pico")));
  const built = await compile(dir, board("rpi-pico"), files);
  const bin = path.join(dir, "fw.bin");
  await run("arm-none-eabi-objcopy", ["-O", "binary", built.elf, bin]);
  return new Uint8Array(await readFile(bin));
}

describe("PICOBOOT with the build's own Pico image", () => {
  it("flashes the compiled template firmware byte for byte and the Pico boots it", async () => {
    const image = await buildPicoBin();
    expect(image.length).toBeGreaterThan(1024);
    const { device, events, error } = await flashVirtual([{ offset: FLASH_START, data: image }]);
    expect(error).toBeUndefined();
    expect(firstDifference(device.memory.subarray(0, image.length), image)).toBe(-1);
    expect(device.erasedSectors).toHaveLength(Math.ceil(image.length / 4096));
    // The vector table follows boot2: initial SP at the end of the 264 KiB SRAM.
    expect(new DataView(device.memory.buffer).getUint32(256, true)).toBe(0x2004_2000);
    expect(device.bootedInto).toBe("flash-program");
    expect(stateSequence(events).at(-1)).toBe("done");
    const time = device.modelledTime;
    const ms = (us: number) => (us / 1000).toFixed(1);
    console.info(
      `rpi-pico image ${image.length} B over PICOBOOT, modelled: ${ms(time.totalUs)} ms ` +
        `(erase ${ms(time.eraseUs)}, program ${ms(time.programUs)}, read ${ms(time.readUs)}, USB ${ms(time.usbUs)})`,
    );
  }, 120_000);
});
