import { describe, expect, it } from "vitest";
import { getBoard, withFlashRoute, type Board } from "@/boards";
import {
  defaultOffset,
  describeParts,
  imagePlan,
  parseOffset,
  partsFromArtifacts,
  partsFromFiles,
  type NamedBytes,
} from "./flash-images";

const board = (id: string): Board => getBoard(id)!;
const netduino = board("netduino-plus-2");
const uno = board("arduino-uno");
const esp32 = board("esp32-devkitc");
const pico = board("rpi-pico");
const bytes = (...values: number[]) => new Uint8Array(values);
const text = (value: string) => new TextEncoder().encode(value);
const file = (name: string, data: Uint8Array): NamedBytes => ({ name, bytes: data });
const HEX = ":0400000001020304F2\n:00000001FF\n";
const manifest = (chipFamily = "ESP32") =>
  text(
    JSON.stringify({
      name: "Tasmota",
      builds: [
        {
          chipFamily,
          parts: [
            { path: "firmware/bootloader.bin", offset: 4096 },
            { path: "partitions.bin", offset: 32.768 },
            { path: "tasmota.bin", offset: 65536 },
          ],
        },
      ],
    }),
  );

describe("imagePlan", () => {
  it("picks the .bin for DfuSe, the .hex for STK500 and the ESP parts", () => {
    const artifacts = [
      { kind: "elf", name: "n.elf", size: 9 },
      { kind: "bin", name: "n.bin", size: 4 },
      { kind: "hex", name: "n.hex", size: 12 },
    ];
    expect(imagePlan(netduino, artifacts)).toEqual({ ok: true, kinds: ["bin"], summary: "n.bin at 0x08000000" });
    expect(imagePlan(uno, artifacts)).toMatchObject({ ok: true, kinds: ["hex"] });
    expect(imagePlan(esp32, artifacts)).toMatchObject({ ok: false });
    expect(
      imagePlan(esp32, [
        { kind: "manifest", name: "m.json", size: 1 },
        { kind: "app", name: "a.bin", size: 1 },
        { kind: "bootloader", name: "b.bin", size: 1 },
      ]),
    ).toMatchObject({ ok: true, kinds: ["manifest", "bootloader", "app"] });
    expect(imagePlan(esp32, [{ kind: "app", name: "a.bin", size: 1 }])).toMatchObject({ ok: true, kinds: ["app"] });
    expect(imagePlan(netduino, [])).toEqual({ ok: false, reason: "The build has no .bin image." });
  });

  it("writes the .bin at the flash's first byte over ST-LINK, the UART bootloader and PICOBOOT", () => {
    const artifacts = [{ kind: "bin", name: "n.bin", size: 4 }];
    const bluePill = board("bluepill-f103c8");
    for (const route of bluePill.flashRoutes) {
      const routed = withFlashRoute(bluePill, route);
      expect(imagePlan(routed, artifacts)).toEqual({ ok: true, kinds: ["bin"], summary: "n.bin at 0x08000000" });
      const parts = partsFromArtifacts(routed, new Map([["bin", file("n.bin", bytes(1, 2, 3, 4))]]));
      expect(parts).toEqual([{ offset: 0x0800_0000, data: bytes(1, 2, 3, 4) }]);
    }
    expect(imagePlan(pico, artifacts)).toEqual({ ok: true, kinds: ["bin"], summary: "n.bin at 0x10000000" });
    expect(imagePlan(withFlashRoute(pico, pico.flashRoutes[1]!), artifacts)).toMatchObject({ ok: false });
  });
});

describe("partsFromArtifacts", () => {
  it("writes the DfuSe .bin at the board's address and parses the AVR .hex", () => {
    expect(partsFromArtifacts(netduino, new Map([["bin", file("n.bin", bytes(1, 2))]]))).toEqual([
      { offset: 0x08000000, data: bytes(1, 2) },
    ]);
    expect(partsFromArtifacts(uno, new Map([["hex", file("n.hex", text(HEX))]]))).toEqual([
      { offset: 0, data: bytes(1, 2, 3, 4) },
    ]);
  });

  it("places ESP parts at the catalogue's offsets, or where the build's manifest says", () => {
    const parts = new Map([
      ["bootloader", file("bootloader.bin", bytes(1))],
      ["partitions", file("partitions.bin", bytes(2))],
      ["app", file("tasmota.bin", bytes(3))],
    ]);
    expect(partsFromArtifacts(esp32, parts).map((part) => part.offset)).toEqual([0x1000, 0x8000, 0x10000]);
    parts.set("manifest", file("manifest.json", manifest()));
    expect(partsFromArtifacts(esp32, parts)).toEqual([
      { offset: 0x1000, data: bytes(1) },
      { offset: 0x8000, data: bytes(2) },
      { offset: 0x10000, data: bytes(3) },
    ]);
  });
});

describe("partsFromFiles", () => {
  it("writes a lone .bin at the given offset", () => {
    expect(partsFromFiles(esp32, [file("app.bin", bytes(7, 8))], 0x10000)).toEqual([
      { offset: 0x10000, data: bytes(7, 8) },
    ]);
    expect(() => partsFromFiles(esp32, [file("app.bin", bytes(7))], null)).toThrow(/offset/);
    expect(() => partsFromFiles(esp32, [file("app.bin", bytes())], 0)).toThrow(/empty/);
  });

  it("reads a .hex and refuses other files", () => {
    expect(partsFromFiles(uno, [file("blink.HEX", text(HEX))], null)).toEqual([{ offset: 0, data: bytes(1, 2, 3, 4) }]);
    expect(() => partsFromFiles(uno, [file("blink.elf", bytes(1))], 0)).toThrow(/not a \.bin/);
    expect(() => partsFromFiles(uno, [file("a.bin", bytes(1)), file("b.bin", bytes(2))], 0)).toThrow(/manifest/);
    expect(() => partsFromFiles(uno, [], 0)).toThrow(/Choose/);
  });

  it("matches a manifest's parts to the chosen files by name and names the missing ones", () => {
    const chosen = [
      file("manifest.json", manifest()),
      file("bootloader.bin", bytes(1)),
      file("partitions.bin", bytes(2)),
      file("tasmota.bin", bytes(3)),
    ];
    expect(partsFromFiles(esp32, chosen, null).map((part) => part.offset)).toEqual([0x1000, 0x8000, 0x10000]);
    expect(() => partsFromFiles(esp32, chosen.slice(0, 2), null)).toThrow(/partitions\.bin, tasmota\.bin/);
    expect(() => partsFromFiles(esp32, [file("m.json", manifest("ESP32-S3"))], null)).toThrow(/ESP32-S3, not for/);
    expect(() => partsFromFiles(netduino, chosen, null)).toThrow(/only describes ESP/);
    expect(() => partsFromFiles(esp32, [file("m.json", text("{"))], null)).toThrow(/not JSON/);
  });
});

describe("offsets", () => {
  it("defaults to the app slot, the DfuSe address or 0, and parses hex or decimal", () => {
    expect(defaultOffset(esp32)).toBe(0x10000);
    expect(defaultOffset(netduino)).toBe(0x08000000);
    expect(defaultOffset(uno)).toBe(0);
    expect(defaultOffset(pico)).toBe(0x1000_0000);
    expect(defaultOffset(board("nucleo-f401re"))).toBe(0x0800_0000);
    expect(parseOffset(" 0x10000 ")).toBe(65536);
    expect(parseOffset("4096")).toBe(4096);
    expect(parseOffset("ten")).toBeNull();
    expect(describeParts([{ offset: 0x10000, data: new Uint8Array(2048) }])).toBe("2,048 bytes at 0x00010000");
  });
});
