import { ESPLoader, Transport } from "esptool-js";
import { describe, expect, test } from "vitest";
import { AutoResetCircuit, slipEncode, SlipDecoder, VirtualEspPort } from "../../../e2e/fixtures/virtual-esp32";
import { md5Hex } from "./md5";
import { randomBytes } from "./test-support";

// The e2e fixture is exercised here because vitest does not collect tests under e2e/.

const quiet = { clean: () => {}, writeLine: () => {}, write: () => {} };
type SerialPortArg = ConstructorParameters<typeof Transport>[0];

describe("virtual ESP fixture", () => {
  test("SLIP frames survive escaping and arbitrary chunking", () => {
    const payload = new Uint8Array([0x00, 0xc0, 0xdb, 0x01, 0xdb, 0xdc, 0xc0]);
    const wire = new Uint8Array([0x55, ...slipEncode(payload), ...slipEncode(new Uint8Array([7]))]);
    const decoder = new SlipDecoder();
    const frames = Array.from(wire).flatMap((byte) => decoder.push(new Uint8Array([byte])));
    expect(frames).toEqual([payload, new Uint8Array([7])]);
  });

  test("the auto-reset circuit enters download mode on the classic and USB-JTAG sequences", () => {
    const circuit = new AutoResetCircuit();
    const step = (dtr: boolean, rts: boolean) => circuit.apply({ dataTerminalReady: dtr, requestToSend: rts });
    // esptool ClassicReset: EN low, then EN released with IO0 low.
    expect([step(false, true), step(true, false), step(false, false)]).toEqual([null, "download", null]);
    // A plain EN pulse boots the app.
    expect([step(false, true), step(false, false)]).toEqual([null, "app"]);
    // esptool UsbJtagSerialReset: IO0 first, then reset, released with both lines low.
    const usb = [step(false, false), step(true, false), step(true, true), step(false, true), step(false, false)];
    expect(usb).toEqual([null, null, null, null, "download"]);
  });

  test("esptool-js reads back flash through the stub and the ROM MD5 answer is hex text", async () => {
    const port = new VirtualEspPort({ chip: "ESP32-C3", flashSize: "4MB" });
    const data = randomBytes(10_000, 9);
    port.flash.set(data, 0x3000);
    const transport = new Transport(port as unknown as SerialPortArg, false);
    transport.trace = () => {};
    const loader = new ESPLoader({ transport, baudrate: 115200, terminal: quiet });
    await loader.connect("default_reset", 2, true);
    // ROM loader: SPI_FLASH_MD5 answers 32 ASCII hex digits (esptool.py decodes them as text).
    const romHex = await loader.flashMd5sum(0x3000, data.length);
    expect(String.fromCharCode(...romHex.match(/../g)!.map((h) => Number.parseInt(h, 16)))).toBe(md5Hex(data));
    await loader.runStub();
    expect(await loader.flashMd5sum(0x3000, data.length)).toBe(md5Hex(data)); // stub: 16 raw bytes
    expect(await loader.readFlash(0x3000, data.length)).toEqual(data);
    expect(await loader.readFlashId()).toBe(0x1640ef);
    await transport.disconnect();
  });

  test("a pulled cable errors reads and rejects writes", async () => {
    const port = new VirtualEspPort({ chip: "ESP32" });
    await port.open({ baudRate: 115200 });
    const reader = port.readable!.getReader();
    const pending = reader.read();
    port.unplug();
    await expect(pending).rejects.toMatchObject({ name: "NetworkError", message: "The device has been lost." });
    await expect(port.writable!.getWriter().write(new Uint8Array([0xc0]))).rejects.toMatchObject({
      name: "NetworkError",
    });
    await port.close();
    await expect(port.open({ baudRate: 115200 })).rejects.toMatchObject({ name: "NetworkError" });
  });

  test("throttled ports take the wire time of the current baud", async () => {
    const port = new VirtualEspPort({ chip: "ESP32", faults: { throttleBaud: true } });
    await port.open({ baudRate: 115200 });
    const writer = port.writable!.getWriter();
    const started = performance.now();
    await writer.write(new Uint8Array(2304)); // 23040 bits at 115200 baud: 200 ms
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    writer.releaseLock();
    await port.close();
  });

  test("a refused baud garbles what the chip sends back", async () => {
    const port = new VirtualEspPort({ chip: "ESP32", faults: { refuseBaud: [921600] } });
    await port.open({ baudRate: 921600 });
    const reader = port.readable!.getReader();
    const sync = new Uint8Array([0x00, 0x08, 36, 0, 0, 0, 0, 0, 7, 7, 0x12, 0x20, ...new Array(32).fill(0x55)]);
    const writer = port.writable!.getWriter();
    await writer.write(slipEncode(sync));
    const { value } = await reader.read();
    expect(value?.[0]).not.toBe(0xc0);
    expect(port.log).not.toContain("SYNC (rom)");
  });
});
