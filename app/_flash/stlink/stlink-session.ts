/**
 * Getting from a chosen USB device to a halted, identified STM32: firmware version, probe mode, target
 * voltage, SWD, DBGMCU_IDCODE and flash size against the board, readout protection. Nothing is
 * written to the target's flash here; every refusal happens before the first erase.
 */
import { FlashError } from "../types";
import { devIdName, type FlashController, hex32 } from "./families";
import { Feature } from "./stlink-constants";
import type { StlinkMethod } from "./stlink-method";
import { ProbeStatusError, type ProbeVersion, type StlinkProbe } from "./stlink-probe";

const DHCSR = 0xe000_edf0;
const DHCSR_KEY = 0xa05f_0000;
const C_DEBUGEN = 1 << 0;
const C_HALT = 1 << 1;
const S_HALT = 1 << 17;
/** Below this the STM32 is unpowered (they run from 1.7 V / 2.0 V). */
const MIN_TARGET_VOLTS = 1.6;
const UPGRADE_HINT =
  "Update it with ST's ST-LINK firmware upgrade tool (STSW-LINK007, also built into STM32CubeProgrammer), then flash again.";

export interface ProbeSession {
  version: ProbeVersion;
  /** Measured target supply, or undefined when the probe cannot measure it (some clones read 0 V). */
  volts: number | undefined;
}

export function outdatedError(model: string, version: ProbeVersion, needed: number, why: string): FlashError {
  return new FlashError(
    "programmer-outdated",
    `The ${model} runs firmware ${version.label}, too old for ${why} (that needs J${needed} or newer). ${UPGRADE_HINT}`,
  );
}

export async function startSession(probe: StlinkProbe): Promise<ProbeSession> {
  const version = await probe.version();
  if (version.stlink !== 2) {
    throw new FlashError(
      "no-device",
      `This probe reports ST-LINK V${version.stlink}; only ST-LINK/V2 and V2-1 are supported.`,
    );
  }
  if (version.jtag < Feature.lastRwStatus2) {
    throw outdatedError(probe.model.name, version, Feature.lastRwStatus2, "checked memory access (GETLASTRWSTATUS2)");
  }
  await probe.leaveMode(await probe.currentMode());
  const measured = await probe.targetVoltage();
  try {
    await probe.enterSwd();
  } catch (error) {
    if (!(error instanceof ProbeStatusError)) throw error;
    if (measured === undefined || measured < MIN_TARGET_VOLTS) {
      throw new FlashError(
        "target-not-powered",
        `The board is not powered: the ${probe.model.name} measures ${(measured ?? 0).toFixed(2)} V on its VCC pin ` +
          `and SWD gets no answer. Power the board (USB or 3.3 V), connect its 3.3 V to the ST-LINK's VCC/3.3 V pin ` +
          `and GND to GND, then flash again.`,
      );
    }
    throw new FlashError(
      "device-error",
      `The board has power (${measured.toFixed(2)} V) but does not answer over SWD (${error.message}) ` +
        `Check SWDIO, SWCLK and GND; if the firmware disables SWD or sleeps, hold the board in reset (or set BOOT0=1) while connecting.`,
    );
  }
  // SWD works, so a reading near 0 V means the probe cannot measure (common on clones), not a dead target.
  return { version, volts: measured !== undefined && measured >= MIN_TARGET_VOLTS ? measured : undefined };
}

export interface TargetIdentity {
  devId: number;
  revId: number;
  flashKiB: number;
}

/** Reads what the chip says it is and stops before anything is written if it is not the board's chip. */
export async function identifyTarget(
  probe: StlinkProbe,
  controller: FlashController,
  method: StlinkMethod,
  boardName: string,
): Promise<TargetIdentity> {
  const idcode = await probe.readDebug32(controller.idcodeAddress);
  const devId = idcode & 0xfff;
  if (devId !== method.expectedDevId) {
    throw new FlashError(
      "wrong-chip",
      `The ST-LINK is wired to ${devIdName(devId)} (DEV_ID 0x${devId.toString(16)}), but ${boardName} has ` +
        `${devIdName(method.expectedDevId)} (0x${method.expectedDevId.toString(16)}). Nothing was written: check the wiring or pick the right board.`,
    );
  }
  const flashKiB = await controller.flashSizeKiB(probe);
  if (flashKiB < method.flashSizeKiB) {
    throw new FlashError(
      "wrong-chip",
      `This ${devIdName(devId)} has ${flashKiB} KiB of flash, but ${boardName} is built for ${method.flashSizeKiB} KiB. Nothing was written.`,
    );
  }
  await haltCore(probe);
  const protection = await controller.readProtection(probe);
  if (protection !== "level0") {
    throw new FlashError(
      "read-protected",
      `The chip's flash is readout-protected (RDP ${protection === "level1" ? "level 1" : "level 2"}): a debugger can neither read nor ` +
        `program it. Removing level 1 (setting RDP back to 0xAA in STM32CubeProgrammer → Option bytes) mass-erases the whole ` +
        `flash; do that only if its contents may be lost, then flash again.`,
    );
  }
  // Some protection states only show when a read fails (the option bytes load at reset).
  try {
    await probe.readMemory32(method.flashAddress, 4);
  } catch (error) {
    if (!(error instanceof ProbeStatusError)) throw error;
    throw new FlashError(
      "read-protected",
      `The debugger cannot read the flash at ${hex32(method.flashAddress)} (${error.message}) Readout protection is ` +
        `probably active; reset the board and try again, or check the option bytes in STM32CubeProgrammer.`,
    );
  }
  return { devId, revId: idcode >>> 16, flashKiB };
}

/** The core must not run (its firmware may write flash or keep a watchdog) while the flash is rewritten. */
async function haltCore(probe: StlinkProbe): Promise<void> {
  await probe.writeDebug32(DHCSR, DHCSR_KEY | C_HALT | C_DEBUGEN);
  const dhcsr = await probe.readDebug32(DHCSR);
  if (!(dhcsr & S_HALT)) {
    throw new FlashError(
      "device-error",
      `The core did not halt (DHCSR ${hex32(dhcsr)}); press reset on the board and flash again.`,
    );
  }
}

/** Clears the halt request, resets the chip so the new firmware starts, and lets go of the core. */
export async function resetAndRun(probe: StlinkProbe): Promise<void> {
  await probe.writeDebug32(DHCSR, DHCSR_KEY | C_DEBUGEN);
  await probe.resetSystem();
  await probe.writeDebug32(DHCSR, DHCSR_KEY);
  await probe.exitDebug();
}
