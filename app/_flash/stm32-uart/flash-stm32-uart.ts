/**
 * Flashes any STM32 through its ROM USART bootloader (ST AN3155), as `stm32flash` does: sync at 8E1,
 * GET and GET ID (the product id must match the board before anything is written), a read probe for
 * readout protection, erase of only the pages/sectors the image touches (ERASE or EXTENDED ERASE,
 * whichever the bootloader lists), 256-byte WRITE MEMORY blocks, a read-back verify, then GO.
 */
import type { Board } from "../../../boards/schema";
import { FlashError, type FlashEvent, type FlashOptions, type Flasher, type SerialPortLike } from "../types";
import { type An3155Client, BootloaderNack, formatVersion } from "./an3155-client";
import { chipById, describeChip, type EraseUnit, type Stm32Chip } from "./chips";
import { connect, releaseBoot0, type Session } from "./connect";
import { Command, commandName } from "./frames";
import {
  defaultStm32UartTiming,
  flashBytesOf,
  readStm32UartMethod,
  type Stm32UartMethod,
  type Stm32UartTiming,
} from "./method";
import { type FlashPlan, planFlash } from "./plan";
import { describeFailure, formatAddress, type Progress, readProtected, writeProtected } from "./failures";

/** Erase units per ERASE command: a progress step every few pages, one command per F4 sector. */
const UNITS_PER_ERASE = 16;

export function createStm32UartFlasher(timing: Partial<Stm32UartTiming> = {}): Flasher {
  const resolved = { ...defaultStm32UartTiming, ...timing };
  return { flash: (options) => flashStm32(options, resolved) };
}

export const stm32UartFlasher: Flasher = createStm32UartFlasher();

async function flashStm32(options: FlashOptions, timing: Stm32UartTiming): Promise<void> {
  const { board, port, signal } = options;
  const emit = (event: FlashEvent) => {
    try {
      options.onEvent?.(event);
    } catch {
      // a failing listener must not break a flash half-way
    }
  };
  const started = performance.now();
  const progress: Progress = { phase: "connecting", done: 0, total: 0 };
  let session: Session | null = null;
  let failure: FlashError | null = null;
  let bytes = 0;
  try {
    const method = readStm32UartMethod(board);
    const expected = chipById(method.expectedChipId) as Stm32Chip;
    const plan = planFlash(options.parts, expected, method.flashAddress, flashBytesOf(board, method.flashAddress));
    if (!port) throw new FlashError("no-device", "No serial port selected: pick the USB-serial adapter's port.");
    if (signal?.aborted) throw new FlashError("cancelled", "Flashing was cancelled.");
    emit({ state: "connecting" });
    session = await connect(port, board, method, timing, emit, signal);
    const { client, info } = session;

    progress.phase = "detecting";
    emit({ state: "detecting" });
    const id = await client.getId();
    const extended = info.commands.includes(Command.EXTENDED_ERASE);
    emit({
      state: "detected",
      chip: describeChip(id),
      detail: `ROM bootloader v${formatVersion(info.version)}, ${method.baud} baud 8E1, ${extended ? "EXTENDED " : ""}ERASE`,
    });
    if (id !== method.expectedChipId) {
      throw new FlashError(
        "wrong-chip",
        `The board answers as ${describeChip(id)}, but the node is built for the ${board.name}, ` +
          `${article(board.mcu)} ${board.mcu}: ${describeChip(method.expectedChipId)}. Pick the right port, or change ` +
          "the node's board.",
      );
    }
    requireCommands(info.commands);
    session = await ensureReadable(session, method, timing, board, port, emit, signal);

    await erase(session.client, plan, method, options.eraseAll === true, extended, timing, progress, emit);
    await write(session.client, plan, timing, progress, emit);
    await verify(session.client, plan, progress, emit);

    progress.phase = "resetting";
    emit({ state: "resetting" });
    await session.client.go(method.flashAddress);
    if (method.autoEntry) await releaseBoot0(session.link);
    bytes = plan.imageBytes;
  } catch (error) {
    failure = describeFailure(error, progress);
  } finally {
    await session?.link.close();
  }
  // The `error` event is emitted once, by app/_flash/index.ts, for every flasher.
  if (failure) throw failure;
  emit({ state: "done", bytes, durationMs: Math.round(performance.now() - started) });
}

function requireCommands(commands: number[]): void {
  const needed: number[] = [Command.GET_ID, Command.READ_MEMORY, Command.WRITE_MEMORY, Command.GO];
  const missing = needed.filter((code) => !commands.includes(code));
  if (!commands.includes(Command.ERASE) && !commands.includes(Command.EXTENDED_ERASE)) missing.push(Command.ERASE);
  if (missing.length > 0) {
    throw new FlashError(
      "device-error",
      `The bootloader does not offer ${missing.map(commandName).join(", ")}: it is not an STM32 ROM bootloader ` +
        "this flasher can use.",
    );
  }
}

/**
 * A read-protected chip lists its commands but refuses READ MEMORY. Removing the protection erases
 * the whole flash, so it happens only when the caller confirmed it; the chip then resets.
 */
async function ensureReadable(
  session: Session,
  method: Stm32UartMethod,
  timing: Stm32UartTiming,
  board: Board,
  port: SerialPortLike,
  emit: (event: FlashEvent) => void,
  signal: AbortSignal | undefined,
): Promise<Session> {
  try {
    await session.client.readMemory(method.flashAddress, 4);
    return session;
  } catch (error) {
    const refused = error instanceof BootloaderNack && error.command === Command.READ_MEMORY;
    if (!refused || error.stage !== "command") throw error;
  }
  if (!method.removeReadProtection) throw readProtected(board.name);
  await session.client.readoutUnprotect(timing.massEraseTimeoutMs);
  // The chip resets after READOUT UNPROTECT; BOOT0 is still high, so the bootloader comes back.
  await session.link.close();
  const next = await connect(port, board, method, timing, emit, signal);
  await next.client.readMemory(method.flashAddress, 4).catch((error) => {
    throw error instanceof BootloaderNack ? readProtected(board.name, true) : error;
  });
  return next;
}

async function erase(
  client: An3155Client,
  plan: FlashPlan,
  method: Stm32UartMethod,
  eraseAll: boolean,
  extended: boolean,
  timing: Stm32UartTiming,
  progress: Progress,
  emit: (event: FlashEvent) => void,
): Promise<void> {
  progress.phase = "erasing";
  if (method.massErase || eraseAll) {
    Object.assign(progress, { done: 0, total: 1 });
    emit({ state: "erasing", erased: 0, total: 1 });
    await client.massErase(extended, timing.massEraseTimeoutMs);
    emit({ state: "erasing", erased: 1, total: 1 });
    return;
  }
  Object.assign(progress, { done: 0, total: plan.units.length });
  emit({ state: "erasing", erased: 0, total: plan.units.length });
  const perCommand = plan.units.some((unit) => unit.bytes > 4096) ? 1 : UNITS_PER_ERASE;
  for (let i = 0; i < plan.units.length; i += perCommand) {
    const group = plan.units.slice(i, i + perCommand);
    try {
      await client.erase(
        extended,
        group.map((unit) => unit.index),
        eraseTimeout(group, timing),
      );
    } catch (error) {
      if (error instanceof BootloaderNack && error.stage === "payload") throw writeProtected("erase", group);
      throw error;
    }
    progress.done += group.length;
    emit({ state: "erasing", erased: progress.done, total: plan.units.length });
  }
}

/** The datasheet's worst case for every unit, doubled, plus the wire and the USB bridge's latency. */
const eraseTimeout = (units: EraseUnit[], timing: Stm32UartTiming) =>
  units.reduce((sum, unit) => sum + unit.eraseMaxMs * 2, timing.commandTimeoutMs);

async function write(
  client: An3155Client,
  plan: FlashPlan,
  timing: Stm32UartTiming,
  progress: Progress,
  emit: (event: FlashEvent) => void,
): Promise<void> {
  Object.assign(progress, { phase: "writing", done: 0, total: plan.blockBytes });
  emit({ state: "writing", written: 0, total: plan.blockBytes });
  const start = performance.now();
  for (const block of plan.blocks) {
    progress.address = block.address;
    try {
      await client.writeMemory(block.address, block.data, timing.writeTimeoutMs);
    } catch (error) {
      if (error instanceof BootloaderNack && error.stage === "payload") {
        throw writeProtected("write", plan.units.filter((u) => u.address <= block.address).slice(-1));
      }
      throw error;
    }
    progress.done += block.data.length;
    const seconds = (performance.now() - start) / 1000;
    const event: FlashEvent = { state: "writing", written: progress.done, total: plan.blockBytes };
    if (seconds > 0) event.bytesPerSecond = Math.round(progress.done / seconds);
    emit(event);
  }
}

async function verify(
  client: An3155Client,
  plan: FlashPlan,
  progress: Progress,
  emit: (event: FlashEvent) => void,
): Promise<void> {
  Object.assign(progress, { phase: "verifying", done: 0, total: plan.blockBytes });
  emit({ state: "verifying", verified: 0, total: plan.blockBytes });
  for (const block of plan.blocks) {
    progress.address = block.address;
    const actual = await client.readMemory(block.address, block.data.length);
    const at = block.data.findIndex((byte, i) => actual[i] !== byte);
    if (at >= 0) {
      throw new FlashError(
        "verify-failed",
        `Verification failed at ${formatAddress(block.address + at)}: wrote 0x${hex2(block.data[at])}, ` +
          `read back 0x${hex2(actual[at])}. Flash again; if it keeps failing at the same address, that flash ` +
          "cell is worn or the page is write-protected.",
      );
    }
    progress.done += block.data.length;
    emit({ state: "verifying", verified: progress.done, total: plan.blockBytes });
  }
}

const hex2 = (n: number) => n.toString(16).padStart(2, "0");
const article = (word: string) => (/^[aefhilmnorsx]/i.test(word) ? "an" : "a");
