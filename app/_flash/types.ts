/**
 * The flashing core's contract. Nothing here imports React or `window`: Node tests drive it against
 * virtual devices, the browser against real ones.
 */
import type { Board } from "../../boards/schema";

export interface FlashPart {
  /** ESP: flash offset (bootloader 0x1000 on ESP32); STM32 DfuSe: absolute address; AVR: byte address. */
  offset: number;
  data: Uint8Array;
}

export type FlashEvent =
  /** `instruction`: something the user must do with the board now (set BOOT0, press reset…). */
  | { state: "connecting"; instruction?: string }
  | { state: "detecting" }
  | { state: "detected"; chip: string; detail?: string }
  | { state: "erasing"; erased?: number; total?: number }
  | { state: "writing"; written: number; total: number; bytesPerSecond?: number }
  | { state: "verifying"; verified?: number; total?: number }
  | { state: "resetting" }
  | { state: "done"; bytes: number; durationMs: number }
  | { state: "error"; code: FlashErrorCode; message: string };

export type FlashErrorCode =
  | "unsupported-board"
  | "no-device"
  | "open-failed"
  | "sync-failed"
  | "wrong-chip"
  | "baud-refused"
  | "disconnected"
  | "write-failed"
  | "verify-failed"
  | "device-error"
  | "image-too-large"
  | "cancelled"
  | "timeout"
  | "target-not-powered"
  | "write-protected"
  | "read-protected"
  | "programmer-outdated";

export class FlashError extends Error {
  override readonly name = "FlashError";
  constructor(
    readonly code: FlashErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The subset of Web Serial's SerialPort the core uses (also what esptool-js's Transport needs). */
export interface SerialPortLike {
  readonly readable: ReadableStream<Uint8Array> | null;
  readonly writable: WritableStream<Uint8Array> | null;
  open(options: {
    baudRate: number;
    dataBits?: number;
    stopBits?: number;
    parity?: string;
    bufferSize?: number;
    flowControl?: string;
  }): Promise<void>;
  close(): Promise<void>;
  setSignals(signals: { dataTerminalReady?: boolean; requestToSend?: boolean; break?: boolean }): Promise<void>;
  getInfo(): { usbVendorId?: number; usbProductId?: number };
}

/** The subset of WebUSB's USBDevice the DfuSe client uses. */
export interface UsbDeviceLike {
  readonly vendorId: number;
  readonly productId: number;
  readonly productName?: string;
  readonly opened: boolean;
  readonly configuration: USBConfigurationLike | null;
  readonly configurations: USBConfigurationLike[];
  open(): Promise<void>;
  close(): Promise<void>;
  selectConfiguration(value: number): Promise<void>;
  claimInterface(interfaceNumber: number): Promise<void>;
  releaseInterface(interfaceNumber: number): Promise<void>;
  selectAlternateInterface(interfaceNumber: number, alternateSetting: number): Promise<void>;
  controlTransferIn(
    setup: UsbControlSetup,
    length: number,
  ): Promise<{ data?: DataView; status: "ok" | "stall" | "babble" }>;
  controlTransferOut(
    setup: UsbControlSetup,
    data?: BufferSource,
  ): Promise<{ bytesWritten: number; status: "ok" | "stall" | "babble" }>;
  reset?(): Promise<void>;
  /** WebUSB bulk transfers (ST-LINK); optional so control-only devices and their fakes stay valid. */
  transferOut?(
    endpointNumber: number,
    data: BufferSource,
  ): Promise<{ bytesWritten: number; status: "ok" | "stall" | "babble" }>;
  transferIn?(endpointNumber: number, length: number): Promise<{ data?: DataView; status: "ok" | "stall" | "babble" }>;
  /** WebUSB CLEAR_FEATURE(ENDPOINT_HALT): a bulk endpoint the device stalled stays halted until cleared (PICOBOOT). */
  clearHalt?(direction: "in" | "out", endpointNumber: number): Promise<void>;
}

export interface UsbControlSetup {
  requestType: "standard" | "class" | "vendor";
  recipient: "device" | "interface" | "endpoint" | "other";
  request: number;
  value: number;
  index: number;
}

export interface USBConfigurationLike {
  configurationValue: number;
  interfaces: {
    interfaceNumber: number;
    alternates: {
      alternateSetting: number;
      interfaceClass: number;
      interfaceSubclass: number;
      interfaceProtocol: number;
      interfaceName?: string | null;
      /** WebUSB USBAlternateInterface.endpoints (numbers without the direction bit); optional for control-only fakes. */
      endpoints?: { endpointNumber: number; direction: "in" | "out"; type: "bulk" | "interrupt" | "isochronous" }[];
    }[];
  }[];
}

export interface FlashOptions {
  port?: SerialPortLike;
  device?: UsbDeviceLike;
  board: Board;
  parts: FlashPart[];
  onEvent?: (event: FlashEvent) => void;
  signal?: AbortSignal;
  /** ESP only: erase the whole flash first. */
  eraseAll?: boolean;
}

/** One implementation per flash protocol (esptool, dfuse, stk500v1…), chosen by board.flash.protocol. */
export interface Flasher {
  flash(options: FlashOptions): Promise<void>;
}
