/**
 * bench/flash: a 1 MiB image to the virtual ESP32 throttled to 115200 and 921600 baud, and to the
 * virtual DfuSe device throttled to a USB full-speed ROM's rate. Prints effective throughput and
 * the ratio to the wire-time lower bound of the bytes actually sent. Run: npm run bench:flash
 */
import { deflateSync } from "node:zlib";
import { getBoard } from "../../boards";
import { flash } from "../../app/_flash";
import type { FlashPart, SerialPortLike } from "../../app/_flash/types";
import { VirtualDfuseDevice } from "../../e2e/fixtures/virtual-dfuse/virtual-dfuse-device";
import { VirtualEspPort } from "../../e2e/fixtures/virtual-esp32";

const MIB = 1024 * 1024;
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

interface Row {
  target: string;
  seconds: number;
  wireSeconds: number;
  sentBytes: number;
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
    seconds: (performance.now() - started) / 1000,
    wireSeconds: port.wireSeconds,
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
    seconds,
    wireSeconds: dataBytes / DFU_BYTES_PER_SECOND,
    sentBytes: dataBytes,
  };
}

async function main() {
  const image = firmwareImage(MIB);
  const deflated = deflateSync(image).length;
  const rows = [await espRun(115200, image), await espRun(921600, image), await dfuRun(image)];
  console.log(`\nbench/flash: 1 MiB image (deflates to ${(deflated / 1024).toFixed(0)} KiB), written and verified\n`);
  console.log(
    "| target                  | time (s) | image KiB/s | bytes sent | wire lower bound (s) | time / bound |",
  );
  console.log(
    "|-------------------------|----------|-------------|------------|----------------------|--------------|",
  );
  for (const row of rows) {
    console.log(
      `| ${row.target.padEnd(23)} | ${row.seconds.toFixed(1).padStart(8)} | ${(MIB / 1024 / row.seconds).toFixed(1).padStart(11)} | ${String(row.sentBytes).padStart(10)} | ${row.wireSeconds.toFixed(1).padStart(20)} | ${(row.seconds / row.wireSeconds).toFixed(2).padStart(12)} |`,
    );
  }
}

await main();
