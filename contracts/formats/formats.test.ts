import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { boards } from "../../boards";
import { createEspWebToolsManifest, parseEspWebToolsManifest } from "./esp-web-tools";
import { parseFlasherArgs } from "./flasher-args";

// Published files copied from shared/corpus, so a clone of the repository alone passes.
const corpus = path.resolve(import.meta.dirname, "../../test/fixtures/corpus");
const load = (dir: string) =>
  readdirSync(path.join(corpus, dir)).map((name) => ({
    name,
    json: JSON.parse(readFileSync(path.join(corpus, dir, name), "utf8")),
  }));

describe("ESP Web Tools manifests from the corpus", () => {
  it.each(load("esp-web-tools-manifests"))("reads $name", ({ json }) => {
    const { manifest } = parseEspWebToolsManifest(json);
    for (const build of manifest.builds) {
      expect(build.parts.every((part) => Number.isInteger(part.offset) && part.offset % 4096 === 0)).toBe(true);
    }
  });

  it("repairs WLED's decimal 32.768 partition offset to 0x8000, with a warning", () => {
    const json = load("esp-web-tools-manifests").find((m) => m.name === "wled-0.14.4.manifest.json")!.json;
    const { manifest, warnings } = parseEspWebToolsManifest(json);
    const s3 = manifest.builds.find((build) => build.chipFamily === "ESP32-S3")!;
    expect(s3.parts.map((part) => part.offset)).toContain(0x8000);
    expect(warnings.some((warning) => warning.includes("32.768 read as 32768"))).toBe(true);
  });

  it("rejects an unaligned offset and an unknown chip family", () => {
    const bad = { name: "x", version: "1", builds: [{ chipFamily: "ESP32", parts: [{ path: "a.bin", offset: 100 }] }] };
    expect(() => parseEspWebToolsManifest(bad)).toThrow("offset 100 is not a multiple of 4096");
    expect(() =>
      parseEspWebToolsManifest({ ...bad, builds: [{ chipFamily: "ESP99", parts: bad.builds[0].parts }] }),
    ).toThrow("builds.0.chipFamily");
  });

  it("writes a manifest for each ESP board that its own reader and the catalogue offsets agree on", () => {
    for (const board of boards.filter((b) => b.flash.protocol === "esptool")) {
      if (board.flash.protocol !== "esptool") continue;
      const { offsets, chip } = board.flash;
      const written = createEspWebToolsManifest({
        name: board.name,
        version: "1",
        chipFamily: chip as never,
        parts: [
          { path: "app.bin", offset: offsets.app },
          { path: "bootloader.bin", offset: offsets.bootloader },
        ],
      });
      const { manifest } = parseEspWebToolsManifest(JSON.parse(JSON.stringify(written)));
      expect(manifest.builds[0].parts[0]).toEqual({ path: "bootloader.bin", offset: offsets.bootloader });
    }
  });
});

describe("ESP-IDF flasher_args.json from the corpus", () => {
  it.each(load("esptool-flasher-args"))("reads $name", ({ name, json }) => {
    const args = parseFlasherArgs(json);
    const expectedBootloader = name.startsWith("esp32-") ? 0x1000 : 0x0;
    expect(args.parts[0].offset).toBe(expectedBootloader);
    expect(args.parts.some((part) => part.offset === 0x8000)).toBe(true);
  });

  it("reports the chip where the format has it and null in the legacy format", () => {
    const all = load("esptool-flasher-args");
    expect(parseFlasherArgs(all.find((m) => m.name.startsWith("esp32s3"))!.json).chip).toBe("esp32s3");
    expect(parseFlasherArgs(all.find((m) => m.name.includes("legacy"))!.json).chip).toBeNull();
  });
});
