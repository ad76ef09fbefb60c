/**
 * Board names and families as people write them ("on Blue Pills", "an ESP32 gateway", "STM32"),
 * each standing for catalogue boards in order of preference. Catalogue ids work too.
 */
import { boards } from "../../../../boards";
import { matchesAt, type Token } from "./tokens";

interface BoardName {
  phrase: string[];
  boardIds: string[];
}

const STM32_ALL = [
  "stm32vldiscovery",
  "stm32f4-discovery",
  "netduino-plus-2",
  "bluepill-f103c8",
  "blackpill-f411ce",
  "nucleo-f401re",
  "nucleo-l476rg",
];

const NAMES: Array<[string, string[]]> = [
  ["blue pill", ["bluepill-f103c8"]],
  ["bluepill", ["bluepill-f103c8"]],
  ["stm32f103", ["bluepill-f103c8"]],
  ["black pill", ["blackpill-f411ce"]],
  ["blackpill", ["blackpill-f411ce"]],
  ["stm32f411", ["blackpill-f411ce"]],
  ["esp32-s3", ["esp32-s3-devkitc-1"]],
  ["esp32 s3", ["esp32-s3-devkitc-1"]],
  ["esp32-c3", ["esp32-c3-devkitm-1"]],
  ["esp32 c3", ["esp32-c3-devkitm-1"]],
  ["esp32", ["esp32-devkitc"]],
  ["esp8266", ["esp8266-nodemcu"]],
  ["nodemcu", ["esp8266-nodemcu"]],
  ["esp", ["esp32-devkitc", "esp32-c3-devkitm-1", "esp32-s3-devkitc-1", "esp8266-nodemcu"]],
  ["arduino uno", ["arduino-uno"]],
  ["arduino nano", ["arduino-nano"]],
  ["arduino mega", ["arduino-mega-2560"]],
  ["uno", ["arduino-uno"]],
  ["nano", ["arduino-nano"]],
  ["mega", ["arduino-mega-2560"]],
  ["atmega328p", ["arduino-uno", "arduino-nano"]],
  ["atmega2560", ["arduino-mega-2560"]],
  ["arduino", ["arduino-uno", "arduino-mega-2560", "arduino-nano"]],
  ["raspberry pi pico", ["rpi-pico"]],
  ["pico", ["rpi-pico"]],
  ["rp2040", ["rpi-pico"]],
  ["nucleo l476rg", ["nucleo-l476rg"]],
  ["nucleo f401re", ["nucleo-f401re"]],
  ["nucleo", ["nucleo-f401re", "nucleo-l476rg"]],
  ["stm32l4", ["nucleo-l476rg"]],
  ["stm32f4 discovery", ["stm32f4-discovery"]],
  ["stm32f4", ["stm32f4-discovery", "netduino-plus-2", "blackpill-f411ce", "nucleo-f401re"]],
  ["stm32f1", ["stm32vldiscovery", "bluepill-f103c8"]],
  ["vldiscovery", ["stm32vldiscovery"]],
  ["stm32vl", ["stm32vldiscovery"]],
  ["discovery", ["stm32f4-discovery", "stm32vldiscovery"]],
  ["stm32", STM32_ALL],
  ["netduino", ["netduino-plus-2"]],
  ["stellaris", ["lm3s6965evb", "lm3s811evb"]],
  ["lm3s6965", ["lm3s6965evb"]],
  ["lm3s811", ["lm3s811evb"]],
  ["lm3s", ["lm3s6965evb", "lm3s811evb"]],
];

/** Longest phrases first, so "arduino uno" wins over "arduino" and catalogue ids over both. */
const BOARD_NAMES: readonly BoardName[] = [
  ...boards.map((b) => ({ phrase: [b.id], boardIds: [b.id] })),
  ...NAMES.map(([phrase, boardIds]) => ({ phrase: phrase.split(" "), boardIds })),
].sort((a, b) => b.phrase.length - a.phrase.length);

export interface BoardMention {
  /** Tokens the name takes. */
  length: number;
  words: string;
  boardIds: string[];
}

export function boardMentionAt(tokens: readonly Token[], at: number): BoardMention | undefined {
  for (const name of BOARD_NAMES) {
    if (matchesAt(tokens, at, name.phrase)) {
      const words = tokens
        .slice(at, at + name.phrase.length)
        .map((t) => t.text)
        .join(" ");
      return { length: name.phrase.length, words, boardIds: name.boardIds };
    }
  }
  return undefined;
}
