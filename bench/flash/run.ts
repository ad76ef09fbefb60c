/**
 * bench/flash: a 1 MiB image to the virtual ESP32 throttled to 115200 and 921600 baud, and to the
 * virtual DfuSe device throttled to a USB full-speed ROM's rate; a 64 KiB image (the Blue Pill's whole
 * flash) over ST-LINK (F103C8, F401RE), the F103's AN3155 USART bootloader and the Pico's PICOBOOT
 * (see routes.ts). Prints effective throughput and the ratio to the lower bound: the wire time of the
 * bytes actually sent, or the virtual device's modelled time. Run: npm run bench:flash
 */
import { deflateSync } from "node:zlib";
import { getBoard } from "../../boards";
import { flash } from "../../app/_flash";
import type { FlashPart, SerialPortLike } from "../../app/_flash/types";
import { VirtualDfuseDevice } from "../../e2e/fixtures/virtual-dfuse/virtual-dfuse-device";
import { VirtualEspPort } from "../../e2e/fixtures/virtual-esp32";
import { an3155Run, picobootRun, picoImage, stlinkRun, type Row } from "./routes";

const MIB = 1024 * 1024;
const ROUTE_IMAGE_BYTES = 64 * 1024;
const DFU_BYTES_PER_SECOND = Number(process.env.BENCH_DFU_RATE ?? 40_000);

/** Firmware-like bytes: half random, half repeating instruction-like words, so deflate has real work. */
function firmwareImage(length: number): Uint8Array {
  const image = new Uint8Array(length);
  let state = 0x2545f491;
  for (let i = 0; i < length; i += 1) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    image[i] = i % 4096 < 2048 ? state & 0xff : [0x00, 0xbf, 0x70, 0x47][i % 4] ^ ((i >> 12) & 0x0f);
  }
  return image;
}

/** Counts bytes written to the port and the wire time they need at the baud each was sent at. */
class MeteredPort implements SerialPortLike {
  bytes = 0;
  wireSeconds = 0;
  private baud = 115200;
  constructor(private readonly inner: SerialPortLike) {}
  get readable() {
    return this.inner.readable;
  }
  get writable() {
    const target = this.inner.writable;
    if (!target) return null;
    return new WritableStream<Uint8Array>({
      write: async (chunk) => {
        this.bytes += chunk.length;
        this.wireSeconds += (chunk.length * 10) / this.baud;
        const writer = target.getWriter();
        try {
          await writer.write(chunk);
        } finally {
          writer.releaseLock();
        }
      },
    });
  }
  open(options: Parameters<SerialPortLike["open"]>[0]) {
    this.baud = options.baudRate;
    return this.inner.open(options);
  }
  close = () => this.inner.close();
  setSignals = (signals: Parameters<SerialPortLike["setSignals"]>[0]) => this.inner.setSignals(signals);
  getInfo = () => this.inner.getInfo();
}

async function espRun(baud: number, image: Uint8Array): Promise<Row> {
  const board = getBoard("esp32-devkitc")!;
  if (board.flash.protocol !== "esptool") throw new Error("catalogue changed");
  const device = new VirtualEspPort({ chip: "ESP32", faults: { throttleBaud: true } });
  const port = new MeteredPort(device);
  const parts: FlashPart[] = [{ offset: board.flash.offsets.app, data: image }];
  const started = performance.now();
  await flash({ port, board: { ...board, flash: { ...board.flash, baud } }, parts });
  return {
    target: `ESP32 @ ${baud} baud`,
    imageBytes: image.length,
    seconds: (performance.now() - started) / 1000,
    boundSeconds: port.wireSeconds,
    bound: "wire",
    sentBytes: port.bytes,
  };
}

async function dfuRun(image: Uint8Array): Promise<Row> {
  const board = getBoard("netduino-plus-2")!;
  const device = new VirtualDfuseDevice({ throttleBytesPerSecond: DFU_BYTES_PER_SECOND });
  let dataBytes = 0;
  // Data stages are what the throttled bus carries: DNLOAD payloads out, UPLOAD (read-back) in.
  const sendOut = device.controlTransferOut.bind(device);
  const sendIn = device.controlTransferIn.bind(device);
  device.controlTransferOut = (setup, data) => {
    if (setup.request === 1 && data) dataBytes += data.byteLength;
    return sendOut(setup, data);
  };
  device.controlTransferIn = async (setup, length) => {
    const result = await sendIn(setup, length);
    if (setup.request === 2) dataBytes += result.data?.byteLength ?? 0;
    return result;
  };
  const started = performance.now();
  await flash({ device, board, parts: [{ offset: 0x0800_0000, data: image }] });
  const seconds = (performance.now() - started) / 1000;
  return {
    target: `STM32 DfuSe @ ${(DFU_BYTES_PER_SECOND / 1000).toFixed(0)} kB/s`,
    imageBytes: image.length,
    seconds,
    boundSeconds: dataBytes / DFU_BYTES_PER_SECOND,
    bound: "wire",
    sentBytes: dataBytes,
  };
}

async function main() {
  const image = firmwareImage(MIB);
  const deflated = deflateSync(image).length;
  const small = image.subarray(0, ROUTE_IMAGE_BYTES);
  const rows = [
    await espRun(115200, image),
    await espRun(921600, image),
    await dfuRun(image),
    await stlinkRun("bluepill-f103c8", small),
    await stlinkRun("nucleo-f401re", small),
    await an3155Run(small),
    await picobootRun(picoImage(small)),
  ];
  console.log(
    `\nbench/flash: 1 MiB image (deflates to ${(deflated / 1024).toFixed(0)} KiB) for ESP32 and DfuSe, ` +
      `${ROUTE_IMAGE_BYTES / 1024} KiB for the other routes; every write verified by read-back\n`,
  );
  console.log(
    "| target                   | image KiB | time (s) | image KiB/s | bytes sent | lower bound (s)      | time / bound |",
  );
  console.log(
    "|--------------------------|-----------|----------|-------------|------------|----------------------|--------------|",
  );
  for (const row of rows) {
    const bound = `${row.boundSeconds.toFixed(2)} ${row.bound}`;
    console.log(
      `| ${row.target.padEnd(24)} | ${String(row.imageBytes / 1024).padStart(9)} | ${row.seconds.toFixed(1).padStart(8)} | ${(row.imageBytes / 1024 / row.seconds).toFixed(1).padStart(11)} | ${String(row.sentBytes).padStart(10)} | ${bound.padStart(20)} | ${(row.seconds / row.boundSeconds).toFixed(2).padStart(12)} |`,
    );
  }
}

await main();
