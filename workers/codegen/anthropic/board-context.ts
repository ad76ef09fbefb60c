import type { Board } from "../../../boards/schema";

export type TargetKind = "cortex-m" | "avr" | "esp-idf" | "other";

/** Above this much RAM a little heap use at start-up is affordable; below it every byte is static. */
export const HEAP_RAM_THRESHOLD = 64 * 1024;

export function targetKind(board: Board): TargetKind {
  if (board.toolchain.capability === "esp-idf") return "esp-idf";
  if (board.architecture.startsWith("cortex-")) return "cortex-m";
  if (board.architecture === "avr8") return "avr";
  return "other";
}

/** Hex wide enough for the address space: 4 digits on AVR, 8 on 32-bit parts, so addresses line up. */
export function hex(value: number, width: number): string {
  return "0x" + value.toString(16).toUpperCase().padStart(width, "0");
}

function sizeText(bytes: number): string {
  const kib = bytes / 1024;
  // MiB only when exact: "2 MiB" for 2 MiB - 256 would hide the 256 bytes a linker script must respect.
  const human = bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${+kib.toFixed(2)} KiB`;
  return `${bytes.toLocaleString("en-US")} bytes (${human})`;
}

/**
 * The linker regions a bare-metal image should use: the flash region the application budget
 * describes (boot2 or a bootloader can sit in front of it) and the RAM the budget counts.
 */
export function linkerRegions(board: Board) {
  const flashRegions = board.memoryMap.filter((r) => r.kind === "flash");
  const ramRegions = board.memoryMap.filter((r) => r.kind === "ram");
  const flash =
    flashRegions.find((r) => r.length === board.flashBytes) ?? [...flashRegions].sort((a, b) => b.length - a.length)[0];
  const ram = ramRegions.find((r) => r.length === board.ramBytes) ?? ramRegions[0];
  return {
    flash: flash && { origin: flash.origin, length: Math.min(flash.length, board.flashBytes) },
    ram: ram && { origin: ram.origin, length: Math.min(ram.length, board.ramBytes) },
  };
}

const KIND_TEXT: Record<TargetKind, string> = {
  "cortex-m": "Cortex-M bare metal: provide startup.c and link.ld; registers accessed directly, no HAL or CMSIS",
  avr: "AVR with avr-libc (its own start-up code and linker script: no startup.c, no link.ld)",
  "esp-idf": "ESP-IDF project (CMakeLists.txt, main/CMakeLists.txt, main/main.c with app_main)",
  other: "bare metal C for this architecture",
};

/**
 * The board block of the system prompt. It depends on the board only (never on the node or the
 * iteration), so every node on the same board shares one cached prefix.
 */
export function describeBoard(board: Board): string {
  const kind = targetKind(board);
  const width = board.memoryMap.some((r) => r.origin + r.length > 0x1_0000) ? 8 : 4;
  const lines = [
    `# Target board: ${board.name} (id ${board.id})`,
    `- MCU: ${board.mcu} (board by ${board.vendor}), family ${board.family}, architecture ${board.architecture}`,
    `- Clock: up to ${(board.clockHz / 1e6).toLocaleString("en-US")} MHz (${board.clockHz} Hz)`,
    `- Firmware kind: ${KIND_TEXT[kind]}`,
    `- Flash budget for the application image: ${sizeText(board.flashBytes)}`,
    `- RAM budget for static data + stack${board.ramBytes > HEAP_RAM_THRESHOLD ? " + heap" : ""}: ${sizeText(board.ramBytes)}`,
    board.ramBytes > HEAP_RAM_THRESHOLD
      ? `- Heap: allowed (RAM > 64 KiB), but allocate only at start-up and prefer static buffers`
      : `- Heap: NOT allowed (RAM <= 64 KiB): no malloc/calloc/realloc/free, nothing in the C library that allocates`,
    `- Memory map:`,
    ...board.memoryMap.map(
      (r) =>
        `  - ${r.name} (${r.kind}): ${hex(r.origin, width)}..${hex(r.origin + r.length - 1, width)}, ` +
        `length ${hex(r.length, width)} = ${sizeText(r.length)}`,
    ),
  ];
  if (kind === "cortex-m") {
    const { flash, ram } = linkerRegions(board);
    if (flash && ram) {
      lines.push(
        `- link.ld MEMORY: FLASH (rx) : ORIGIN = ${hex(flash.origin, 8)}, LENGTH = ${hex(flash.length, 8)}; ` +
          `RAM (rwx) : ORIGIN = ${hex(ram.origin, 8)}, LENGTH = ${hex(ram.length, 8)}; ` +
          `_estack = ${hex(ram.origin + ram.length, 8)}`,
      );
    }
    if (board.toolchain.cflags.includes("-mfloat-abi=hard")) {
      lines.push(
        `- FPU: the hard-float ABI is in use: Reset_Handler must enable CP10/CP11 (CPACR at 0xE000ED88 |= 0xF << 20) ` +
          `before any floating-point instruction runs`,
      );
    }
  }
  const con = board.console;
  lines.push(
    `- Console: ${con.kind} ${con.peripheral}` +
      (con.base !== undefined ? `, base address ${hex(con.base, width)}` : "") +
      `, ${con.baud} baud, 8N1`,
    `- Toolchain: ${board.toolchain.compiler}; cflags: ${board.toolchain.cflags.join(" ") || "(none)"}; ` +
      `ldflags: ${board.toolchain.ldflags.join(" ") || "(none)"}`,
    `- Pins: ${
      Object.entries(board.pins)
        .map(([role, pin]) => `${role}=${pin}`)
        .join(", ") || "(none listed)"
    }`,
    board.hasNetwork
      ? `- Network: Wi-Fi on chip; the firmware connects to the swarm's MQTT broker itself`
      : `- Network: none; the console is the node's only output (the swarm bridges it to MQTT)`,
    board.emulator
      ? `- Emulator: QEMU machine "${board.emulator.machine}" (${board.emulator.capability})` +
          (board.emulator.note ? `; ${board.emulator.note}` : "")
      : `- Emulator: none (the firmware runs on hardware only)`,
  );
  return lines.join("\n");
}
