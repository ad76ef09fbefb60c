import { currentFlashRoute, type Board } from "../../boards/schema";

/** "webusb": the flasher talks to the USB device itself (DfuSe, ST-LINK, PICOBOOT). */
export type Transport = "web-serial" | "webusb-serial-polyfill" | "webusb";

export interface BrowserCapabilities {
  secureContext: boolean;
  serial: boolean;
  usb: boolean;
}

/** USB-serial bridges with vendor protocols: only Web Serial (the OS driver) can talk to them. */
const vendorBridges: Record<string, string> = {
  "10c4": "Silicon Labs CP210x",
  "1a86": "WCH CH340/CH9102",
  "0403": "FTDI",
};

const hex = (value: number) => value.toString(16).padStart(4, "0");

/** Protocols whose flasher drives a WebUSB device; the others talk through a serial port. */
const webUsbProtocols = new Set(["dfuse", "stlink", "picoboot"]);

/** The port chooser's filters: the USB ids of the board's current flash route (its own port or its bridges). */
export function serialFilters(board: Board) {
  return currentFlashRoute(board).usb.map((id) => ({
    usbVendorId: parseInt(id.vid, 16),
    usbProductId: parseInt(id.pid, 16),
  }));
}

/** The device chooser's filters: the USB ids of the current route (DfuSe bootloader, ST-LINK, RP2040 boot ROM). */
export function usbFilters(board: Board) {
  return currentFlashRoute(board).usb.map((id) => ({
    vendorId: parseInt(id.vid, 16),
    productId: parseInt(id.pid, 16),
  }));
}

/** Catalogue boards a connected device could be, best guesses first (the board's own USB id over a bridge). */
export function boardsForDevice(catalogue: readonly Board[], vendorId: number, productId: number): Board[] {
  const rank = { board: 0, bootloader: 1, bridge: 2, debugger: 3 } as const;
  return catalogue
    .map((board) => ({ board, id: board.usb.find((u) => u.vid === hex(vendorId) && u.pid === hex(productId)) }))
    .filter((match) => match.id)
    .sort((a, b) => rank[a.id!.role] - rank[b.id!.role])
    .map((match) => match.board);
}

export type TransportChoice = { ok: true; transport: Transport; note?: string } | { ok: false; message: string };

/** How this browser can reach the board over its current flash route, or a plain explanation of what to use instead. */
export function chooseTransport(board: Board, browser: BrowserCapabilities): TransportChoice {
  if (!browser.secureContext) {
    return { ok: false, message: "Flashing needs a secure page: open the app over https:// or on http://localhost." };
  }
  const protocol = board.flash.protocol;
  if (protocol === "unsupported") return { ok: false, message: board.flash.reason };
  if (protocol === "uf2") {
    const step = board.flash.enterBootloader.replace(/[.\s]+$/, "");
    return { ok: false, message: `${board.name}: ${step}, then copy the .uf2 file to the drive that appears.` };
  }
  if (webUsbProtocols.has(protocol)) {
    return browser.usb
      ? { ok: true, transport: "webusb" }
      : {
          ok: false,
          message: "This route flashes over WebUSB, which this browser lacks: use Chrome or Edge on a desktop.",
        };
  }
  if (browser.serial) return { ok: true, transport: "web-serial" };
  if (!browser.usb) {
    return {
      ok: false,
      message: "This browser has neither Web Serial nor WebUSB: use Chrome or Edge (desktop or Android).",
    };
  }
  const routeIds = currentFlashRoute(board).usb;
  const used = board.usb.filter((id) => routeIds.some((r) => r.vid === id.vid && r.pid === id.pid));
  const bridges = used.filter((id) => id.role === "bridge" && vendorBridges[id.vid]).map((id) => vendorBridges[id.vid]);
  // A board's own port or a debugger's virtual COM port is CDC-ACM, which the polyfill can drive.
  const native = used.some((id) => id.role !== "bridge");
  return {
    ok: true,
    transport: "webusb-serial-polyfill",
    note: native
      ? bridges.length > 0
        ? `Using WebUSB: works with the board's own USB port; adapters with ${[...new Set(bridges)].join(" or ")} chips need Web Serial (Chrome/Edge on a desktop).`
        : undefined
      : `This board's USB-serial chip (${[...new Set(bridges)].join(" or ")}) cannot work over WebUSB: use Chrome or Edge on a desktop, which have Web Serial.`,
  };
}
