/**
 * Opening a DfuSe device and working out what it is: the DFU interface, the alternate setting whose
 * memory layout holds the firmware address, the transfer size, and whether the image fits.
 */
import { FlashError, type FlashPart, type UsbDeviceLike } from "../types";
import { readFunctionalDescriptor, type DfuFunctionalDescriptor } from "./functional-descriptor";
import {
  hex,
  layoutSize,
  parseMemoryLayout,
  sectorsInRange,
  writableEnd,
  type MemoryLayout,
} from "./parse-memory-layout";

/** wTransferSize of the STM32 ROM bootloaders, used when the functional descriptor cannot be read. */
export const DEFAULT_TRANSFER_SIZE = 2048;

export interface DfuseTarget {
  interfaceNumber: number;
  alternateSetting: number;
  layout: MemoryLayout;
  transferSize: number;
  functional?: DfuFunctionalDescriptor;
  chip: string;
  detail: string;
}

export interface FlashPlan {
  parts: FlashPart[];
  totalBytes: number;
  /** Start addresses of the sectors the image touches, ascending. */
  sectors: number[];
}

const bytes = (n: number) => n.toLocaleString("en-US");

export async function openDevice(device: UsbDeviceLike): Promise<void> {
  try {
    if (!device.opened) await device.open();
    if (!device.configuration) await device.selectConfiguration(device.configurations[0]?.configurationValue ?? 1);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new FlashError(
      "open-failed",
      `Could not open the DFU device (${why}). Close other programs that may hold it (STM32CubeProgrammer, dfu-util); on Windows it needs the WinUSB driver.`,
    );
  }
}

/** Finds the DFU interface and the alternate setting whose layout has `address` writable, then claims it. */
export async function detectTarget(device: UsbDeviceLike, fallbackLayout: string, address: number) {
  const configuration = device.configuration;
  const interfaces = configuration?.interfaces ?? [];
  const dfu = interfaces
    .map((iface) => ({
      iface,
      alternates: iface.alternates.filter((alt) => alt.interfaceClass === 0xfe && alt.interfaceSubclass === 0x01),
    }))
    .find((entry) => entry.alternates.length > 0);
  if (!configuration || !dfu) {
    throw new FlashError(
      "wrong-chip",
      `${device.productName ?? "This USB device"} has no DFU interface: it is not in bootloader (DFU) mode.`,
    );
  }
  if (dfu.alternates.every((alt) => alt.interfaceProtocol === 0x01)) {
    throw new FlashError("wrong-chip", "The device is running its application (DFU runtime mode), not the bootloader.");
  }

  const candidates = dfu.alternates.flatMap((alt) => {
    try {
      return alt.interfaceName ? [{ alt: alt.alternateSetting, layout: parseMemoryLayout(alt.interfaceName) }] : [];
    } catch {
      return [];
    }
  });
  if (candidates.length === 0) {
    candidates.push({ alt: dfu.alternates[0].alternateSetting, layout: parseMemoryLayout(fallbackLayout) });
  }
  const chosen =
    candidates.find((candidate) => writableEnd(candidate.layout, address) !== undefined) ??
    candidates.find((candidate) => /flash/i.test(candidate.layout.name)) ??
    candidates[0];

  try {
    await device.claimInterface(dfu.iface.interfaceNumber);
    await device.selectAlternateInterface(dfu.iface.interfaceNumber, chosen.alt);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new FlashError("open-failed", `Could not claim the DFU interface (${why}); another program may be using it.`);
  }

  const configIndex = Math.max(
    0,
    device.configurations.findIndex((config) => config.configurationValue === configuration.configurationValue),
  );
  const functional = await readFunctionalDescriptor(device, configIndex);
  const transferSize = functional?.transferSize || DEFAULT_TRANSFER_SIZE;
  const { layout } = chosen;
  const first = layout.segments[0];
  const target: DfuseTarget = {
    interfaceNumber: dfu.iface.interfaceNumber,
    alternateSetting: chosen.alt,
    layout,
    transferSize,
    functional,
    chip: `${device.productName ?? "STM32 DFU bootloader"} · ${layout.name}`,
    detail:
      `${layoutSize(layout) / 1024} KiB at ${hex(first.start)} in ${sectorsInRange(layout, 0, 2 ** 32).length} ` +
      `sectors, ${transferSize}-byte transfers` +
      (functional
        ? ` (DFU ${(functional.dfuVersion >> 8).toString(16)}.${(functional.dfuVersion & 0xff).toString(16)})`
        : ""),
  };
  return target;
}

/** Checks every part lands in writable memory and lists the sectors to erase. */
export function planFlash(parts: FlashPart[], layout: MemoryLayout): FlashPlan {
  const sorted = parts.filter((part) => part.data.length > 0).sort((a, b) => a.offset - b.offset);
  if (sorted.length === 0) throw new FlashError("write-failed", "Nothing to flash: the image is empty.");
  const ranges = layout.segments
    .filter((segment) => segment.writable)
    .map((segment) => `${hex(segment.start)}–${hex(segment.end - 1)}`)
    .join(", ");
  const sectors = new Set<number>();
  let previousEnd = -1;
  for (const part of sorted) {
    const end = part.offset + part.data.length;
    const limit = writableEnd(layout, part.offset);
    if (limit === undefined) {
      throw new FlashError(
        "image-too-large",
        `The image starts at ${hex(part.offset)}, outside the writable memory of ${layout.name} (${ranges || "none"}).`,
      );
    }
    if (end > limit) {
      throw new FlashError(
        "image-too-large",
        `The image is ${bytes(part.data.length)} bytes but ${layout.name} holds only ${bytes(limit - part.offset)} ` +
          `bytes from ${hex(part.offset)} to ${hex(limit - 1)}: ${bytes(end - limit)} bytes too many.`,
      );
    }
    if (part.offset < previousEnd) {
      throw new FlashError("write-failed", `Two parts of the image overlap at ${hex(part.offset)}.`);
    }
    previousEnd = end;
    for (const sector of sectorsInRange(layout, part.offset, end)) sectors.add(sector);
  }
  return {
    parts: sorted,
    totalBytes: sorted.reduce((sum, part) => sum + part.data.length, 0),
    sectors: [...sectors].sort((a, b) => a - b),
  };
}
