import { describe, expect, it } from "vitest";
import { checkBudget } from "./budget";

const board = { flashBytes: 65_536, ramBytes: 2_048 };

describe("checkBudget", () => {
  it("passes an image that fits, stack reserve included", () => {
    expect(checkBudget({ flash: 65_536, ram: 1_792 }, board, 256)).toEqual({
      memory: { flash: 65_536, ram: 1_792, flashBudget: 65_536, ramBudget: 2_048, stackReserve: 256 },
    });
  });

  it("reports flash overflow with thousands separators", () => {
    expect(checkBudget({ flash: 70_212, ram: 100 }, board, 256).failure).toBe(
      "flash 70,212 / 65,536 bytes (overflow by 4,676)",
    );
  });

  it("counts the stack reserve against RAM", () => {
    expect(checkBudget({ flash: 100, ram: 2_100 }, board, 256).failure).toBe(
      "RAM 2,100 + 256 stack reserve / 2,048 bytes (overflow by 308)",
    );
  });

  it("reports both when both overflow", () => {
    expect(checkBudget({ flash: 70_212, ram: 2_100 }, board, 256).failure).toBe(
      "flash 70,212 / 65,536 bytes (overflow by 4,676); RAM 2,100 + 256 stack reserve / 2,048 bytes (overflow by 308)",
    );
  });
});
