import { describe, expect, test } from "vitest";
import esp32c3 from "../../../boards/esp32-c3-devkitm-1";
import esp32 from "../../../boards/esp32-devkitc";
import esp32s3 from "../../../boards/esp32-s3-devkitc-1";
import esp8266 from "../../../boards/esp8266-nodemcu";
import type { Board } from "../../../boards/schema";
import { VirtualEspPort, type VirtualEspOptions } from "../../../e2e/fixtures/virtual-esp32";
import { flash } from "../index";
import { FlashError, type FlashEvent, type FlashPart, type SerialPortLike } from "../types";
import { createEspFlasher } from "./flash-esp";
import { imageFor, NoisyAtHighBaud, randomBytes } from "./test-support";

const flasher = createEspFlasher({ connectAttempts: 2 });

async function run(board: Board, port: SerialPortLike, parts: FlashPart[], signal?: AbortSignal) {
  const events: FlashEvent[] = [];
  let error: FlashError | undefined;
  try {
    await flasher.flash({ port, board, parts, onEvent: (event) => events.push(event), signal });
  } catch (caught) {
    if (!(caught instanceof FlashError)) throw caught;
    error = caught;
  }
  return { events, error, states: events.map((event) => event.state) };
}

const ORDER = ["connecting", "detecting", "detected", "erasing", "writing", "verifying", "resetting", "done"];

function expectFlashed(port: VirtualEspPort, parts: FlashPart[]) {
  for (const part of parts) {
    const onChip = port.flash.subarray(part.offset, part.offset + part.data.length);
    expect(Buffer.compare(onChip, part.data), `part at 0x${part.offset.toString(16)}`).toBe(0);
  }
}

function expectOrderedSuccess(events: FlashEvent[], total: number) {
  const states = events.map((event) => event.state);
  const ranks = states.map((state) => ORDER.indexOf(state));
  expect(
    ranks.every((rank, i) => rank >= 0 && (i === 0 || rank >= ranks[i - 1])),
    states.join(" "),
  ).toBe(true);
  expect(states.at(-1)).toBe("done");
  const writes = events.filter((event) => event.state === "writing");
  expect(writes.length).toBeGreaterThan(3);
  for (let i = 1; i < writes.length; i++) expect(writes[i].written).toBeGreaterThan(writes[i - 1].written);
  expect(writes.at(-1)).toMatchObject({ written: total, total });
  expect(writes.every((event) => event.total === total)).toBe(true);
  expect(events.at(-1)).toMatchObject({ state: "done", bytes: total });
}

const total = (parts: FlashPart[]) => parts.reduce((sum, part) => sum + part.data.length, 0);

describe("espFlasher against a virtual ESP", () => {
  const cases: [string, Board, VirtualEspOptions][] = [
    ["ESP32 DevKitC over a CP2102", esp32, { chip: "ESP32", flashSize: "4MB" }],
    ["ESP32-C3 over a CP2102", esp32c3, { chip: "ESP32-C3", flashSize: "4MB" }],
    [
      "ESP32-S3 over USB-Serial/JTAG",
      esp32s3,
      { chip: "ESP32-S3", flashSize: "8MB", usb: { vid: 0x303a, pid: 0x1001 } },
    ],
    ["ESP8266 NodeMCU", esp8266, { chip: "ESP8266", flashSize: "4MB" }],
  ];
  test.each(cases)("writes and verifies every part: %s", async (_name, board, options) => {
    const port = new VirtualEspPort(options);
    const parts = imageFor(board);
    const { events, error } = await run(board, port, parts);
    expect(error).toBeUndefined();
    expectFlashed(port, parts);
    expectOrderedSuccess(events, total(parts));
    expect(events.find((event) => event.state === "detected")).toMatchObject({ chip: options.chip });
    // Entered the ROM loader through the auto-reset lines, ended with EN pulsed into the new app.
    expect(port.log).toContain("reset -> ROM download mode");
    expect(port.log.at(-2)).toBe("reset -> app");
    expect(port.state).toBe("app");
    if (board.flash.protocol === "esptool") expect(port.openBauds).toEqual([115200, board.flash.baud]);
    expect(port.log.some((line) => line.startsWith("SPI_FLASH_MD5"))).toBe(true);
  });

  test("describes the chip from its eFuses", async () => {
    const port = new VirtualEspPort({ chip: "ESP32" });
    const { events } = await run(esp32, port, imageFor(esp32, 8192));
    expect(events.find((event) => event.state === "detected")).toEqual({
      state: "detected",
      chip: "ESP32",
      detail: "ESP32-D0WD-V3 (revision 3)",
    });
  });

  test("a cable pulled at 50 % is reported as a disconnect, never as done", async () => {
    const parts = imageFor(esp32);
    const port = new VirtualEspPort({
      chip: "ESP32",
      faults: { disconnectAtPercent: 50, disconnectTotalBytes: total(parts) },
    });
    const { error, states } = await run(esp32, port, parts);
    expect(error?.code).toBe("disconnected");
    expect(error?.message).toMatch(/^The board disconnected at \d+ %: check the cable and try again\./);
    const percent = Number(/at (\d+) %/.exec(error!.message)![1]);
    expect(percent).toBeGreaterThanOrEqual(35);
    expect(percent).toBeLessThanOrEqual(55);
    expect(states).not.toContain("done");
    expect(port.state).toBe("unplugged");
  });

  test("a corrupted write fails the MD5 check", async () => {
    const port = new VirtualEspPort({ chip: "ESP32", faults: { corruptWrite: true } });
    const { error, states } = await run(esp32, port, imageFor(esp32));
    expect(error?.code).toBe("verify-failed");
    expect(error?.message).toContain("0x1000");
    expect(states).not.toContain("done");
  });

  test("the wrong chip is refused before a single byte is written", async () => {
    const port = new VirtualEspPort({ chip: "ESP32-C3" });
    const events: FlashEvent[] = [];
    const failure = await flash({ port, board: esp32, parts: imageFor(esp32), onEvent: (e) => events.push(e) }).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(FlashError);
    expect(failure).toMatchObject({
      code: "wrong-chip",
      message: "This is an ESP32-C3, but the node is built for ESP32 (ESP32-DevKitC). Pick the right board or port.",
    });
    expect(events.at(-1)).toMatchObject({ state: "error", code: "wrong-chip" });
    expect(events.map((event) => event.state)).not.toContain("writing");
    expect(port.bytesWritten).toBe(0);
    expect(port.flash.every((byte) => byte === 0xff)).toBe(true);
    expect(port.log.some((line) => line.startsWith("MEM_BEGIN"))).toBe(false); // no stub uploaded either
    expect(port.state).toBe("app"); // and the chip was reset back into its app
  });

  test("a baud the link refuses falls back to the board's fallback baud", async () => {
    const port = new VirtualEspPort({ chip: "ESP32", faults: { refuseBaud: [921600] } });
    const parts = imageFor(esp32);
    const { events, error } = await run(esp32, port, parts);
    expect(error).toBeUndefined();
    expectFlashed(port, parts);
    expectOrderedSuccess(events, total(parts));
    const notes = events.flatMap((event) => (event.state === "detected" && event.detail ? [event.detail] : []));
    expect(notes.some((note) => /921600 baud did not work.*continuing at 115200 baud/.test(note))).toBe(true);
    expect(port.openBauds).toContain(921600);
    expect(port.openBauds.at(-1)).toBe(115200);
  });

  test("write errors at the high baud reconnect and retry at the fallback baud", async () => {
    const port = new VirtualEspPort({ chip: "ESP32-C3" });
    const parts = imageFor(esp32c3, 64 * 1024);
    const { events, error } = await run(esp32c3, new NoisyAtHighBaud(port), parts);
    expect(error).toBeUndefined();
    expectFlashed(port, parts);
    const notes = events.flatMap((event) => (event.state === "detected" && event.detail ? [event.detail] : []));
    expect(notes.some((note) => /921600 baud failed .*retrying at 115200 baud/.test(note))).toBe(true);
    expect(events.at(-1)?.state).toBe("done");
  });

  test("a throttled link reports the wire rate of the negotiated baud", async () => {
    const port = new VirtualEspPort({ chip: "ESP32-C3", faults: { throttleBaud: true } });
    const parts = [{ offset: 0x10000, data: randomBytes(48 * 1024, 5) }];
    const { events, error } = await run(esp32c3, port, parts);
    expect(error).toBeUndefined();
    const last = events.filter((event) => event.state === "writing").at(-1);
    // 921600 baud at 10 bits a byte is 92160 B/s; random data does not compress.
    expect(last?.bytesPerSecond).toBeLessThan(92_160);
    expect(last?.bytesPerSecond).toBeGreaterThan(40_000);
  });

  test("a board that never enters its bootloader fails to sync, quickly", async () => {
    const port = new VirtualEspPort({ chip: "ESP32", faults: { noSync: true } });
    const started = Date.now();
    const { error, states } = await run(esp32, port, imageFor(esp32));
    expect(error?.code).toBe("sync-failed");
    expect(error?.message).toMatch(/Hold the BOOT button/);
    expect(error?.message).toMatch(/cable/);
    expect(Date.now() - started).toBeLessThan(8000);
    expect(states).toEqual(["connecting"]);
  });

  test("a port that will not open is reported as such", async () => {
    const port = new VirtualEspPort({ chip: "ESP32" });
    port.unplug();
    const { error } = await run(esp32, port, imageFor(esp32));
    expect(error?.code).toBe("open-failed");
    expect(error?.message).toMatch(/Could not open the serial port/);
  });

  test("eraseAll wipes the whole flash first", async () => {
    const port = new VirtualEspPort({ chip: "ESP32-C3" });
    port.flash.fill(0x00);
    const parts = imageFor(esp32c3, 16 * 1024);
    const events: FlashEvent[] = [];
    await flasher.flash({ port, board: esp32c3, parts, eraseAll: true, onEvent: (e) => events.push(e) });
    expect(events.map((event) => event.state)).toContain("erasing");
    expectOrderedSuccess(events, total(parts));
    expectFlashed(port, parts);
    expect(port.flash.subarray(0x20000).every((byte) => byte === 0xff)).toBe(true);
  });

  test("aborting mid-write cancels promptly", async () => {
    const port = new VirtualEspPort({ chip: "ESP32", faults: { throttleBaud: true } });
    const controller = new AbortController();
    const events: FlashEvent[] = [];
    const started = Date.now();
    const failure = await flasher
      .flash({
        port,
        board: esp32,
        parts: imageFor(esp32),
        signal: controller.signal,
        onEvent: (event) => {
          events.push(event);
          if (event.state === "writing" && event.written > 0) controller.abort();
        },
      })
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: "cancelled" });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(events.map((event) => event.state)).not.toContain("done");
  });

  test.each([
    ["misaligned", [{ offset: 0x1001, data: new Uint8Array(16) }]],
    ["too large", [{ offset: 0x3f_f000, data: new Uint8Array(0x2000) }]],
    [
      "overlapping",
      [
        { offset: 0x1000, data: new Uint8Array(0x8000) },
        { offset: 0x8000, data: new Uint8Array(16) },
      ],
    ],
  ])("rejects a %s image before touching the port", async (_name, parts) => {
    const port = new VirtualEspPort({ chip: "ESP32" });
    const { error } = await run(esp32, port, parts);
    expect(error?.code).toBe("image-too-large");
    expect(port.openBauds).toEqual([]);
  });
});
