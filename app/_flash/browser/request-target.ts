/**
 * Browser glue: opens Chrome's port/device chooser filtered by the catalogue. Only this folder
 * touches `navigator.serial` / `navigator.usb`; the flashing core receives what the user picked.
 */
import type { Board } from "../../../boards/schema";
import { serialFilters, usbFilters, type Transport } from "../device-choice";
import type { SerialPortLike, UsbDeviceLike } from "../types";

export interface FlashTarget {
  port?: SerialPortLike;
  device?: UsbDeviceLike;
  /** The USB ids the device reports, when it reports any. */
  ids: { vendorId?: number; productId?: number } | null;
}

/** The user closed the chooser without picking anything (Chrome rejects with NotFoundError). */
function isNoSelection(error: unknown): boolean {
  return error instanceof DOMException && error.name === "NotFoundError";
}

async function pickSerial(
  transport: "web-serial" | "webusb-serial-polyfill",
  filters: SerialPortFilter[],
): Promise<SerialPortLike | null> {
  const options = filters.length > 0 ? { filters } : {};
  try {
    if (transport === "web-serial") return (await navigator.serial.requestPort(options)) as SerialPortLike;
    const { serial } = await import("web-serial-polyfill");
    return (await serial.requestPort(options)) as unknown as SerialPortLike;
  } catch (error) {
    if (isNoSelection(error)) return null;
    throw error;
  }
}

function serialIds(port: SerialPortLike): FlashTarget["ids"] {
  const info = port.getInfo();
  return { vendorId: info.usbVendorId, productId: info.usbProductId };
}

/** Asks the user for the board's port or device; null when they cancel the chooser. */
export async function requestFlashTarget(board: Board, transport: Transport): Promise<FlashTarget | null> {
  if (transport === "webusb") {
    try {
      const device = await navigator.usb.requestDevice({ filters: usbFilters(board) });
      return {
        device: device as unknown as UsbDeviceLike,
        ids: { vendorId: device.vendorId, productId: device.productId },
      };
    } catch (error) {
      if (isNoSelection(error)) return null;
      throw error;
    }
  }
  const port = await pickSerial(transport, serialFilters(board));
  return port ? { port, ids: serialIds(port) } : null;
}

/**
 * A serial port for the board's console. Boards flashed over serial are filtered by their USB ids;
 * the others (an STM32's console is a UART behind any USB-serial adapter) show every port.
 */
export async function requestConsolePort(board: Board): Promise<SerialPortLike | null> {
  const serialFlashed = board.flash.protocol === "esptool" || board.flash.protocol.startsWith("stk500");
  const filters = serialFlashed ? serialFilters(board) : [];
  if ("serial" in navigator) return pickSerial("web-serial", filters);
  if ("usb" in navigator) return pickSerial("webusb-serial-polyfill", filters);
  throw new Error("This browser has neither Web Serial nor WebUSB: use Chrome or Edge to read the console.");
}
