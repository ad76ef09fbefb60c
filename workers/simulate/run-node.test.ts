import { describe, expect, it } from "vitest";
import { getBoard } from "../../boards";
import { runNode } from "./run-node";

describe("runNode without an emulator", () => {
  it.each(["esp8266-nodemcu", "nucleo-l476rg"])("answers unsupported for %s with the reason", async (id) => {
    const board = getBoard(id)!;
    const result = await runNode({ board, image: new Uint8Array([1, 2, 3]), mode: "check" });
    expect(result).toMatchObject({ status: "unsupported", lines: 0, console: "" });
    expect(result.reason).toMatch(/QEMU/);
  });

  it("sends an ESP32 to Wokwi, which needs WOKWI_CLI_TOKEN, without touching the network", async () => {
    const token = process.env.WOKWI_CLI_TOKEN;
    delete process.env.WOKWI_CLI_TOKEN;
    try {
      const result = await runNode({ board: getBoard("esp32-devkitc")!, image: new Uint8Array([1]), mode: "check" });
      expect(result).toMatchObject({ status: "unsupported", reason: "ESP32 simulation needs WOKWI_CLI_TOKEN" });
    } finally {
      if (token !== undefined) process.env.WOKWI_CLI_TOKEN = token;
    }
  });
});
