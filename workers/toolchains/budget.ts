import type { Board } from "../../boards/schema";
import type { MemoryUse } from "./types";

const count = (n: number) => n.toLocaleString("en-US");

/** Compares an image with the board's budgets; the failure text is what the generator gets back as feedback. */
export function checkBudget(
  memory: { flash: number; ram: number },
  board: Pick<Board, "flashBytes" | "ramBytes">,
  stackReserve: number,
): { memory: MemoryUse; failure?: string } {
  const use: MemoryUse = {
    flash: memory.flash,
    ram: memory.ram,
    flashBudget: board.flashBytes,
    ramBudget: board.ramBytes,
    stackReserve,
  };
  const problems: string[] = [];
  if (memory.flash > board.flashBytes) {
    problems.push(
      `flash ${count(memory.flash)} / ${count(board.flashBytes)} bytes (overflow by ${count(memory.flash - board.flashBytes)})`,
    );
  }
  // The stack is not in the image, but static RAM that leaves no room for it fails at run time, so count it here.
  const ramNeeded = memory.ram + stackReserve;
  if (ramNeeded > board.ramBytes) {
    problems.push(
      `RAM ${count(memory.ram)} + ${count(stackReserve)} stack reserve / ${count(board.ramBytes)} bytes ` +
        `(overflow by ${count(ramNeeded - board.ramBytes)})`,
    );
  }
  return problems.length > 0 ? { memory: use, failure: problems.join("; ") } : { memory: use };
}
