import { describe, expect, it } from "vitest";
import { getBoard } from "../../../boards";
import { checkServerUrl, redactToken } from "./config";
import { WOKWI_DEFAULT_SERVER, WOKWI_NEEDS_TOKEN, WokwiEmulator, wokwiConfig, wokwiEmulatorFor } from "./index";

const esp32 = getBoard("esp32-devkitc")!;

describe("wokwiConfig", () => {
  it("reads WOKWI_CLI_TOKEN and WOKWI_CLI_SERVER, with Wokwi's endpoint by default", () => {
    expect(wokwiConfig({})).toEqual({ token: null, server: "wss://wokwi.com/api/ws/beta" });
    expect(wokwiConfig({ WOKWI_CLI_TOKEN: "  " }).token).toBeNull();
    expect(wokwiConfig({ WOKWI_CLI_TOKEN: "wok_abc", WOKWI_CLI_SERVER: "ws://127.0.0.1:9/api" })).toEqual({
      token: "wok_abc",
      server: "ws://127.0.0.1:9/api",
    });
    expect(WOKWI_DEFAULT_SERVER).toBe("wss://wokwi.com/api/ws/beta");
  });

  it("takes only ws:// and wss:// servers", () => {
    expect(checkServerUrl("wss://wokwi.com/api/ws/beta")).toBeNull();
    expect(checkServerUrl("https://wokwi.com")).toBe("WOKWI_CLI_SERVER must be a ws:// or wss:// URL, not https://");
    expect(checkServerUrl("wokwi.com")).toBe("WOKWI_CLI_SERVER is not a URL");
  });

  it("takes the token out of text the server sent", () => {
    expect(redactToken("bad token wok_abc for wok_abc", "wok_abc")).toBe("bad token •••• for ••••");
  });
});

describe("wokwiEmulatorFor", () => {
  it("is null for boards Wokwi does not run, and names the missing token for ESP32 boards", () => {
    expect(wokwiEmulatorFor(getBoard("lm3s6965evb")!, { env: { WOKWI_CLI_TOKEN: "wok_abc" } })).toBeNull();
    expect(wokwiEmulatorFor(getBoard("esp8266-nodemcu")!, { env: { WOKWI_CLI_TOKEN: "wok_abc" } })).toBeNull();
    for (const id of ["esp32-devkitc", "esp32-s3-devkitc-1", "esp32-c3-devkitm-1"]) {
      expect(wokwiEmulatorFor(getBoard(id)!, { env: {} })).toEqual({ ok: false, reason: WOKWI_NEEDS_TOKEN });
    }
    expect(WOKWI_NEEDS_TOKEN).toBe("ESP32 simulation needs WOKWI_CLI_TOKEN");
  });

  it("with a token, runs the board's Wokwi part with the node's diagram", () => {
    const choice = wokwiEmulatorFor(getBoard("esp32-s3-devkitc-1")!, { env: { WOKWI_CLI_TOKEN: "wok_abc" } });
    expect(choice?.ok && choice.emulator).toBeInstanceOf(WokwiEmulator);
    expect(choice?.ok && choice.emulator.name).toBe("wokwi board-esp32-s3-devkitc-1");
  });

  it("an emulator without a token settles unsupported at once", async () => {
    const emulator = new WokwiEmulator({
      config: { token: null, server: "ws://127.0.0.1:1" },
      diagram: {
        version: 1,
        editor: "wokwi",
        parts: [{ type: "board-esp32-devkit-c-v4", id: "esp", top: 0, left: 0, attrs: {} }],
        connections: [],
      },
    });
    const run = emulator.start({
      board: esp32,
      image: new Uint8Array(4),
      mode: "check",
      durationMs: 1000,
      wallLimitMs: 1000,
    });
    expect(await run.done).toEqual({
      status: "unsupported",
      reason: "ESP32 simulation needs WOKWI_CLI_TOKEN",
      console: "",
      lines: 0,
      firmwareMs: 0,
      wallMs: 0,
    });
  });
});
