import { describe, expect, it } from "vitest";
import { toTerminalText } from "./terminal-text";

describe("toTerminalText", () => {
  it("keeps printable text, tabs and non-ASCII as they are", () => {
    expect(toTerminalText("@t temperature=21.5\tok °C 🐝")).toBe("@t temperature=21.5\tok °C 🐝");
    expect(toTerminalText("<img src=x onerror=alert(1)>")).toBe("<img src=x onerror=alert(1)>");
  });

  it("removes colour, cursor and clear-screen sequences", () => {
    expect(toTerminalText("\x1b[31mhot\x1b[0m")).toBe("hot");
    expect(toTerminalText("a\x1b[2J\x1b[H\x1b[1;1Hb")).toBe("ab");
    expect(toTerminalText("x\x1b[?1049hy")).toBe("xy");
    expect(toTerminalText("\x9b31mred")).toBe("red");
  });

  it("removes window titles, hyperlinks and device control strings", () => {
    expect(toTerminalText("\x1b]0;pwned\x07after")).toBe("after");
    expect(toTerminalText("\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\")).toBe("click");
    expect(toTerminalText("\x1bPq#0;2;0;0;0\x1b\\done")).toBe("done");
    expect(toTerminalText("a\x1bcb\x1b7c")).toBe("abc");
  });

  it("removes bare control characters: bell, backspace, carriage return, NUL", () => {
    expect(toTerminalText("ring\x07\x08\x08XY\rover\x00")).toBe("ringXYover");
  });
});
