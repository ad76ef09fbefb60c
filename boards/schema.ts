import { z } from "zod";

/** USB ids are 4 lower-case hex digits each, as lsusb prints them. */
const hex4 = z.string().regex(/^[0-9a-f]{4}$/, "4 lower-case hex digits");

export const memoryRegionSchema = z.object({
  name: z.string().min(1),
  kind: z.enum(["flash", "ram", "eeprom", "rom"]),
  origin: z.number().int().nonnegative(),
  length: z.number().int().positive(),
});

export const usbIdSchema = z.object({
  vid: hex4,
  pid: hex4,
  /** "board": the board's own USB; "bridge": its USB-serial chip; "bootloader": the ROM/DFU mode. */
  role: z.enum(["board", "bridge", "bootloader", "debugger"]),
  description: z.string().min(1),
});

const esptoolMethod = z.object({
  protocol: z.literal("esptool"),
  /** Chip name as esptool-js reports it from `ESPLoader.main()`, e.g. "ESP32", "ESP32-S3". */
  chip: z.string().min(1),
  baud: z.number().int().positive(),
  fallbackBaud: z.number().int().positive(),
  flashSize: z.string().regex(/^\d+MB$/),
  flashMode: z.enum(["qio", "qout", "dio", "dout"]),
  flashFreq: z.string().regex(/^\d+m$/),
  offsets: z.object({
    bootloader: z.number().int().nonnegative(),
    partitionTable: z.number().int().nonnegative(),
    app: z.number().int().nonnegative(),
  }),
});

const dfuseMethod = z.object({
  protocol: z.literal("dfuse"),
  /** Absolute address of the first flash byte. */
  address: z.number().int().nonnegative(),
  /** The DfuSe memory descriptor the ROM bootloader reports, used when the device gives none. */
  memoryLayout: z.string().startsWith("@"),
  enterBootloader: z.string().min(1),
});

const stk500Method = z.object({
  protocol: z.enum(["stk500v1", "stk500v2"]),
  baud: z.number().int().positive(),
  pageSize: z.number().int().positive(),
  /** Three signature bytes, e.g. [0x1e, 0x95, 0x0f] for the ATmega328P. */
  signature: z.tuple([z.number(), z.number(), z.number()]),
});

const uf2Method = z.object({
  protocol: z.literal("uf2"),
  familyId: z.number().int().nonnegative(),
  address: z.number().int().nonnegative(),
  enterBootloader: z.string().min(1),
});

/** ST-LINK/V2 or V2-1 over SWD: the shape app/_flash/stlink/stlink-method.ts reads. */
const stlinkMethod = z.object({
  protocol: z.literal("stlink"),
  /** Selects the flash controller driver. */
  family: z.enum(["stm32f1", "stm32f4", "stm32l4"]),
  /** Absolute address of the first flash byte. */
  flashAddress: z.number().int().positive(),
  /** DBGMCU_IDCODE DEV_ID (bits 11:0), checked before anything is written. */
  expectedDevId: z.number().int().min(1).max(0xfff),
  /** Flash the chip has; its flash size register must report at least this much. */
  flashSizeKiB: z.number().int().positive(),
});

/** STM32 ROM USART bootloader (AN3155): the shape app/_flash/stm32-uart/method.ts reads. */
const stm32UartMethod = z.object({
  protocol: z.literal("stm32-uart"),
  baud: z.number().int().positive(),
  /** GET ID's product id, checked before anything is written. */
  expectedChipId: z.number().int().min(1).max(0xfff),
  flashAddress: z.number().int().nonnegative(),
  /** RTS drives BOOT0 and DTR drives NRST (`stm32flash -i` wiring); otherwise the user sets BOOT0 and presses reset. */
  autoEntry: z.boolean().optional(),
  massErase: z.boolean().optional(),
  /** Never set in the catalogue: removing readout protection mass-erases and needs the user's consent. */
  removeReadProtection: z.literal(false).optional(),
  bootloaderWaitMs: z.number().int().nonnegative().optional(),
});

/** RP2040 boot ROM's PICOBOOT interface: the shape app/_flash/picoboot/picoboot-method.ts reads. */
const picobootMethod = z.object({
  protocol: z.literal("picoboot"),
  flashAddress: z.number().int().nonnegative(),
  /** The whole flash chip, boot2 included. */
  flashBytes: z.number().int().positive(),
  enterBootloader: z.string().min(1),
});

const unsupportedMethod = z.object({
  protocol: z.literal("unsupported"),
  /** What the user can do instead of flashing from the browser. */
  reason: z.string().min(1),
});

export const flashMethodSchema = z.discriminatedUnion("protocol", [
  esptoolMethod,
  dfuseMethod,
  stk500Method,
  uf2Method,
  stlinkMethod,
  stm32UartMethod,
  picobootMethod,
  unsupportedMethod,
]);

/** One way to get firmware onto the board: how the user wires it, what the chooser offers, how it is written. */
export const flashRouteSchema = z.object({
  /** What the Flash stage calls it, e.g. "ST-LINK", "USB-serial (BOOT0)". */
  label: z.string().min(1),
  /** One short paragraph: what to connect to which pin, and what to press. */
  wiring: z.string().min(1),
  /** The devices the chooser offers for this route (each also listed in the board's `usb`). */
  usb: z.array(z.object({ vid: hex4, pid: hex4 })),
  method: flashMethodSchema,
});

// rp2040js is the npm RP2040 emulator the worker runs in-process (no host tool to probe).
export const capabilitySchema = z.enum([
  "arm-gcc",
  "avr-gcc",
  "esp-idf",
  "qemu-arm",
  "qemu-avr",
  "rp2040js",
  "terraform",
]);
export type Capability = z.infer<typeof capabilitySchema>;

export const boardSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  name: z.string().min(1),
  vendor: z.string().min(1),
  mcu: z.string().min(1),
  /** Chip family; one firmware support class per family. */
  family: z.string().regex(/^[a-z0-9]+$/),
  architecture: z.enum([
    "cortex-m0plus",
    "cortex-m3",
    "cortex-m4f",
    "avr8",
    "xtensa-lx6",
    "xtensa-lx7",
    "xtensa-lx106",
    "riscv32",
  ]),
  clockHz: z.number().int().positive(),
  /** External crystal the clock tree starts from; absent when the board runs from the internal oscillator. */
  crystalHz: z.number().int().positive().optional(),
  /** Bytes available to the application image (bootloader reservations already taken off). */
  flashBytes: z.number().int().positive(),
  /** Bytes of RAM available to static data, stack and heap. */
  ramBytes: z.number().int().positive(),
  memoryMap: z.array(memoryRegionSchema).min(1),
  toolchain: z.object({
    capability: capabilitySchema,
    compiler: z.string().min(1),
    cflags: z.array(z.string()),
    ldflags: z.array(z.string()),
  }),
  console: z.object({
    kind: z.enum(["uart", "usb-cdc", "semihosting"]),
    baud: z.number().int().positive(),
    /** Peripheral the firmware writes its console to, e.g. "UART0 (PL011) @ 0x4000C000". */
    peripheral: z.string().min(1),
    base: z.number().int().nonnegative().optional(),
  }),
  emulator: z
    .object({
      capability: capabilitySchema,
      machine: z.string().min(1),
      note: z.string().optional(),
      /**
       * Set when the machine is only the closest model of the board's chip: why it is close enough. Runs there are
       * reported as "approximate: ran on <machine>".
       */
      approximate: z.string().min(1).optional(),
    })
    .nullable(),
  /**
   * The route flash() writes with: the preferred (first) of `flashRoutes` as the catalogue gives it,
   * the one the user picked once `withFlashRoute` has been applied. Flashers read only this.
   */
  flash: flashMethodSchema,
  /** Every route the board supports, in order of preference; "unsupported" only as the single route. */
  flashRoutes: z.array(flashRouteSchema).min(1),
  usb: z.array(usbIdSchema),
  pins: z.record(z.string(), z.string()),
  hasNetwork: z.boolean(),
  datasheet: z.url(),
});

export type Board = z.infer<typeof boardSchema>;
export type FlashMethod = z.infer<typeof flashMethodSchema>;
export type FlashRoute = z.infer<typeof flashRouteSchema>;

/** A board file: everything but `flash`, which is its first route. */
export function defineBoard(board: Omit<Board, "flash">): Board {
  const [preferred] = board.flashRoutes;
  if (!preferred) throw new Error(`${board.name} lists no flash route.`);
  return { ...board, flash: preferred.method };
}

/** The route `board.flash` belongs to: the preferred one, or the one `withFlashRoute` chose. */
export function currentFlashRoute(board: Board): FlashRoute {
  return board.flashRoutes.find((route) => route.method === board.flash) ?? board.flashRoutes[0]!;
}

/** The board as the flashers see it when the user picked `route` (one of its `flashRoutes`). */
export function withFlashRoute(board: Board, route: FlashRoute): Board {
  if (!board.flashRoutes.some((candidate) => candidate === route || candidate.label === route.label)) {
    throw new Error(`"${route.label}" is not one of ${board.name}'s flash routes.`);
  }
  return { ...board, flash: route.method };
}
