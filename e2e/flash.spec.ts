import { createHash, randomBytes } from "node:crypto";
import { writeFile } from "node:fs/promises";
import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { parseIntelHex } from "../app/_flash/intel-hex";
import { buildProject, createProject, latestBuild } from "./support/projects";
import { installVirtualDevices } from "./support/virtual-devices";

const climate = { id: "climate", name: "Climate probe", board: "netduino-plus-2" };
const consoleLines = [
  "boot: climate probe v1",
  '@t {"temperature":21.5,"humidity":40}',
  '@e {"alert":"hot","value":31}',
];

/** Watches the bar until it shows a write in progress (strictly between 0 and 100 %) with a speed. */
async function expectProgressMoves(card: Locator, nodeId: string) {
  const bar = card.getByRole("progressbar", { name: `Flashing ${nodeId}` });
  const seen: number[] = [];
  await expect
    .poll(
      async () => {
        const value = Number(await bar.getAttribute("aria-valuenow", { timeout: 200 }).catch(() => -1));
        if (value >= 0) seen.push(value);
        const speed = await card
          .getByTestId("flash-speed")
          .textContent({ timeout: 200 })
          .catch(() => "");
        return value > 0 && value < 100 && /KiB\/s/.test(speed ?? "");
      },
      { timeout: 30_000, intervals: [50] },
    )
    .toBe(true);
  await expect(card.getByTestId("flash-bytes")).toContainText(/of [\d.]+ KiB written/);
  return seen;
}

const binSizeOf = (build: Awaited<ReturnType<typeof latestBuild>>, nodeId: string) =>
  build.nodes.find((node) => node.nodeId === nodeId)!.artifacts.find((artifact) => artifact.kind === "bin")!.size;

/** About three seconds of writing whatever the image's size, so progress can be watched. */
const watchableRate = (bytes: number) => Math.max(1024, Math.round(bytes / 3));

const flashCard = (page: Page, nodeId: string) => page.getByTestId(`flash-card-${nodeId}`);

test("STM32: build, flash over WebUSB DFU, read the memory back and watch the console", async ({
  page,
  request,
}, testInfo) => {
  test.setTimeout(180_000);
  const projectId = await createProject(request, `Flash STM32 ${Date.now()}`, [climate]);
  await installVirtualDevices(page, {
    usb: { kind: "dfuse", options: { transferSize: 256 } },
    serial: { kind: "console", options: { lines: consoleLines } },
  });

  await page.goto(`/projects/${projectId}?stage=build`);
  await page.getByRole("button", { name: "Build all" }).click();
  await expect(page.getByTestId("build-card-climate").getByTestId("node-status")).toHaveText("succeeded", {
    timeout: 90_000,
  });
  const build = await latestBuild(request, projectId);
  const binSize = binSizeOf(build, "climate");
  await page.evaluate(
    (rate) =>
      window.__virtual.configure({
        usb: { kind: "dfuse", options: { transferSize: 256, throttleBytesPerSecond: rate } },
      }),
    watchableRate(binSize),
  );

  await page.getByRole("navigation", { name: "Project stages" }).getByRole("link", { name: "Flash" }).click();
  await expect(page).toHaveURL(/[?&]stage=flash/);
  const card = flashCard(page, "climate");
  await expect(card.getByTestId("flash-image")).toContainText("climate.bin at 0x08000000");
  await card.getByRole("button", { name: "Flash climate" }).click();
  await expectProgressMoves(card, "climate");
  await page.screenshot({ path: testInfo.outputPath("stm32-writing.png") });
  await expect(card.getByText(/^Verified ✓ — [\d,]+ bytes written and read back$/)).toBeVisible({ timeout: 30_000 });
  await expect(
    card.getByText(`Verified ✓ — ${binSize.toLocaleString("en-US")} bytes written and read back`),
  ).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("stm32-verified.png") });

  // The chooser was filtered to the ROM bootloader, and the device's flash now holds the .bin.
  const check = await page.evaluate(async (url) => {
    const bin = new Uint8Array(await (await fetch(url)).arrayBuffer());
    const device = window.__virtual.dfuse!;
    return {
      requests: window.__virtual.requests,
      base: device.memoryBase,
      size: bin.length,
      equal: bin.every((byte, i) => device.memory[i] === byte),
    };
  }, `/api/builds/${build.id}/climate/bin`);
  expect(check).toEqual({
    requests: [{ api: "usb.requestDevice", filters: [{ vendorId: 0x0483, productId: 0xdf11 }], answered: true }],
    base: 0x08000000,
    size: binSize,
    equal: true,
  });

  // The console: an STM32's UART sits behind any USB-serial adapter, so the monitor asks for a port.
  await card.getByRole("button", { name: "Open serial monitor" }).click();
  const monitor = page.getByRole("dialog", { name: /Serial monitor · Climate probe/ });
  await monitor.getByRole("button", { name: "Choose serial port" }).click();
  await expect(monitor.getByTestId("monitor-status")).toHaveText("Connected at 115,200 baud");
  await expect(monitor.getByLabel("Console of climate")).toContainText("boot: climate probe v1");
  const table = monitor.getByRole("table", { name: "Latest telemetry of climate" });
  await expect(table.getByRole("row", { name: /temperature 21\.5/ })).toBeVisible();
  await expect(table.getByRole("row", { name: /humidity 40/ })).toBeVisible();
  await expect(monitor.getByRole("list", { name: "Recent events of climate" })).toContainText(
    '{"alert":"hot","value":31}',
  );
  await page.screenshot({ path: testInfo.outputPath("stm32-monitor.png") });
  await monitor.getByRole("button", { name: "Close" }).click();
  await expect(monitor).toBeHidden();
  const port = await page.evaluate(() => {
    const console = window.__virtual.serialPort as unknown as { openBauds: number[]; closes: number; opened: boolean };
    return { bauds: console.openBauds, closes: console.closes, opened: console.opened };
  });
  expect(port).toEqual({ bauds: [115200], closes: 1, opened: false });
});

test("ESP32: flash a .bin file at 0x10000 over Web Serial and read the flash back", async ({
  page,
  request,
}, testInfo) => {
  test.setTimeout(120_000);
  const projectId = await createProject(request, `Flash ESP32 ${Date.now()}`, [
    { id: "radio", name: "Radio gateway", board: "esp32-devkitc" },
  ]);
  const image = randomBytes(320 * 1024); // incompressible: ~3.5 s on the wire at 921600 baud
  const file = testInfo.outputPath("tasmota-app.bin");
  await writeFile(file, image);
  await installVirtualDevices(page, {
    serial: { kind: "esp", options: { chip: "ESP32", faults: { throttleBaud: true } } },
  });

  await page.goto(`/projects/${projectId}?stage=flash`);
  const card = flashCard(page, "radio");
  await expect(card.getByTestId("flash-image")).toContainText("No built image");
  await card.getByLabel("Firmware files").setInputFiles(file);
  await expect(card.getByLabel("Offset of a .bin")).toHaveValue("0x00010000");
  await expect(card.getByText("Will write 327,680 bytes at 0x00010000.")).toBeVisible();
  await card.getByRole("button", { name: "Flash file" }).click();
  await expectProgressMoves(card, "radio");
  await page.screenshot({ path: testInfo.outputPath("esp32-writing.png") });
  await expect(card.getByText("Verified ✓ — 327,680 bytes written and read back")).toBeVisible({ timeout: 60_000 });
  await page.screenshot({ path: testInfo.outputPath("esp32-verified.png") });

  const flashed = await page.evaluate(async (length) => {
    const port = window.__virtual.serialPort as unknown as { flash: Uint8Array };
    const bytes = port.flash.slice(0x10000, 0x10000 + length);
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
    return {
      sha256: Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join(""),
      requests: window.__virtual.requests.map((r) => r.api),
    };
  }, image.length);
  expect(flashed.sha256).toBe(createHash("sha256").update(image).digest("hex"));
  expect(flashed.requests).toEqual(["serial.requestPort"]);

  // The monitor reopens the port just flashed (no second chooser) at the console baud, and closes it.
  await card.getByRole("button", { name: "Open serial monitor" }).click();
  const monitor = page.getByRole("dialog", { name: /Serial monitor · Radio gateway/ });
  await expect(monitor.getByTestId("monitor-status")).toHaveText("Connected at 115,200 baud");
  await monitor.getByRole("button", { name: "Close" }).click();
  await expect(monitor).toBeHidden();
  const after = await page.evaluate(() => {
    const port = window.__virtual.serialPort as unknown as { openBauds: number[]; log: string[] };
    return { lastBaud: port.openBauds.at(-1), last: port.log.at(-1), requests: window.__virtual.requests.length };
  });
  expect(after).toEqual({ lastBaud: 115200, last: "close", requests: 1 });

  // Flashing again and cancelling mid-write stops with "cancelled", never "Verified".
  await card.getByRole("button", { name: "Flash file" }).click();
  await expectProgressMoves(card, "radio");
  await card.getByRole("button", { name: "Cancel" }).click();
  await expect(card.getByTestId("flash-error-radio")).toContainText("Error code: cancelled");
  await expect(card.getByText(/Verified/)).toHaveCount(0);
});

test("STM32: a board that drops off the bus at 40 % shows the error and no verdict", async ({
  page,
  request,
}, testInfo) => {
  test.setTimeout(150_000);
  const projectId = await createProject(request, `Flash fault ${Date.now()}`, [climate]);
  const build = await buildProject(request, projectId);
  const binSize = binSizeOf(build, "climate");
  await installVirtualDevices(page, {
    usb: {
      kind: "dfuse",
      options: {
        transferSize: 256,
        throttleBytesPerSecond: watchableRate(binSize),
        faults: { disconnectAtPercent: 40, imageBytes: binSize },
      },
    },
  });

  await page.goto(`/projects/${projectId}?stage=flash`);
  const card = flashCard(page, "climate");
  await card.getByRole("button", { name: "Flash climate" }).click();
  const error = card.getByTestId("flash-error-climate");
  await expect(error).toContainText("the board disconnected", { timeout: 30_000 });
  await expect(error).toContainText(/Writing stopped at \d+ %/);
  await expect(error).toContainText("Error code: disconnected");
  await expect(card.getByText(/Verified/)).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath("stm32-disconnected.png") });
  expect(await page.evaluate(() => window.__virtual.dfuse!.disconnected)).toBe(true);

  // Retry opens the chooser again; the unplugged board is not offered, so nothing is written.
  await card.getByRole("button", { name: "Retry" }).click();
  await expect(card.getByText("No device was chosen.")).toBeVisible();
  await expect(card.getByText(/Verified/)).toHaveCount(0);
});

test("Arduino Uno: build, flash the .hex over STK500 and read the flash back", async ({ page, request }) => {
  test.setTimeout(150_000);
  const projectId = await createProject(request, `Flash AVR ${Date.now()}`, [
    { id: "soil", name: "Soil probe", board: "arduino-uno" },
  ]);
  const build = await buildProject(request, projectId);
  const parts = parseIntelHex(await (await request.get(`/api/builds/${build.id}/soil/hex`)).text());
  await installVirtualDevices(page, { serial: { kind: "optiboot", options: { throttle: true } } });

  await page.goto(`/projects/${projectId}?stage=flash`);
  const card = flashCard(page, "soil");
  await expect(card.getByTestId("flash-image")).toContainText("soil.hex");
  await card.getByRole("button", { name: "Flash soil" }).click();
  const bytes = parts.reduce((sum, part) => sum + part.data.length, 0);
  await expect(card.getByText(`Verified ✓ — ${bytes.toLocaleString("en-US")} bytes written and read back`)).toBeVisible(
    {
      timeout: 30_000,
    },
  );

  const result = await page.evaluate(
    (expected) => {
      const port = window.__virtual.serialPort as unknown as { flash: Uint8Array };
      return {
        filters: window.__virtual.requests[0].filters,
        equal: expected.every((part) => part.data.every((byte, i) => port.flash[part.offset + i] === byte)),
      };
    },
    parts.map((part) => ({ offset: part.offset, data: Array.from(part.data) })),
  );
  expect(result.equal).toBe(true);
  expect(result.filters).toContainEqual({ usbVendorId: 0x2341, usbProductId: 0x0043 });
});
