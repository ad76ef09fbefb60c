import { describe, expect, it } from "vitest";
import { boards } from "../../boards";
import arduinoUno from "../../boards/arduino-uno";
import lm3s6965evb from "../../boards/lm3s6965evb";
import { ArmGccToolchain } from "./arm-gcc";
import { AvrGccToolchain } from "./avr-gcc";
import { toolchainFor } from "./index";

describe("toolchainFor", () => {
  it("picks the toolchain by the board's capability, and none for ESP-IDF boards", () => {
    for (const board of boards) {
      const toolchain = toolchainFor(board);
      if (board.toolchain.capability === "arm-gcc") expect(toolchain).toBeInstanceOf(ArmGccToolchain);
      else if (board.toolchain.capability === "avr-gcc") expect(toolchain).toBeInstanceOf(AvrGccToolchain);
      else expect(toolchain, board.id).toBeNull();
      if (toolchain) expect(toolchain.capability).toBe(board.toolchain.capability);
    }
  });

  it("reports the effective flags, which feed the compile cache key", () => {
    expect(toolchainFor(lm3s6965evb)?.flags(lm3s6965evb)).toEqual([
      "-mcpu=cortex-m3",
      "-mthumb",
      "-Os",
      "-g",
      "-ffunction-sections",
      "-fdata-sections",
      "-Wall",
      "-Wextra",
      "-std=c11",
      "-I.",
      "-fmax-errors=20",
      "--specs=nano.specs",
      "--specs=nosys.specs",
      "-Wl,--gc-sections",
      "-T",
      "link.ld",
    ]);
    const avr = toolchainFor(arduinoUno)?.flags(arduinoUno) ?? [];
    expect(avr).toEqual(expect.arrayContaining(["-mmcu=atmega328p", "-DF_CPU=16000000UL", "-Os", "-std=gnu11"]));
    expect(avr.filter((flag) => flag === "-mmcu=atmega328p")).toHaveLength(1);
  });
});
