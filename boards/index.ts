import type { Board } from "./schema";

import arduinoMega2560 from "./arduino-mega-2560";
import arduinoNano from "./arduino-nano";
import arduinoUno from "./arduino-uno";
import blackpillF411ce from "./blackpill-f411ce";
import bluepillF103c8 from "./bluepill-f103c8";
import esp32C3Devkitm1 from "./esp32-c3-devkitm-1";
import esp32Devkitc from "./esp32-devkitc";
import esp32S3Devkitc1 from "./esp32-s3-devkitc-1";
import esp8266Nodemcu from "./esp8266-nodemcu";
import lm3s6965evb from "./lm3s6965evb";
import lm3s811evb from "./lm3s811evb";
import netduinoPlus2 from "./netduino-plus-2";
import nucleoF401re from "./nucleo-f401re";
import nucleoL476rg from "./nucleo-l476rg";
import rpiPico from "./rpi-pico";
import stm32f4Discovery from "./stm32f4-discovery";
import stm32vldiscovery from "./stm32vldiscovery";

export type { Board, Capability, FlashMethod, FlashRoute } from "./schema";
export { boardSchema, currentFlashRoute, defineBoard, withFlashRoute } from "./schema";

/** Every board in the catalogue, sorted by display name. */
export const boards: readonly Board[] = Object.freeze(
  [
    arduinoMega2560,
    arduinoNano,
    arduinoUno,
    blackpillF411ce,
    bluepillF103c8,
    esp32C3Devkitm1,
    esp32Devkitc,
    esp32S3Devkitc1,
    esp8266Nodemcu,
    lm3s6965evb,
    lm3s811evb,
    netduinoPlus2,
    nucleoF401re,
    nucleoL476rg,
    rpiPico,
    stm32f4Discovery,
    stm32vldiscovery,
  ].sort((a, b) => a.name.localeCompare(b.name, "en")),
);

const byId = new Map(boards.map((b) => [b.id, b]));

export const boardIds: string[] = boards.map((b) => b.id);

export function getBoard(id: string): Board | undefined {
  return byId.get(id);
}

/** Boards whose USB list contains this VID:PID (any role). Ids are matched case-insensitively. */
export function boardsForUsb(vid: string, pid: string): Board[] {
  const v = vid.toLowerCase();
  const p = pid.toLowerCase();
  return boards.filter((b) => b.usb.some((u) => u.vid === v && u.pid === p));
}
