import { readdirSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { boardIds, boards, boardSchema, boardsForUsb, getBoard, type Board } from "./index";

const here = dirname(fileURLToPath(import.meta.url));
const boardFiles = readdirSync(here)
  .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
  .filter((f) => f !== "schema.ts" && f !== "index.ts")
  .sort();

// `qemu-system-arm -machine help` / `qemu-system-avr -machine help`, QEMU 7.2.
const QEMU_72_MACHINES: Record<string, readonly string[]> = {
  "qemu-arm": `akita ast1030-evb ast2500-evb ast2600-evb bletchley-bmc borzoi canon-a1100 cheetah
    collie connex cubieboard emcraft-sf2 fby35-bmc fby35 fp5280g2-bmc fuji-bmc g220a-bmc highbank
    imx25-pdk integratorcp kudo-bmc kzm lm3s6965evb lm3s811evb mainstone mcimx6ul-evk mcimx7d-sabre
    microbit midway mori-bmc mps2-an385 mps2-an386 mps2-an500 mps2-an505 mps2-an511 mps2-an521
    mps3-an524 mps3-an547 musca-a musca-b1 musicpal n800 n810 netduino2 netduinoplus2 none
    npcm750-evb nuri orangepi-pc palmetto-bmc qcom-dc-scm-v1-bmc qcom-firework-bmc quanta-gbs-bmc
    quanta-gsj quanta-q71l-bmc rainier-bmc raspi0 raspi1ap raspi2b realview-eb realview-eb-mpcore
    realview-pb-a8 realview-pbx-a9 romulus-bmc sabrelite smdkc210 sonorapass-bmc spitz
    stm32vldiscovery supermicrox11-bmc sx1 sx1-v1 tacoma-bmc terrier tosa verdex versatileab
    versatilepb vexpress-a15 vexpress-a9 virt-2.10 virt-2.11 virt-2.12 virt-2.6 virt-2.7 virt-2.8
    virt-2.9 virt-3.0 virt-3.1 virt-4.0 virt-4.1 virt-4.2 virt-5.0 virt-5.1 virt-5.2 virt-6.0
    virt-6.1 virt-6.2 virt-7.0 virt-7.1 virt virt-7.2 witherspoon-bmc xilinx-zynq-a9 z2`.split(/\s+/),
  rp2040js: ["rp2040"],
  "qemu-avr": `2009 arduino-duemilanove mega2560 arduino-mega-2560-v3 mega arduino-mega uno
    arduino-uno none`.split(/\s+/),
};

/**
 * Boards allowed to have ramBytes >= flashBytes, with the datasheet reason.
 * Checked and empty: even the ESP8266 (80 KiB user DRAM) has far more app
 * flash (960 KiB factory partition) than RAM.
 */
const RAM_NOT_BELOW_FLASH: Record<string, string> = {};

const ESP_BOOTLOADER_OFFSET: Record<string, number> = {
  ESP32: 0x1000,
  "ESP32-S3": 0x0,
  "ESP32-C3": 0x0,
  ESP8266: 0x0,
};

const AVR_SIGNATURE: Record<string, [number, number, number]> = {
  ATmega328P: [0x1e, 0x95, 0x0f],
  ATmega2560: [0x1e, 0x98, 0x01],
};

const isEsp = (b: Board) => b.family.startsWith("esp");
const regions = (b: Board, kind: string) => b.memoryMap.filter((r) => r.kind === kind);
const flashOrigin = (b: Board) => Math.min(...regions(b, "flash").map((r) => r.origin));
const flashTotal = (b: Board) => regions(b, "flash").reduce((n, r) => n + r.length, 0);

/** Which address space a region lives in: AVR memories and ESP SPI-flash offsets are their own. */
function space(b: Board, kind: string): string {
  if (b.architecture === "avr8") return kind;
  if (isEsp(b) && kind === "flash") return "spi-flash";
  return "cpu";
}

/** "@Internal Flash  /0x08000000/04*016Kg,01*064Kg" -> { start, bytes } */
function parseDfuseLayout(layout: string): { start: number; bytes: number } {
  const m = /^@[^/]*\/0x([0-9a-fA-F]+)\/(.+)$/.exec(layout);
  if (!m) throw new Error(`bad DfuSe layout ${layout}`);
  const [, start = "", groups = ""] = m;
  let bytes = 0;
  for (const part of groups.split(",")) {
    const s = /^(\d+)\*(\d+)([BKM])([a-g])$/.exec(part.trim());
    if (!s) throw new Error(`bad DfuSe sector group ${part}`);
    const [, count, size, unit] = s;
    bytes += Number(count) * Number(size) * { B: 1, K: 1024, M: 1024 * 1024 }[unit as "B" | "K" | "M"];
  }
  return { start: parseInt(start, 16), bytes };
}

describe("board catalogue", () => {
  it("has at least 16 boards", () => {
    expect(boards.length).toBeGreaterThanOrEqual(16);
  });

  it.each(boards.map((b) => [b.id, b] as const))("%s parses with boardSchema, no unknown keys", (_id, b) => {
    const parsed = boardSchema.parse(b);
    // zod strips unknown keys, so a misspelt optional key would make these differ.
    expect(parsed).toEqual(b);
  });

  it("registers every board file in index, with id equal to the file name", async () => {
    expect(boardFiles.length).toBe(boards.length);
    for (const file of boardFiles) {
      const mod = (await import(pathToFileURL(join(here, file)).href)) as { default: Board };
      expect(mod.default.id).toBe(basename(file, ".ts"));
      expect(getBoard(mod.default.id)).toBe(mod.default);
    }
  });

  it("has unique ids, sorted names, and consistent lookups", () => {
    expect(new Set(boardIds).size).toBe(boardIds.length);
    expect(boardIds).toEqual(boards.map((b) => b.id));
    const names = boards.map((b) => b.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, "en")));
    expect(getBoard("no-such-board")).toBeUndefined();
  });

  describe.each(boards.map((b) => [b.id, b] as const))("%s", (id, b) => {
    it("has less RAM than flash (or a documented exception)", () => {
      if (id in RAM_NOT_BELOW_FLASH) expect(b.ramBytes).toBeGreaterThanOrEqual(b.flashBytes);
      else expect(b.ramBytes).toBeLessThan(b.flashBytes);
    });

    it("fits its flash and RAM budgets inside a memory region of that kind", () => {
      const maxLen = (kind: string) => Math.max(0, ...regions(b, kind).map((r) => r.length));
      expect(maxLen("flash")).toBeGreaterThanOrEqual(b.flashBytes);
      expect(maxLen("ram")).toBeGreaterThanOrEqual(b.ramBytes);
    });

    it("has no overlapping regions within an address space", () => {
      const m = b.memoryMap;
      m.forEach((r, i) =>
        m.slice(i + 1).forEach((q) => {
          if (space(b, r.kind) !== space(b, q.kind)) return;
          const overlap = r.origin < q.origin + q.length && q.origin < r.origin + r.length;
          expect(overlap, `${r.name} overlaps ${q.name}`).toBe(false);
        }),
      );
      expect(new Set(m.map((r) => r.name)).size).toBe(m.length);
    });

    it("has a clock between 1 MHz and 300 MHz", () => {
      expect(b.clockHz).toBeGreaterThanOrEqual(1_000_000);
      expect(b.clockHz).toBeLessThanOrEqual(300_000_000);
    });

    it("uses only QEMU 7.2 machines (or rp2040js for the RP2040), with the capability matching the architecture", () => {
      if (!b.emulator) return;
      const expected =
        b.family === "rp2040"
          ? "rp2040js"
          : b.architecture === "avr8"
            ? "qemu-avr"
            : b.architecture.startsWith("cortex-")
              ? "qemu-arm"
              : "?";
      expect(b.emulator.capability).toBe(expected);
      expect(QEMU_72_MACHINES[b.emulator.capability]).toContain(b.emulator.machine);
    });

    it("has well-formed, unique USB ids", () => {
      const pairs = b.usb.map((u) => `${u.vid}:${u.pid}`);
      for (const p of pairs) expect(p).toMatch(/^[0-9a-f]{4}:[0-9a-f]{4}$/);
      expect(new Set(pairs).size).toBe(pairs.length);
      for (const p of pairs) expect(boardsForUsb(...(p.split(":") as [string, string]))).toContain(b);
    });

    it("has compiler flags matching its architecture", () => {
      const { cflags, ldflags, capability } = b.toolchain;
      if (b.architecture.startsWith("cortex-")) {
        expect(capability).toBe("arm-gcc");
        const cpu = b.architecture === "cortex-m4f" ? "cortex-m4" : b.architecture;
        expect(cflags).toEqual(expect.arrayContaining([`-mcpu=${cpu}`, "-mthumb"]));
        if (b.architecture === "cortex-m4f")
          expect(cflags).toEqual(expect.arrayContaining(["-mfpu=fpv4-sp-d16", "-mfloat-abi=hard"]));
        expect(ldflags).toEqual(expect.arrayContaining(["--specs=nano.specs", "--specs=nosys.specs"]));
      } else if (b.architecture === "avr8") {
        expect(capability).toBe("avr-gcc");
        const mmcu = `-mmcu=${b.mcu.toLowerCase()}`;
        expect(cflags).toContain(mmcu);
        expect(ldflags).toContain(mmcu);
        expect(cflags).toContain(`-DF_CPU=${b.clockHz}UL`);
      } else {
        expect(capability).toBe("esp-idf");
        expect(b.toolchain.compiler).toMatch(b.architecture === "riscv32" ? /^riscv32-/ : /^xtensa-/);
      }
    });

    it("has network only if it is an ESP board", () => {
      expect(b.hasNetwork).toBe(isEsp(b));
    });

    it("names its console base address in the peripheral text", () => {
      if (b.console.base === undefined) return;
      expect(b.console.peripheral.toLowerCase()).toContain(`0x${b.console.base.toString(16)}`);
    });

    it("links an https datasheet", () => {
      expect(new URL(b.datasheet).protocol).toBe("https:");
    });

    it("has a flash method consistent with its memory map", () => {
      const f = b.flash;
      switch (f.protocol) {
        case "dfuse": {
          expect(f.address).toBe(flashOrigin(b));
          const layout = parseDfuseLayout(f.memoryLayout);
          expect(layout.start).toBe(f.address);
          expect(layout.bytes).toBe(flashTotal(b));
          expect(b.usb).toContainEqual(expect.objectContaining({ vid: "0483", pid: "df11", role: "bootloader" }));
          break;
        }
        case "esptool": {
          expect(ESP_BOOTLOADER_OFFSET).toHaveProperty([f.chip]);
          expect(f.offsets.bootloader).toBe(ESP_BOOTLOADER_OFFSET[f.chip]);
          expect(f.offsets.partitionTable).toBeGreaterThan(f.offsets.bootloader);
          expect(f.offsets.app).toBeGreaterThan(f.offsets.partitionTable);
          expect(f.offsets.app % 0x10000).toBe(0); // MMU page alignment
          const sizeBytes = parseInt(f.flashSize, 10) * 1024 * 1024;
          expect(flashTotal(b)).toBe(sizeBytes);
          expect(f.offsets.app + b.flashBytes).toBeLessThanOrEqual(sizeBytes);
          expect(f.fallbackBaud).toBeLessThanOrEqual(f.baud);
          break;
        }
        case "stk500v1":
        case "stk500v2": {
          expect(b.architecture).toBe("avr8");
          expect(f.signature).toEqual(AVR_SIGNATURE[b.mcu]);
          expect(b.flashBytes % f.pageSize).toBe(0);
          break;
        }
        case "uf2": {
          expect(f.address).toBe(flashOrigin(b));
          if (b.family === "rp2040") expect(f.familyId).toBe(0xe48bff56);
          break;
        }
        case "unsupported":
          expect(f.reason.length).toBeGreaterThan(20);
          break;
      }
    });
  });

  it("finds the STM32 DFU boards by the ROM bootloader's USB id", () => {
    const ids = boardsForUsb("0483", "df11")
      .map((b) => b.id)
      .sort();
    expect(ids).toEqual(["blackpill-f411ce", "netduino-plus-2", "stm32f4-discovery"]);
    expect(ids).toEqual(
      boards
        .filter((b) => b.flash.protocol === "dfuse")
        .map((b) => b.id)
        .sort(),
    );
    expect(
      boardsForUsb("0483", "DF11")
        .map((b) => b.id)
        .sort(),
    ).toEqual(ids);
    expect(boardsForUsb("dead", "beef")).toEqual([]);
  });
});
