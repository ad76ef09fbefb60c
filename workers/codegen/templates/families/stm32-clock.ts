/**
 * STM32 clock trees: the PLL settings that bring each series to the board's clock, worked out from
 * the oscillator the board has. Every wait is bounded because QEMU reads RCC as 0; the system clock
 * only switches to a PLL that reports lock, so a board whose crystal fails keeps running (slower).
 */
import type { Board } from "../../../../boards/schema";

export interface ClockPlan {
  sysclkHz: number;
  apb1Hz: number;
  apb2Hz: number;
  /** Body of clock_init(). */
  lines: string[];
}

/** PWR_CR VOS bits for scale 1 (F405/F407 have one VOS bit, F401/F411 two). */
const F4_VOS: ReadonlyArray<[RegExp, number]> = [
  [/^STM32F40[57]/, 1 << 14],
  [/^STM32F4(01|11)/, 3 << 14],
];

const WAIT = (cond: string, what: string) => [
  `for (uint32_t i = 0; i < 100000u && !(${cond}); i++) {`,
  `} /* ${what} */`,
];

/** Smallest power-of-two divider that keeps `hz` at or under `max`, with its PPRE field code (0, 4..7). */
function apbDivider(hz: number, max: number): { div: number; code: number } {
  for (const [div, code] of [
    [1, 0],
    [2, 4],
    [4, 5],
    [8, 6],
    [16, 7],
  ] as const)
    if (hz / div <= max) return { div, code };
  return { div: 16, code: 7 };
}

export function stm32f1Clock(board: Board): ClockPlan {
  const hse = board.crystalHz ?? 0; // no crystal: the PLL runs from the internal oscillator
  const source = hse || 4_000_000; // HSI / 2 feeds the PLL when there is no crystal
  const mul = Math.min(16, Math.max(2, Math.round(board.clockHz / source)));
  const sysclk = source * mul;
  const latency = sysclk <= 24e6 ? 0 : sysclk <= 48e6 ? 1 : 2;
  const apb1 = apbDivider(sysclk, 36e6);
  return {
    sysclkHz: sysclk,
    apb1Hz: sysclk / apb1.div,
    apb2Hz: sysclk,
    lines: [
      `/* ${hse ? `${hse / 1e6} MHz HSE` : "HSI / 2"} x ${mul} = ${sysclk / 1e6} MHz; APB1 / ${apb1.div}, flash ${latency} wait states. */`,
      "volatile uint32_t *cr = (volatile uint32_t *)0x40021000u;   /* RCC_CR */",
      "volatile uint32_t *cfgr = (volatile uint32_t *)0x40021004u; /* RCC_CFGR */",
      "volatile uint32_t *acr = (volatile uint32_t *)0x40022000u;  /* FLASH_ACR */",
      ...(hse ? ["*cr |= 1u << 16; /* HSEON */", ...WAIT("*cr & (1u << 17)", "HSERDY")] : []),
      `*acr = (*acr & ~7u) | ${latency}u | (1u << 4); /* LATENCY, prefetch buffer */`,
      `*cfgr = (*cfgr & ~((0xFu << 18) | (1u << 17) | (1u << 16) | (7u << 8))) | (${mul - 2}u << 18) | (${hse ? 1 : 0}u << 16) | (${apb1.code}u << 8);`,
      "*cr |= 1u << 24; /* PLLON */",
      ...WAIT("*cr & (1u << 25)", "PLLRDY"),
      "if (*cr & (1u << 25)) {",
      "  *cfgr = (*cfgr & ~3u) | 2u; /* SW = PLL */",
      ...WAIT("(*cfgr & (3u << 2)) == (2u << 2)", "SWS = PLL").map((l) => `  ${l}`),
      "}",
    ],
  };
}

export function stm32f4Clock(board: Board): ClockPlan {
  const hse = board.crystalHz ?? 0; // no crystal: the PLL runs from the internal oscillator
  const source = hse || 16_000_000;
  const m = source / 1e6; // 1 MHz into the VCO
  const p = [2, 4, 6, 8].find((x) => board.clockHz * x >= 192e6 && board.clockHz * x <= 432e6) ?? 2;
  const n = Math.round((board.clockHz * p) / 1e6);
  const vco = n * 1e6;
  const q = Math.min(15, Math.max(2, Math.ceil(vco / 48e6)));
  const sysclk = vco / p;
  const latency = Math.min(7, Math.ceil(sysclk / 30e6) - 1);
  const apb1 = apbDivider(sysclk, 42e6);
  const apb2 = apbDivider(sysclk, 84e6);
  const vos = F4_VOS.find(([re]) => re.test(board.mcu))?.[1] ?? 1 << 14;
  const pllcfgr = m | (n << 6) | ((p / 2 - 1) << 16) | ((hse ? 1 : 0) << 22) | (q << 24);
  return {
    sysclkHz: sysclk,
    apb1Hz: sysclk / apb1.div,
    apb2Hz: sysclk / apb2.div,
    lines: [
      `/* ${hse ? `${hse / 1e6} MHz HSE` : "16 MHz HSI"} / ${m} x ${n} / ${p} = ${sysclk / 1e6} MHz (USB / ${q}); APB1 / ${apb1.div}, APB2 / ${apb2.div}, flash ${latency} wait states. */`,
      "volatile uint32_t *cr = (volatile uint32_t *)0x40023800u;      /* RCC_CR */",
      "volatile uint32_t *pllcfgr = (volatile uint32_t *)0x40023804u; /* RCC_PLLCFGR */",
      "volatile uint32_t *cfgr = (volatile uint32_t *)0x40023808u;    /* RCC_CFGR */",
      "*(volatile uint32_t *)0x40023840u |= 1u << 28; /* RCC_APB1ENR: PWR clock */",
      `*(volatile uint32_t *)0x40007000u |= 0x${vos.toString(16).toUpperCase()}u; /* PWR_CR: VOS scale 1 */`,
      ...(hse ? ["*cr |= 1u << 16; /* HSEON */", ...WAIT("*cr & (1u << 17)", "HSERDY")] : []),
      `*pllcfgr = 0x${pllcfgr.toString(16).toUpperCase().padStart(8, "0")}u; /* PLLM ${m}, PLLN ${n}, PLLP ${p}, PLLQ ${q}, source ${hse ? "HSE" : "HSI"} */`,
      "*cr |= 1u << 24; /* PLLON */",
      ...WAIT("*cr & (1u << 25)", "PLLRDY"),
      `*(volatile uint32_t *)0x40023C00u = ${latency}u | (7u << 8); /* FLASH_ACR: LATENCY, prefetch, I/D caches */`,
      `*cfgr = (*cfgr & ~((7u << 10) | (7u << 13) | (0xFu << 4))) | (${apb1.code}u << 10) | (${apb2.code}u << 13);`,
      "if (*cr & (1u << 25)) {",
      "  *cfgr = (*cfgr & ~3u) | 2u; /* SW = PLL */",
      ...WAIT("(*cfgr & (3u << 2)) == (2u << 2)", "SWS = PLL").map((l) => `  ${l}`),
      "}",
    ],
  };
}

export function stm32l4Clock(board: Board): ClockPlan {
  const msi = 4_000_000; // MSI after reset; PLLM = 1
  const r = [2, 4, 6, 8].find((x) => board.clockHz * x >= 64e6 && board.clockHz * x <= 344e6) ?? 2;
  const n = Math.round((board.clockHz * r) / msi);
  const sysclk = (msi * n) / r;
  const latency = Math.min(4, Math.ceil(sysclk / 16e6) - 1);
  return {
    sysclkHz: sysclk,
    apb1Hz: sysclk,
    apb2Hz: sysclk,
    lines: [
      `/* 4 MHz MSI x ${n} / ${r} = ${sysclk / 1e6} MHz; APB1 and APB2 undivided, flash ${latency} wait states. */`,
      "volatile uint32_t *cr = (volatile uint32_t *)0x40021000u;      /* RCC_CR */",
      "volatile uint32_t *cfgr = (volatile uint32_t *)0x40021008u;    /* RCC_CFGR */",
      "volatile uint32_t *pllcfgr = (volatile uint32_t *)0x4002100Cu; /* RCC_PLLCFGR */",
      `*(volatile uint32_t *)0x40022000u = ${latency}u | (7u << 8); /* FLASH_ACR: LATENCY, prefetch, I/D caches */`,
      `*pllcfgr = 1u | (0u << 4) | (${n}u << 8) | (1u << 24) | (${r / 2 - 1}u << 25); /* MSI, PLLM 1, PLLN ${n}, PLLR ${r} enabled */`,
      "*cr |= 1u << 24; /* PLLON */",
      ...WAIT("*cr & (1u << 25)", "PLLRDY"),
      "if (*cr & (1u << 25)) {",
      "  *cfgr = (*cfgr & ~3u) | 3u; /* SW = PLL */",
      ...WAIT("(*cfgr & (3u << 2)) == (3u << 2)", "SWS = PLL").map((l) => `  ${l}`),
      "}",
    ],
  };
}
