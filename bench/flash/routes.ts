/**
 * bench/flash rows for the routes that write STM32s and the Pico without DfuSe: an ST-LINK/V2 with a
 * Blue Pill, the Nucleo-F401RE's ST-LINK/V2-1, the STM32F103's ROM USART bootloader (AN3155 at
 * 115200 8E1) and the Pico's PICOBOOT. Each goes through flash() with the catalogue's own route.
 * Lower bounds: AN3155 is the wire time of the bytes both ways (11 bits each at 8E1); ST-LINK and
 * PICOBOOT are the virtual device's modelled time (USB transfers plus flash erase/program, run in
 * real time with realTimeScale 1), i.e. what the hardware itself needs for this conversation.
 */
import { getBoard, type Board, type FlashRoute } from "../../boards";
import { flash } from "../../app/_flash";
import type { FlashPart } from "../../app/_flash/types";
import { VirtualPicobootDevice } from "../../e2e/fixtures/virtual-picoboot";
import { VirtualStlinkDevice } from "../../e2e/fixtures/virtual-stlink";
import { virtualF103c8, wireSeconds } from "../../e2e/fixtures/virtual-stm32-uart";
import { boot2Words } from "../../workers/codegen/templates/families/rp2040";

export interface Row {
  target: string;
  imageBytes: number;
  seconds: number;
  /** What no host can beat: the wire time of the bytes sent, or the device's modelled time. */
  boundSeconds: number;
  bound: "wire" | "modelled";
  sentBytes: number;
}

function route(boardId: string, protocol: string): { board: Board; route: FlashRoute } {
  const board = getBoard(boardId)!;
  const found = board.flashRoutes.find((candidate) => candidate.method.protocol === protocol);
  if (!found) throw new Error(`catalogue changed: ${boardId} has no ${protocol} route`);
  return { board, route: found };
}

async function timed(run: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await run();
  return (performance.now() - started) / 1000;
}

export async function stlinkRun(boardId: "bluepill-f103c8" | "nucleo-f401re", image: Uint8Array): Promise<Row> {
  const { board, route: stlink } = route(boardId, "stlink");
  const nucleo = boardId === "nucleo-f401re";
  const device = new VirtualStlinkDevice({
    probe: nucleo ? "v2-1" : "v2",
    chip: nucleo ? "stm32f401re" : "stm32f103c8",
    realTimeScale: 1,
  });
  const parts: FlashPart[] = [{ offset: 0x0800_0000, data: image }];
  const seconds = await timed(() => flash({ board, route: stlink, device, parts }));
  return {
    target: `${nucleo ? "F401RE ST-LINK/V2-1" : "F103C8 ST-LINK/V2"}`,
    imageBytes: image.length,
    seconds,
    boundSeconds: device.modelledMs / 1000,
    bound: "modelled",
    sentBytes: device.bytesOut + device.bytesIn,
  };
}

export async function an3155Run(image: Uint8Array): Promise<Row> {
  const { board, route: uart } = route("bluepill-f103c8", "stm32-uart");
  // Already in the bootloader (BOOT0 set, reset pressed), so no instruction waits for a person; both
  // directions paced at 11 bits per byte, as a real 115200 8E1 line.
  const port = virtualF103c8({ initialMode: "bootloader", throttle: true });
  const parts: FlashPart[] = [{ offset: 0x0800_0000, data: image }];
  const seconds = await timed(() => flash({ board, route: uart, port, parts }));
  const sent = port.wire.toDevice + port.wire.toHost;
  return {
    target: "F103C8 AN3155 115200 8E1",
    imageBytes: image.length,
    seconds,
    boundSeconds: wireSeconds(sent, 115200),
    bound: "wire",
    sentBytes: sent,
  };
}

/** A Pico image as the build makes it: boot2 with its CRC first, so the ROM would boot it. */
export function picoImage(program: Uint8Array): Uint8Array {
  const image = program.slice();
  const view = new DataView(image.buffer);
  boot2Words().forEach((word, i) => view.setUint32(i * 4, word, true));
  return image;
}

export async function picobootRun(image: Uint8Array): Promise<Row> {
  const { board, route: picoboot } = route("rpi-pico", "picoboot");
  const device = new VirtualPicobootDevice({ realTimeScale: 1 });
  // Bulk bytes both ways: command blocks, write data out, read-back data in.
  let bulkBytes = 0;
  const out = device.transferOut.bind(device);
  const into = device.transferIn.bind(device);
  device.transferOut = async (endpoint, data) => {
    const result = await out(endpoint, data);
    bulkBytes += result.bytesWritten;
    return result;
  };
  device.transferIn = async (endpoint, length) => {
    const result = await into(endpoint, length);
    bulkBytes += result.data?.byteLength ?? 0;
    return result;
  };
  const parts: FlashPart[] = [{ offset: 0x1000_0000, data: image }];
  const seconds = await timed(() => flash({ board, route: picoboot, device, parts }));
  const time = device.modelledTime;
  return {
    target: "Pico PICOBOOT (BOOTSEL)",
    imageBytes: image.length,
    seconds,
    boundSeconds: time.totalUs / 1e6,
    bound: "modelled",
    sentBytes: bulkBytes,
  };
}
