/**
 * Getting an STM32 into its ROM bootloader and in sync: open the port at 8E1 (the bootloader checks
 * even parity), optionally pulse BOOT0/NRST through RTS/DTR, send 0x7F until it answers. When that
 * does not work, tell the user what to do with the board and keep trying until the deadline.
 */
import type { Board } from "../../../boards/schema";
import { SerialLink } from "../stk500/serial-link";
import { FlashError, type FlashEvent, type SerialPortLike } from "../types";
import { An3155Client, type BootloaderInfo } from "./an3155-client";
import type { Stm32UartMethod, Stm32UartTiming } from "./method";

export interface Session {
  link: SerialLink;
  client: An3155Client;
  info: BootloaderInfo;
}

const now = () => performance.now();

/** The port as SerialLink opens it, but always 8 data bits, even parity, 1 stop bit. */
export function withEvenParity(port: SerialPortLike): SerialPortLike {
  return {
    get readable() {
      return port.readable;
    },
    get writable() {
      return port.writable;
    },
    open: (options) => port.open({ ...options, dataBits: 8, stopBits: 1, parity: "even", flowControl: "none" }),
    close: () => port.close(),
    setSignals: (signals) => port.setSignals(signals),
    getInfo: () => port.getInfo(),
  };
}

export async function connect(
  port: SerialPortLike,
  board: Board,
  method: Stm32UartMethod,
  timing: Stm32UartTiming,
  emit: (event: FlashEvent) => void,
  signal: AbortSignal | undefined,
): Promise<Session> {
  const link = await SerialLink.open(withEvenParity(port), method.baud, signal);
  try {
    const client = new An3155Client(link, timing.commandTimeoutMs);
    const attempt = handshake(client, timing);
    // A board already in its bootloader (BOOT0 jumper set, reset pressed beforehand) needs no instruction.
    const pulsed = method.autoEntry ? await pulseIntoBootloader(link, timing) : null;
    for (let i = 0; i < timing.syncAttempts; i++) {
      const info = await attempt();
      if (info) return { link, client, info };
    }
    const waitMs = method.bootloaderWaitMs ?? timing.bootloaderWaitMs;
    emit({ state: "connecting", instruction: entryInstruction(board, pulsed, waitMs) });
    const deadline = now() + waitMs;
    do {
      const info = await attempt();
      if (info) return { link, client, info };
    } while (now() < deadline);
    throw new FlashError("sync-failed", syncAdvice(board, method, waitMs, attempt.lastProblem()));
  } catch (error) {
    await link.close();
    throw error;
  }
}

/**
 * 0x7F, then GET: a running application that happens to send 0x79 ('y') must not pass for the
 * bootloader, so only a bootloader that also lists its commands counts as synced.
 */
function handshake(client: An3155Client, timing: Stm32UartTiming) {
  let problem: string | null = null;
  const attempt = async (): Promise<BootloaderInfo | null> => {
    if (!(await client.sync(timing.syncTimeoutMs))) return null;
    try {
      return await client.get();
    } catch (error) {
      if (error instanceof FlashError && (error.code === "disconnected" || error.code === "cancelled")) throw error;
      problem = error instanceof Error ? error.message : String(error);
      return null;
    }
  };
  return Object.assign(attempt, { lastProblem: () => problem });
}

/** RTS asserted = BOOT0 high, DTR asserted = NRST low; releasing DTR boots the ROM bootloader. */
/** False when the bridge refuses control lines: the user resets by hand. */
async function pulseIntoBootloader(link: SerialLink, timing: Stm32UartTiming): Promise<boolean> {
  try {
    await link.setSignals({ requestToSend: true, dataTerminalReady: true });
    await link.sleep(timing.resetLowMs);
    await link.setSignals({ requestToSend: true, dataTerminalReady: false });
  } catch (error) {
    if (error instanceof FlashError) throw error;
    return false;
  }
  await link.sleep(timing.bootWaitMs);
  link.drain();
  return true;
}

/** After GO: BOOT0 back low, so the next reset starts the new program rather than the bootloader. */
export async function releaseBoot0(link: SerialLink): Promise<void> {
  await link.setSignals({ requestToSend: false, dataTerminalReady: false }).catch(() => {});
}

/** `pulsed`: null without auto entry, else whether the adapter let us drive RTS/DTR. */
function entryInstruction(board: Board, pulsed: boolean | null, waitMs: number): string {
  const why =
    pulsed === null
      ? ""
      : pulsed
        ? "Pulsing RTS (BOOT0) and DTR (NRST) got no answer, so the adapter's control lines are probably not wired. "
        : "This USB-serial adapter does not let the browser drive RTS and DTR. ";
  return (
    `${why}Put the ${board.name} into its ROM bootloader now: set BOOT0 to 1 (jumper or button marked BOOT0), ` +
    `then press and release RESET. Flashing continues as soon as the bootloader answers; waiting ${seconds(waitMs)}.`
  );
}

function syncAdvice(board: Board, method: Stm32UartMethod, waitMs: number, problem: string | null): string {
  const heard = problem ? ` Something answered 0x7F but then failed: ${problem}` : "";
  return (
    `No answer from the ${board.name}'s ROM bootloader at ${method.baud} baud (8E1) within ${seconds(waitMs)}.` +
    `${heard} Check that the board is powered, that BOOT0 was 1 when RESET was released, that the adapter's TX ` +
    "goes to the board's RX (PA10 on USART1) and RX to TX (PA9), that GND is shared, and that no other program " +
    "uses the port."
  );
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;
