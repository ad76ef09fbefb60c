/**
 * ST-LINK/V2 and V2-1 USB protocol numbers (the firmware's command set as stlink-org and OpenOCD use
 * it; ST does not publish it). Every command is a 16-byte block on the bulk OUT endpoint; replies and
 * read data come back on the bulk IN endpoint.
 */
export const COMMAND_BLOCK_BYTES = 16;

export const Command = {
  GET_VERSION: 0xf1,
  DEBUG: 0xf2,
  DFU: 0xf3,
  SWIM: 0xf4,
  GET_CURRENT_MODE: 0xf5,
  GET_TARGET_VOLTAGE: 0xf7,
} as const;

export const DebugCommand = {
  READMEM_32BIT: 0x07,
  WRITEMEM_32BIT: 0x08,
  READMEM_8BIT: 0x0c,
  WRITEMEM_8BIT: 0x0d,
  EXIT: 0x21,
  APIV2_ENTER: 0x30,
  APIV2_READ_IDCODES: 0x31,
  APIV2_RESETSYS: 0x32,
  APIV2_WRITEDEBUGREG: 0x35,
  APIV2_READDEBUGREG: 0x36,
  APIV2_GETLASTRWSTATUS2: 0x3e,
  APIV2_READMEM_16BIT: 0x47,
  APIV2_WRITEMEM_16BIT: 0x48,
  ENTER_SWD: 0xa3,
} as const;

export const DFU_EXIT = 0x07;
export const SWIM_EXIT = 0x01;

export const Mode = { DFU: 0x00, MASS: 0x01, DEBUG: 0x02, SWIM: 0x03, BOOTLOADER: 0x04 } as const;

export const STATUS_OK = 0x80;

const STATUS_NAMES: Record<number, string> = {
  0x80: "OK",
  0x81: "SWD fault",
  0x09: "no IDCODE (target not answering)",
  0x0c: "write error",
  0x0d: "write verify error",
  0x10: "AP wait",
  0x11: "AP fault",
  0x12: "AP error",
  0x13: "AP parity error",
  0x14: "DP wait",
  0x15: "DP fault",
  0x16: "DP error",
  0x17: "DP parity error",
  0x18: "AP write data error",
  0x19: "AP sticky error",
  0x1a: "AP sticky overrun",
  0x1d: "bad AP",
};

export function statusName(status: number): string {
  return `${STATUS_NAMES[status] ?? "unknown status"} (0x${status.toString(16).padStart(2, "0")})`;
}

/**
 * Firmware features this flasher relies on, with the JTAG-API version that brought them. Memory writes
 * and reads stay within one 1 KiB block: the debug port's address auto-increment wraps there.
 */
export const Feature = {
  /** GETLASTRWSTATUS2: the status of the last memory read/write, with the faulting address. */
  lastRwStatus2: 15,
  /** READMEM_16BIT / WRITEMEM_16BIT: half-word accesses (the F1 flash takes nothing else). */
  memory16: 26,
} as const;

export const MAX_MEMORY_TRANSFER = 1024;
/** WRITEMEM_8BIT / READMEM_8BIT carry at most one full-speed packet. */
export const MAX_BYTE_TRANSFER = 64;
