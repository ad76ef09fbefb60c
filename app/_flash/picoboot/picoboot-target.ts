/**
 * Recognising a Pico in BOOTSEL mode and opening its PICOBOOT interface (vendor class, two bulk
 * endpoints; interface 1 next to the RPI-RP2 drive). A running program gets the BOOTSEL instruction.
 */
import { FlashError, type UsbDeviceLike } from "../types";
import type { PicobootEndpoints } from "./picoboot-client";

const RASPBERRY_PI = 0x2e8a;
/** The RP2040 boot ROM; 0x000a is a Pico SDK program with stdio over USB, 0x000f the RP2350 boot ROM. */
const RP2040_BOOTSEL = 0x0003;
const RUNNING_PROGRAM: Record<number, string> = { 0x0005: "MicroPython", 0x000a: "a Pico SDK program" };
/** What the RP2040 ROM uses when the descriptors do not list endpoints. */
const DEFAULT_ENDPOINTS = { outEndpoint: 3, inEndpoint: 4 };

const usbId = (device: UsbDeviceLike) =>
  `${device.vendorId.toString(16).padStart(4, "0")}:${device.productId.toString(16).padStart(4, "0")}`;

/** Throws wrong-chip unless `device` is an RP2040 boot ROM, with what to do about it. */
export function checkBootsel(device: UsbDeviceLike, enterBootloader: string): void {
  const name = device.productName ?? "This USB device";
  if (device.vendorId === RASPBERRY_PI && device.productId === RP2040_BOOTSEL) return;
  if (device.vendorId === RASPBERRY_PI && RUNNING_PROGRAM[device.productId]) {
    throw new FlashError(
      "wrong-chip",
      `${name} (${usbId(device)}) is running ${RUNNING_PROGRAM[device.productId]}, not the boot ROM. ` +
        'Unplug it, then hold the BOOTSEL button while plugging it back in, and choose "RP2 Boot" in the device list.',
    );
  }
  throw new FlashError(
    "wrong-chip",
    `${name} (${usbId(device)}) is not a Raspberry Pi RP2040 in BOOTSEL mode (2e8a:0003). ${enterBootloader}`,
  );
}

export async function openPicoboot(device: UsbDeviceLike): Promise<PicobootEndpoints> {
  try {
    if (!device.opened) await device.open();
    if (!device.configuration) await device.selectConfiguration(device.configurations[0]?.configurationValue ?? 1);
  } catch (error) {
    throw new FlashError(
      "open-failed",
      `Could not open the Pico (${reason(error)}). Close other programs that may hold it (picotool); on Windows ` +
        "its PICOBOOT interface (interface 1) needs the WinUSB driver (Zadig); on Linux a udev rule must give " +
        "you access to 2e8a:0003, as for picotool.",
    );
  }
  const endpoints = findInterface(device);
  try {
    await device.claimInterface(endpoints.interfaceNumber);
  } catch (error) {
    throw new FlashError(
      "open-failed",
      `Could not claim the Pico's PICOBOOT interface (${reason(error)}); another program (picotool) may be using it.`,
    );
  }
  return endpoints;
}

function findInterface(device: UsbDeviceLike): PicobootEndpoints {
  for (const iface of device.configuration?.interfaces ?? []) {
    const alternate = iface.alternates[0];
    if (!alternate || alternate.interfaceClass !== 0xff) continue;
    const bulk = (direction: "in" | "out") =>
      alternate.endpoints?.find((ep) => ep.type === "bulk" && ep.direction === direction)?.endpointNumber;
    if (!alternate.endpoints) return { interfaceNumber: iface.interfaceNumber, ...DEFAULT_ENDPOINTS };
    const outEndpoint = bulk("out");
    const inEndpoint = bulk("in");
    if (outEndpoint !== undefined && inEndpoint !== undefined) {
      return { interfaceNumber: iface.interfaceNumber, outEndpoint, inEndpoint };
    }
  }
  throw new FlashError(
    "wrong-chip",
    "The Pico's boot ROM shows no PICOBOOT interface (it was started with PICOBOOT disabled). " +
      "Unplug it and hold BOOTSEL while plugging it back in, or copy the .uf2 file to the RPI-RP2 drive instead.",
  );
}

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error)).replace(/\.$/, "");
