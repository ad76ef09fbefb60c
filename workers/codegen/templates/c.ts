/** Small helpers for writing C source text. */

import { escapeCString } from "../c-string";

/** Escapes text for the inside of a C string literal. */
export const cEscape = escapeCString;

/** A complete C string literal holding `value`. */
export function cString(value: string): string {
  return `"${cEscape(value)}"`;
}

/** A C string literal holding the JSON encoding of `value` (quotes included), e.g. `"\"fan on\""`. */
export function cJsonString(value: string): string {
  return cString(JSON.stringify(value));
}

/**
 * Makes arbitrary text safe inside a C block comment: no comment terminator or opener (-Wcomment),
 * no trigraphs, no control characters, and no `{{NAME}}` placeholder (the build would fill it in).
 */
export function commentText(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .split("")
    .map((ch) => (ch !== "\n" && ch !== "\t" && (ch < " " || ch === "\u007f") ? " " : ch))
    .join("")
    .replace(/\*\//g, "* /")
    .replace(/\/\*/g, "/ *")
    .replace(/\?\?/g, "? ?")
    .replace(/\{\{/g, "{ {")
    .replace(/\}\}/g, "} }");
}

/** Lines of `text` as the body of a block comment, each prefixed with ` * ` (long lines wrapped). */
export function commentLines(text: string, indent = "", width = 100): string[] {
  const lines: string[] = [];
  for (const raw of commentText(text).split("\n")) {
    let line = raw.replace(/\t/g, "  ").trimEnd();
    while (line.length > width) {
      const cut = line.lastIndexOf(" ", width) > 0 ? line.lastIndexOf(" ", width) : width;
      lines.push(`${indent} * ${line.slice(0, cut).trimEnd()}`);
      line = line.slice(cut).trimStart();
    }
    lines.push(`${indent} *${line ? ` ${line}` : ""}`);
  }
  return lines;
}

/** `0x4000C000u`-style unsigned hex literal (suffix "" for linker scripts). */
export function hex(value: number, digits = 8, suffix = "u"): string {
  return `0x${value.toString(16).toUpperCase().padStart(digits, "0")}${suffix}`;
}

/** Scales a decimal number to an integer with `decimals` fractional digits (round half away from zero). */
export function toFixedPoint(value: number, decimals: number): number {
  const scaled = value * 10 ** decimals;
  return Math.sign(scaled) * Math.round(Math.abs(scaled) + 1e-9);
}

/** Joins source lines into file text with a single trailing newline. */
export function source(lines: Array<string | false | null | undefined>): string {
  return `${lines.filter((l): l is string => typeof l === "string").join("\n")}\n`.replace(/\n{3,}/g, "\n\n");
}
