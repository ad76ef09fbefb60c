/** One flash controller class per STM32 family; the catalogue's `family` picks it. */
import type { StlinkFamily } from "../stlink-method";
import type { FlashController } from "./flash-controller";
import { Stm32f1FlashController } from "./stm32f1";
import { Stm32f4FlashController } from "./stm32f4";
import { Stm32l4FlashController } from "./stm32l4";

export const FLASH_CONTROLLERS: Record<StlinkFamily, () => FlashController> = {
  stm32f1: () => new Stm32f1FlashController(),
  stm32f4: () => new Stm32f4FlashController(),
  stm32l4: () => new Stm32l4FlashController(),
};

/** DBGMCU_IDCODE DEV_ID → part names, for messages about the chip that answered. */
export const DEV_ID_NAMES: Record<number, string> = {
  0x410: "STM32F10x medium-density (F103x8/xB)",
  0x412: "STM32F10x low-density (F103x4/x6)",
  0x414: "STM32F10x high-density (F103xC/xD/xE)",
  0x418: "STM32F105/F107",
  0x420: "STM32F100 value line",
  0x430: "STM32F10x XL-density",
  0x413: "STM32F405/F407",
  0x419: "STM32F42x/F43x",
  0x423: "STM32F401xB/xC",
  0x431: "STM32F411",
  0x433: "STM32F401xD/xE",
  0x415: "STM32L47x/L48x",
  0x435: "STM32L43x/L44x",
  0x461: "STM32L496/L4A6",
  0x462: "STM32L45x/L46x",
};

export function devIdName(devId: number): string {
  return DEV_ID_NAMES[devId] ?? `an unknown part (DEV_ID 0x${devId.toString(16)})`;
}

export * from "./flash-controller";
