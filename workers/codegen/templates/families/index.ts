/** One firmware support class per chip family, looked up by `board.family`. */
import type { Board } from "../../../../boards/schema";
import { AvrFamily } from "./avr";
import { EspIdfFamily } from "./esp-idf";
import { Lm3sFamily } from "./lm3s";
import { Rp2040Family } from "./rp2040";
import { Stm32Family } from "./stm32";
import type { Family } from "./types";

const FAMILIES: Readonly<Record<string, Family>> = {
  lm3s: new Lm3sFamily(),
  stm32f1: new Stm32Family("stm32f1"),
  stm32f4: new Stm32Family("stm32f4"),
  stm32l4: new Stm32Family("stm32l4"),
  rp2040: new Rp2040Family(),
  avr: new AvrFamily(),
  esp32: EspIdfFamily.idf5("esp32"),
  esp32s3: EspIdfFamily.idf5("esp32s3"),
  esp32c3: EspIdfFamily.idf5("esp32c3"),
  esp8266: EspIdfFamily.esp8266(),
};

export function supportedFamilies(): string[] {
  return Object.keys(FAMILIES).sort();
}

export function familyFor(board: Board): Family {
  const family = FAMILIES[board.family];
  if (!family) {
    throw new Error(
      `the template generator has no support for the ${board.family} family (board ${board.id}); supported: ${supportedFamilies().join(", ")}`,
    );
  }
  return family;
}
