/**
 * How a board is flashed through an ST-LINK. The board catalogue has no "stlink" method yet, so this is
 * the shape its schema should accept, e.g. in boards/schema.ts's flashMethodSchema union:
 *   z.object({ protocol: z.literal("stlink"), family: z.enum(STLINK_FAMILIES),
 *     flashAddress: z.number().int().positive(), expectedDevId: z.number().int().min(1).max(0xfff),
 *     flashSizeKiB: z.number().int().positive() })
 * Until then the flasher reads it from `board.flash` and checks every field itself.
 */
import type { Board } from "../../../boards/schema";
import { FlashError } from "../types";

export const STLINK_FAMILIES = ["stm32f1", "stm32f4", "stm32l4"] as const;
export type StlinkFamily = (typeof STLINK_FAMILIES)[number];

export interface StlinkMethod {
  protocol: "stlink";
  /** Selects the flash controller driver. */
  family: StlinkFamily;
  /** Absolute address of the first flash byte (0x08000000). */
  flashAddress: number;
  /** DBGMCU_IDCODE DEV_ID (bits 11:0): 0x410 STM32F103x8/xB, 0x433 STM32F401xD/xE, 0x415 STM32L47x. */
  expectedDevId: number;
  /** Flash the board's chip has, in KiB; its flash size register must report at least this much. */
  flashSizeKiB: number;
}

const isCount = (value: unknown): value is number => typeof value === "number" && Number.isInteger(value) && value > 0;

export function readStlinkMethod(board: Board): StlinkMethod {
  const method = board.flash as unknown as Partial<StlinkMethod> & { protocol: string };
  if (method.protocol !== "stlink") {
    throw new FlashError("unsupported-board", `${board.name} is not flashed through an ST-LINK (${method.protocol}).`);
  }
  const problems: string[] = [];
  if (!STLINK_FAMILIES.includes(method.family as StlinkFamily)) {
    problems.push(`family ${JSON.stringify(method.family)} is not one of ${STLINK_FAMILIES.join(", ")}`);
  }
  if (!isCount(method.flashAddress)) problems.push("flashAddress is missing");
  if (!isCount(method.expectedDevId) || method.expectedDevId > 0xfff)
    problems.push("expectedDevId is not a 12-bit DEV_ID");
  if (!isCount(method.flashSizeKiB)) problems.push("flashSizeKiB is missing");
  if (problems.length > 0) {
    throw new FlashError(
      "unsupported-board",
      `The catalogue's ST-LINK settings for ${board.name} are incomplete: ${problems.join("; ")}.`,
    );
  }
  return method as StlinkMethod;
}
