/**
 * A device's console line made safe to hand to xterm.js: `Terminal.write()` interprets escape sequences,
 * so firmware (or a node named by a hostile user and echoed back) could otherwise clear the screen,
 * move the cursor over earlier lines, retitle the window or set hyperlinks (OSC 8). Everything that is
 * not printable text is removed: CSI, OSC, DCS/SOS/PM/APC strings, other ESC sequences, 8-bit C1
 * controls and C0 controls except tab.
 */
/* eslint-disable no-control-regex -- control characters are exactly what this removes */
const SEQUENCES =
  /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[PX^_][^\x1b]*(?:\x1b\\)?|\x1b[ -/]*[0-~]?|\x9b[0-?]*[ -/]*[@-~]|\x9d[^\x07\x9c]*[\x07\x9c]?/g;
const CONTROLS = /[\x00-\x08\x0a-\x1f\x7f-\x9f]/g;
/* eslint-enable no-control-regex */

export function toTerminalText(line: string): string {
  return line.replace(SEQUENCES, "").replace(CONTROLS, "");
}
