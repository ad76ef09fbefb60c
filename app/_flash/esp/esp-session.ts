import { ESPLoader, ESPRESSIF_VID, Transport, USB_JTAG_SERIAL_PID, type IEspLoaderTerminal } from "esptool-js";
import type { FlashEvent } from "../types";
import { type Stage, wrongChipError } from "./esp-errors";
import type { WatchedPort } from "./watch-port";

/** The ROM loader always starts at 115200 baud; esptool-js switches up after the stub runs. */
export const ROM_BAUD = 115200;

type SerialPortArg = ConstructorParameters<typeof Transport>[0];

/** esptool-js's Transport logs read-loop traces with console.log even with tracing off: route them. */
class QuietTransport extends Transport {
  sink: ((line: string) => void) | undefined;
  override trace(message: string): void {
    this.sink?.(message);
  }
}

export interface SessionHooks {
  emit(event: FlashEvent): void;
  setStage(stage: Stage): void;
  debug?: (line: string) => void;
}

export interface ConnectRequest {
  port: WatchedPort;
  baud: number;
  attempts: number;
  /** The chip the board needs, as esptool-js names it (board.flash.chip). */
  expectedChip: string;
  boardName: string;
  /** Why this connection exists, reported with the detected event (e.g. a baud fallback). */
  note?: string;
}

export function isUsbJtagSerial(port: { getInfo(): { usbVendorId?: number; usbProductId?: number } }): boolean {
  const info = port.getInfo();
  return info.usbVendorId === ESPRESSIF_VID && info.usbProductId === USB_JTAG_SERIAL_PID;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const normalizeChip = (name: string) => name.toUpperCase().replace(/[^A-Z0-9]/g, "");

/** One open port with the stub running at the negotiated baud. */
export class EspSession {
  private constructor(
    readonly loader: ESPLoader,
    readonly transport: QuietTransport,
    readonly chip: string,
    private readonly port: WatchedPort,
  ) {}

  /** Actual baud: esptool-js drops to 115200 by itself when the chip stops answering after a baud change. */
  get baud(): number {
    return this.transport.baudrate;
  }

  /**
   * Opens the port, resets the chip into its ROM loader (USB-Serial/JTAG gets its own sequence),
   * syncs, identifies the chip and refuses a mismatch before anything is uploaded or written, then
   * starts the flasher stub, raises the baud and checks the flash chip answers.
   */
  static async open(request: ConnectRequest, hooks: SessionHooks): Promise<EspSession> {
    const { port, baud, expectedChip, boardName } = request;
    hooks.emit({ state: "connecting" });
    hooks.setStage("open");
    let detecting = false;
    const markDetecting = () => {
      if (detecting) return;
      detecting = true;
      hooks.setStage("detect");
      hooks.emit({ state: "detecting" });
    };
    const onLine = (line: string) => {
      hooks.debug?.(line);
      if (/Detecting chip type/i.test(line)) markDetecting();
    };
    const terminal: IEspLoaderTerminal = { clean: () => {}, writeLine: onLine, write: onLine };
    const transport = new QuietTransport(port as unknown as SerialPortArg, false);
    transport.sink = hooks.debug;
    const loader = new ESPLoader({
      transport,
      baudrate: baud,
      romBaudrate: ROM_BAUD,
      terminal,
      debugLogging: Boolean(hooks.debug),
    });
    const session = new EspSession(loader, transport, "", port);
    let identified = false;
    try {
      const mode = isUsbJtagSerial(port) ? "usb_reset" : "default_reset";
      hooks.setStage("sync");
      await loader.connect(mode, request.attempts, true);
      markDetecting();
      const chip = loader.chip.CHIP_NAME;
      identified = true;
      if (normalizeChip(chip) !== normalizeChip(expectedChip)) throw wrongChipError(chip, expectedChip, boardName);
      const description = loader.secureDownloadMode ? undefined : await describe(loader);
      hooks.emit({ state: "detected", chip, ...(description ? { detail: description } : {}) });
      if (request.note) hooks.emit({ state: "detected", chip, detail: request.note });

      hooks.setStage("stub");
      // As ESPLoader.main() does: e.g. the ESP32-S3 shrinks its RAM blocks when it talks over USB-OTG.
      if (!loader.secureDownloadMode) await loader.chip.postConnect?.(loader);
      await loader.runStub();
      hooks.setStage("baud");
      if (baud !== ROM_BAUD) await loader.changeBaud();
      if (transport.baudrate !== baud) {
        hooks.emit({
          state: "detected",
          chip,
          detail: `${baud} baud did not work with this board or cable; continuing at ${transport.baudrate} baud.`,
        });
      }
      if (!loader.secureDownloadMode) {
        const flashId = await loader.readFlashId();
        if (flashId === 0xffffff || flashId === 0) {
          throw new Error("the SPI flash chip does not answer (flash id 0x" + flashId.toString(16) + ")");
        }
      }
      return new EspSession(loader, transport, chip, port);
    } catch (error) {
      // A chip left in its ROM loader stops running its old app: boot it again before letting go.
      if (identified && !port.lost) await session.hardReset().catch(() => {});
      await session.close();
      throw error;
    }
  }

  /**
   * Pulses EN through RTS (DTR released, so IO0 stays high) to boot the new app. esptool-js's
   * HardReset only releases RTS and never asserts it, so it would not reset anything.
   */
  async hardReset(): Promise<void> {
    // Straight to the real port: the watcher refuses signals once the run is cancelled.
    const port = this.port.inner;
    await port.setSignals({ dataTerminalReady: false, requestToSend: true });
    await sleep(100);
    await port.setSignals({ dataTerminalReady: false, requestToSend: false });
  }

  /** Releases the port whatever state esptool-js left it in; never throws, never hangs. */
  async close(): Promise<void> {
    this.port.retire();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, 1500)));
    try {
      await Promise.race([this.transport.disconnect(), timeout]);
    } catch (error) {
      this.transport.sink?.(`disconnect: ${String(error)}`);
    } finally {
      clearTimeout(timer);
    }
    try {
      await this.port.close();
    } catch {
      // already closed, or the device is gone
    }
  }
}

async function describe(loader: ESPLoader): Promise<string | undefined> {
  try {
    return await loader.chip.getChipDescription(loader);
  } catch {
    return undefined;
  }
}
