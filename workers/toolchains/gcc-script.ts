import { constants } from "node:fs";
import { open } from "node:fs/promises";
import path from "node:path";

/** Single-quotes a word for sh; the script is built from trusted flags and checked paths, but quoting keeps it exact. */
export const shellQuote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;

export interface GccScript {
  compiler: string;
  objcopy: string;
  flags: string[];
  /** Paths relative to src/, compiled and linked in one driver call. */
  sources: string[];
  /** objcopy options for both images, e.g. AVR's "-R .eeprom" (EEPROM and fuses are not program flash). */
  objcopyFlags: string[];
}

export const ELF = "firmware.elf";
export const BIN = "firmware.bin";
export const HEX = "firmware.hex";
export const OVERFLOW_ELF = "firmware-overflow.elf";

/**
 * One sandboxed run for the whole build: the gcc driver compiles every source and links, then objcopy writes the
 * raw and Intel HEX images. It runs in src/ so diagnostics name files as the generator wrote them; outputs go to the
 * build root by absolute path ($root), which the diagnostics parser strips again.
 */
export function buildScript(script: GccScript): string {
  const objcopy = [shellQuote(script.objcopy), ...script.objcopyFlags.map(shellQuote)].join(" ");
  return [
    "root=$PWD",
    "cd src",
    `${gccCommand(script)} -o "$root/${ELF}"`,
    `${objcopy} -O binary "$root/${ELF}" "$root/${BIN}"`,
    `${objcopy} -O ihex "$root/${ELF}" "$root/${HEX}"`,
  ].join(" &&\n");
}

/**
 * After ld refused an image for not fitting, link again with --noinhibit-exec, which writes the ELF despite the
 * region errors, only to measure how big it is. Never used for a real build: it also lets undefined symbols through.
 */
export function measureScript(script: GccScript): string {
  return ["root=$PWD", "cd src", `${gccCommand(script)} -Wl,--noinhibit-exec -o "$root/${OVERFLOW_ELF}"`].join(" &&\n");
}

function gccCommand(script: GccScript): string {
  return [script.compiler, ...script.flags, ...script.sources].map(shellQuote).join(" ");
}

/** The command line as a person would type it, for the build log. */
export function displayCommand(script: GccScript): string {
  return ["$", script.compiler, ...script.flags, ...script.sources, "-o", ELF].join(" ");
}

/**
 * Reads an output the sandbox wrote. O_NOFOLLOW + a regular-file check: sandboxed code could have replaced it with
 * a symlink to a host file, which this (unsandboxed) process would otherwise read into an artifact.
 */
export async function readOutput(workDir: string, name: string, maxBytes: number): Promise<Uint8Array | null> {
  let handle;
  try {
    handle = await open(path.join(workDir, name), constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch {
    return null;
  }
  try {
    const info = await handle.stat();
    if (!info.isFile() || info.size > maxBytes) return null;
    return new Uint8Array(await handle.readFile());
  } finally {
    await handle.close();
  }
}
