import { describe, expect, it } from "vitest";
import { getBoard } from "../../boards";
import { runNode } from "./run-node";

describe("runNode without an emulator", () => {
  it.each(["esp32-devkitc", "esp8266-nodemcu", "nucleo-l476rg"])(
    "answers unsupported for %s with the reason",
    async (id) => {
      const board = getBoard(id)!;
      const result = await runNode({ board, image: new Uint8Array([1, 2, 3]), mode: "check" });
      expect(result).toMatchObject({ status: "unsupported", lines: 0, console: "" });
      expect(result.reason).toBe(
        `no emulator for ${board.name} (${board.mcu}) on this worker: QEMU 7.2 has no model of it`,
      );
    },
  );
});
