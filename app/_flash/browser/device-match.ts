import type { Board } from "../../../boards/schema";
import { boardsForDevice } from "../device-choice";

const hex4 = (value: number) => value.toString(16).padStart(4, "0");

/** "0483:df11" as lsusb prints it. */
export function formatUsbId(vendorId: number, productId: number): string {
  return `${hex4(vendorId)}:${hex4(productId)}`;
}

/**
 * A warning when the chosen device is known as other boards but not as this node's board, e.g. an
 * Arduino Uno picked for an ESP32 node; null when it matches, or when nothing in the catalogue knows it.
 */
export function deviceMismatch(
  board: Board,
  catalogue: readonly Board[],
  ids: { vendorId?: number; productId?: number } | null,
): string | null {
  if (!ids || ids.vendorId === undefined || ids.productId === undefined) return null;
  const matches = boardsForDevice(catalogue, ids.vendorId, ids.productId);
  if (matches.length === 0 || matches.some((candidate) => candidate.id === board.id)) return null;
  const names = matches.slice(0, 3).map((candidate) => candidate.name);
  const more = matches.length > 3 ? ` or ${matches.length - 3} more` : "";
  return (
    `The chosen device (${formatUsbId(ids.vendorId, ids.productId)}) looks like ${names.join(", ")}${more}, ` +
    `not ${board.name}. Writing the wrong firmware can leave a board unusable until it is re-flashed.`
  );
}
