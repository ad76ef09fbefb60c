import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { buildProject, createProject } from "./support/projects";
import { installVirtualDevices, type VirtualConfig } from "./support/virtual-devices";

/**
 * The routes added for boards the ROM cannot flash over USB DFU: a Blue Pill through an ST-LINK/V2
 * dongle (and then over its USART bootloader), a Nucleo-F401RE through its on-board ST-LINK/V2-1,
 * a Pico in BOOTSEL mode over PICOBOOT. Each ends in "Verified" and the virtual device's flash must
 * hold exactly the build's .bin.
 */

const flashCard = (page: Page, nodeId: string) => page.getByTestId(`flash-card-${nodeId}`);

interface MemoryCheck {
  requests: { api: string; filters: unknown[]; answered: boolean }[];
  size: number;
  equal: boolean;
  /** The first byte after the image is still erased, so nothing more than the image was written. */
  erasedAfter: boolean;
}

/** Compares the virtual device's flash (index 0 = the flash's first byte) with the downloaded .bin. */
async function deviceHoldsBin(page: Page, url: string, device: "stlink" | "picoboot" | "serial"): Promise<MemoryCheck> {
  return page.evaluate(
    async ({ url, device }) => {
      const bin = new Uint8Array(await (await fetch(url)).arrayBuffer());
      const virtual = window.__virtual;
      const memory =
        device === "stlink"
          ? virtual.stlink!.memory
          : device === "picoboot"
            ? virtual.picoboot!.memory
            : (virtual.serialPort as unknown as { memory: { bytes: Uint8Array } }).memory.bytes;
      return {
        requests: virtual.requests,
        size: bin.length,
        equal: bin.length > 0 && bin.every((byte, i) => memory[i] === byte),
        erasedAfter: memory[bin.length] === 0xff,
      };
    },
    { url, device },
  );
}

async function openFlashStage(page: Page, projectId: string, config: VirtualConfig) {
  await installVirtualDevices(page, config);
  await page.goto(`/projects/${projectId}?stage=flash`);
}

async function flashAndVerify(page: Page, nodeId: string, binSize: number) {
  const card = flashCard(page, nodeId);
  await card.getByRole("button", { name: `Flash ${nodeId}` }).click();
  await expect(
    card.getByText(`Verified ✓ — ${binSize.toLocaleString("en-US")} bytes written and read back`),
  ).toBeVisible({ timeout: 60_000 });
}

const binOf = (build: Awaited<ReturnType<typeof buildProject>>, nodeId: string) =>
  build.nodes.find((node) => node.nodeId === nodeId)!.artifacts.find((artifact) => artifact.kind === "bin")!.size;

test("Blue Pill: flash over an ST-LINK/V2, then over the USART bootloader after setting BOOT0", async ({
  page,
  request,
}, testInfo) => {
  test.setTimeout(240_000);
  const node = { id: "pill", name: "Blue Pill probe", board: "bluepill-f103c8" };
  const projectId = await createProject(request, `Flash Blue Pill ${Date.now()}`, [node]);
  const build = await buildProject(request, projectId);
  const binSize = binOf(build, "pill");
  await openFlashStage(page, projectId, {
    usb: { kind: "stlink", options: { probe: "v2", chip: "stm32f103c8" } },
    serial: { kind: "stm32-uart", chip: "f103c8" },
  });

  const card = flashCard(page, "pill");
  const routes = card.getByRole("radiogroup", { name: "Flash route for pill" });
  await expect(routes.getByRole("radio")).toHaveCount(2);
  await expect(routes.getByRole("radio", { name: "ST-LINK" })).toBeChecked();
  await expect(card.getByTestId("flash-wiring-pill")).toContainText("SWDIO to DIO (PA13), SWCLK to CLK (PA14)");
  await expect(card.getByTestId("flash-image")).toContainText("pill.bin at 0x08000000");
  await flashAndVerify(page, "pill", binSize);
  await expect(card.getByTestId("flash-done-pill")).toContainText(/STM32F1 DEV_ID 0x410/);
  await page.screenshot({ path: testInfo.outputPath("bluepill-stlink-verified.png") });
  const url = `/api/builds/${build.id}/pill/bin`;
  expect(await deviceHoldsBin(page, url, "stlink")).toEqual({
    requests: [{ api: "usb.requestDevice", filters: [{ vendorId: 0x0483, productId: 0x3748 }], answered: true }],
    size: binSize,
    equal: true,
    erasedAfter: true,
  });

  // The same node over a USB-serial adapter: the flasher asks for BOOT0 and reset when it needs them.
  await routes.getByRole("radio", { name: "USB-serial (BOOT0)" }).check();
  await expect(card.getByTestId("flash-wiring-pill")).toContainText("adapter TX to PA10, adapter RX to PA9, GND");
  await card.getByRole("button", { name: "Flash pill" }).click();
  const instruction = card.getByTestId("flash-instruction-pill");
  await expect(instruction).toContainText("BOOT0", { timeout: 30_000 });
  await page.screenshot({ path: testInfo.outputPath("bluepill-uart-boot0.png") });
  await page.evaluate(() =>
    (window.__virtual.serialPort as unknown as { pressReset(boot0: boolean): void }).pressReset(true),
  );
  await expect(
    card.getByText(`Verified ✓ — ${binSize.toLocaleString("en-US")} bytes written and read back`),
  ).toBeVisible({ timeout: 60_000 });
  await expect(instruction).toBeHidden();
  const serial = await deviceHoldsBin(page, url, "serial");
  expect(serial).toMatchObject({ size: binSize, equal: true });
  expect(serial.requests.at(-1)).toEqual({
    api: "serial.requestPort",
    filters: [
      { usbVendorId: 0x1a86, usbProductId: 0x7523 },
      { usbVendorId: 0x10c4, usbProductId: 0xea60 },
      { usbVendorId: 0x0403, usbProductId: 0x6001 },
    ],
    answered: true,
  });
});

test("Nucleo-F401RE: flash through its on-board ST-LINK/V2-1", async ({ page, request }, testInfo) => {
  test.setTimeout(180_000);
  const node = { id: "nucleo", name: "Nucleo probe", board: "nucleo-f401re" };
  const projectId = await createProject(request, `Flash Nucleo ${Date.now()}`, [node]);
  const build = await buildProject(request, projectId);
  const binSize = binOf(build, "nucleo");
  await openFlashStage(page, projectId, { usb: { kind: "stlink", options: { probe: "v2-1", chip: "stm32f401re" } } });

  const card = flashCard(page, "nucleo");
  await expect(card.getByRole("radio", { name: "On-board ST-LINK" })).toBeChecked();
  await expect(card.getByTestId("flash-wiring-nucleo")).toContainText("Nothing to wire");
  await flashAndVerify(page, "nucleo", binSize);
  await expect(card.getByTestId("flash-done-nucleo")).toContainText(/DEV_ID 0x433/);
  await page.screenshot({ path: testInfo.outputPath("nucleo-stlink-verified.png") });
  expect(await deviceHoldsBin(page, `/api/builds/${build.id}/nucleo/bin`, "stlink")).toEqual({
    requests: [{ api: "usb.requestDevice", filters: [{ vendorId: 0x0483, productId: 0x374b }], answered: true }],
    size: binSize,
    equal: true,
    erasedAfter: true,
  });
});

test("Pico: flash in BOOTSEL mode over PICOBOOT, with the UF2 drive as the fallback route", async ({
  page,
  request,
}, testInfo) => {
  test.setTimeout(180_000);
  const node = { id: "pico", name: "Pico probe", board: "rpi-pico" };
  const projectId = await createProject(request, `Flash Pico ${Date.now()}`, [node]);
  const build = await buildProject(request, projectId);
  const binSize = binOf(build, "pico");
  await openFlashStage(page, projectId, { usb: { kind: "picoboot" } });

  const card = flashCard(page, "pico");
  const routes = card.getByRole("radiogroup", { name: "Flash route for pico" });
  await expect(routes.getByRole("radio", { name: "USB (BOOTSEL)" })).toBeChecked();
  await expect(card.getByTestId("flash-image")).toContainText("pico.bin at 0x10000000");
  // PICOBOOT programs whole 256-byte pages (the tail padded with erased 0xFF) and reports those bytes.
  await flashAndVerify(page, "pico", Math.ceil(binSize / 256) * 256);
  await page.screenshot({ path: testInfo.outputPath("pico-picoboot-verified.png") });
  expect(await deviceHoldsBin(page, `/api/builds/${build.id}/pico/bin`, "picoboot")).toEqual({
    requests: [{ api: "usb.requestDevice", filters: [{ vendorId: 0x2e8a, productId: 0x0003 }], answered: true }],
    size: binSize,
    equal: true,
    erasedAfter: true,
  });
  expect(await page.evaluate(() => window.__virtual.picoboot!.bootedInto)).toBe("flash-program");

  // The fallback: the same build as a .uf2 file for the RPI-RP2 drive, one 512-byte block per page.
  await routes.getByRole("radio", { name: "UF2 drive (download)" }).check();
  await expect(card.getByTestId("flash-reason")).toContainText("copy the .uf2 file");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    card.getByRole("button", { name: "Download pico.uf2" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("pico.uf2");
  const uf2 = new Uint8Array(await readFile(await download.path()));
  const bin = new Uint8Array(await (await request.get(`/api/builds/${build.id}/pico/bin`)).body());
  const blocks = Math.ceil(bin.length / 256);
  expect(uf2.length).toBe(blocks * 512);
  const view = new DataView(uf2.buffer, uf2.byteOffset);
  const payload = new Uint8Array(blocks * 256);
  for (let block = 0; block < blocks; block++) {
    expect(view.getUint32(block * 512 + 12, true)).toBe(0x1000_0000 + block * 256);
    expect(view.getUint32(block * 512 + 28, true)).toBe(0xe48b_ff56);
    payload.set(uf2.subarray(block * 512 + 32, block * 512 + 32 + 256), block * 256);
  }
  expect(Buffer.from(payload.subarray(0, bin.length)).equals(Buffer.from(bin))).toBe(true);
});
