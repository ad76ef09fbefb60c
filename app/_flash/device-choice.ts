import type { Board } from "../../boards/schema";

export type Transport = "web-serial" | "webusb-serial-polyfill" | "webusb-dfu";

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

/** The port/device chooser filters: the board's own USB ids and its usual bridges. */
export function serialFilters(board: Board) {
  return board.usb
    .filter((id) => id.role !== "debugger")
    .map((id) => ({ usbVendorId: parseInt(id.vid, 16), usbProductId: parseInt(id.pid, 16) }));
}

export function usbFilters(board: Board) {
  return board.usb
    .filter((id) => id.role === "bootloader")
    .map((id) => ({ vendorId: parseInt(id.vid, 16), productId: parseInt(id.pid, 16) }));
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

/** How this browser can reach the board, or a plain explanation of what to use instead. */
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
  if (protocol === "dfuse") {
    return browser.usb
      ? { ok: true, transport: "webusb-dfu" }
      : {
          ok: false,
          message: "This board flashes over WebUSB, which this browser lacks: use Chrome or Edge on a desktop.",
        };
  }
  if (browser.serial) return { ok: true, transport: "web-serial" };
  if (!browser.usb) {
    return {
      ok: false,
      message: "This browser has neither Web Serial nor WebUSB: use Chrome or Edge (desktop or Android).",
    };
  }
  const bridges = board.usb
    .filter((id) => id.role === "bridge" && vendorBridges[id.vid])
    .map((id) => vendorBridges[id.vid]);
  const native = board.usb.some((id) => id.role !== "bridge" && id.role !== "debugger");
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
