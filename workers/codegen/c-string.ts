/**
 * Escapes a value for the inside of a C string literal. Octal escapes (always three digits) are
 * used for everything outside printable ASCII because a hex escape would swallow following hex
 * digits; `?` is escaped so no trigraph can form. Shared by the generators and config injection.
 */
export function escapeCString(value: string): string {
  let out = "";
  for (const byte of new TextEncoder().encode(value)) {
    const char = String.fromCharCode(byte);
    if (char === "\\" || char === '"' || char === "?") out += `\\${char}`;
    else if (byte >= 0x20 && byte < 0x7f) out += char;
    else out += `\\${byte.toString(8).padStart(3, "0")}`;
  }
  return out;
}
