/** TI Stellaris LM3S (LM3S6965, LM3S811): PLL to the board clock, UART0 (PL011) on PA0/PA1. */
import type { Board } from "../../../../boards/schema";
import { CortexMFamily } from "./cortex-m";
import { pl011Console } from "./pl011";

/** RCC.XTAL code of each crystal frequency the PLL accepts (LM3S datasheet, table "XTAL values"). */
const XTAL_CODES: Readonly<Record<number, number>> = {
  4_000_000: 0x6,
  5_000_000: 0x9,
  6_000_000: 0xb,
  8_000_000: 0xe,
};

/** The PLL runs at 400 MHz and is divided by 2 before SYSDIV, so the core gets 200 MHz / (SYSDIV + 1). */
const PLL_HZ = 200_000_000;

export class Lm3sFamily extends CortexMFamily {
  readonly id = "lm3s";
  protected readonly irqCount = 48;

  coreClockHz(board: Board): number {
    return PLL_HZ / (this.sysdiv(board) + 1);
  }

  private sysdiv(board: Board): number {
    return Math.min(15, Math.max(3, Math.ceil(PLL_HZ / board.clockHz) - 1));
  }

  protected clockInit(board: Board): string[] {
    const hz = board.crystalHz ?? 8_000_000;
    const xtal = XTAL_CODES[hz];
    if (xtal === undefined) throw new Error(`${board.name}: the LM3S PLL has no XTAL code for a ${hz} Hz crystal.`);
    const sysdiv = this.sysdiv(board);
    return [
      `/* ${hz / 1e6} MHz crystal -> PLL (200 MHz) / ${sysdiv + 1} = ${this.coreClockHz(board) / 1e6} MHz (datasheet "Clock Control"). */`,
      "volatile uint32_t *rcc = (volatile uint32_t *)0x400FE060u;",
      "volatile uint32_t *ris = (volatile uint32_t *)0x400FE050u;",
      "uint32_t value = *rcc;",
      "value |= 1u << 11;  /* BYPASS while the PLL starts */",
      "value &= ~(1u << 22); /* USESYSDIV off */",
      "*rcc = value;",
      "value &= ~((0xFu << 6) | (3u << 4) | (1u << 13) | 1u); /* XTAL, OSCSRC = main, PWRDN, MOSCDIS */",
      `value |= ${xtal}u << 6;`,
      "*rcc = value;",
      `value = (value & ~(0xFu << 23)) | (${sysdiv}u << 23) | (1u << 22); /* SYSDIV, USESYSDIV */`,
      "*rcc = value;",
      "for (uint32_t i = 0; i < 100000u && !(*ris & (1u << 6)); i++) {",
      "} /* PLLLRIS: PLL locked */",
      "if (*ris & (1u << 6)) *rcc = value & ~(1u << 11); /* locked: run from the PLL */",
    ];
  }

  protected consoleSource(board: Board): string {
    return pl011Console({
      peripheral: board.console.peripheral,
      base: board.console.base ?? 0x4000_c000,
      clockHz: this.coreClockHz(board),
      baud: board.console.baud,
      defines: [
        "#define SYSCTL_RCGC1 (*(volatile uint32_t *)0x400FE104u)",
        "#define SYSCTL_RCGC2 (*(volatile uint32_t *)0x400FE108u)",
        "#define GPIOA_AFSEL (*(volatile uint32_t *)0x40004420u)",
        "#define GPIOA_DEN (*(volatile uint32_t *)0x4000451Cu)",
      ],
      setup: [
        "SYSCTL_RCGC1 |= 1u; /* UART0 clock */",
        "SYSCTL_RCGC2 |= 1u; /* GPIO port A clock */",
        "(void)SYSCTL_RCGC2; /* a few cycles before the port is used */",
        "GPIOA_AFSEL |= 3u;  /* PA0 = U0Rx, PA1 = U0Tx */",
        "GPIOA_DEN |= 3u;",
      ],
    });
  }

  protected notes(board: Board): string[] {
    return [`Console: ${board.console.peripheral}, ${board.console.baud} baud.`];
  }
}
