import { describe, expect, it } from "vitest";
import { formatDiagnostic, parseGccDiagnostics, scrubPaths } from "./diagnostics";

const dirs = ["/build/src", "/srv/jobs/42/src", "/build", "/srv/jobs/42"];
const LD = "/usr/lib/gcc/arm-none-eabi/12.2.1/../../../arm-none-eabi/bin/ld";

describe("parseGccDiagnostics", () => {
  it("reads gcc errors, warnings and notes with file, line and column", () => {
    const stderr = [
      "main.c: In function 'main':",
      "main.c:3:10: fatal error: /etc/passwd: No such file or directory",
      '    3 | #include "/etc/passwd"',
      "      |          ^~~~~~~~~~~~~",
      "compilation terminated.",
      "In file included from main.c:1:",
      "drivers/uart.h:7:5: warning: unused variable 'x' [-Wunused-variable]",
      "/build/src/main.c:9:1: note: declared here",
    ].join("\n");
    expect(parseGccDiagnostics(stderr, dirs)).toEqual([
      { file: "main.c", line: 3, column: 10, severity: "error", message: "/etc/passwd: No such file or directory" },
      {
        file: "drivers/uart.h",
        line: 7,
        column: 5,
        severity: "warning",
        message: "unused variable 'x' [-Wunused-variable]",
      },
      { file: "main.c", line: 9, column: 1, severity: "note", message: "declared here" },
    ]);
  });

  it("reads assembler messages, which have no column", () => {
    const stderr = "blink.S: Assembler messages:\nblink.S:4: Error: file not found: /etc/hostname\n";
    expect(parseGccDiagnostics(stderr, dirs)).toEqual([
      { file: "blink.S", line: 4, column: null, severity: "error", message: "file not found: /etc/hostname" },
    ]);
    expect(parseGccDiagnostics("/tmp/ccQ1w2e3.s:45: Error: junk at end of line", dirs)[0].file).toBe(
      "<inline assembly>",
    );
  });

  it("reads linker errors as errors at line 0, naming the object or image when ld does", () => {
    const stderr = [
      `${LD}: /build/firmware.elf section \`.text' will not fit in region \`FLASH'`,
      `${LD}: region \`FLASH' overflowed by 123 bytes`,
      `${LD}: region \`FLASH' overflowed by 123 bytes`,
      `${LD}: /tmp/ccrBgM7I.o: in function \`main':`,
      "/build/src/main.c:22: undefined reference to `foo'",
      `${LD}: uart.o:(.text.uart_init+0x8): undefined reference to \`bar'`,
      `${LD}:link.ld:4: syntax error`,
      `${LD}: warning: cannot find entry symbol Reset_Handler; defaulting to 00000000`,
      "collect2: error: ld returned 1 exit status",
    ].join("\n");
    expect(parseGccDiagnostics(stderr, dirs)).toEqual([
      {
        file: "firmware.elf",
        line: 0,
        column: null,
        severity: "error",
        message: "firmware.elf section `.text' will not fit in region `FLASH'",
      },
      { file: "ld", line: 0, column: null, severity: "error", message: "region `FLASH' overflowed by 123 bytes" },
      { file: "main.c", line: 22, column: null, severity: "error", message: "undefined reference to `foo'" },
      { file: "uart.o", line: 0, column: null, severity: "error", message: "undefined reference to `bar'" },
      { file: "link.ld", line: 4, column: null, severity: "error", message: "syntax error" },
      {
        file: "ld",
        line: 0,
        column: null,
        severity: "warning",
        message: "cannot find entry symbol Reset_Handler; defaulting to 00000000",
      },
    ]);
  });

  it("reads driver-level errors and never shows the host work directory", () => {
    const stderr = [
      "arm-none-eabi-gcc: error: /srv/jobs/42/src/missing.c: No such file or directory",
      "/srv/jobs/42/src/main.c:1:1: error: expected ';' before '}' token (in /srv/jobs/42)",
    ].join("\n");
    const diagnostics = parseGccDiagnostics(stderr, dirs);
    expect(diagnostics).toEqual([
      {
        file: "arm-none-eabi-gcc",
        line: 0,
        column: null,
        severity: "error",
        message: "missing.c: No such file or directory",
      },
      { file: "main.c", line: 1, column: 1, severity: "error", message: "expected ';' before '}' token (in .)" },
    ]);
    expect(JSON.stringify(diagnostics)).not.toContain("/srv/jobs");
  });
});

describe("helpers", () => {
  it("formats a diagnostic the way gcc prints it", () => {
    expect(formatDiagnostic({ file: "main.c", line: 3, column: 10, severity: "error", message: "boom" })).toBe(
      "main.c:3:10: error: boom",
    );
    expect(formatDiagnostic({ file: "ld", line: 0, column: null, severity: "error", message: "boom" })).toBe(
      "ld: error: boom",
    );
  });

  it("scrubs directories out of free text without touching look-alike paths", () => {
    expect(scrubPaths("cd /srv/jobs/42 && cc /srv/jobs/42/src/a.c /srv/jobs/421/b.c", dirs)).toBe(
      "cd . && cc a.c /srv/jobs/421/b.c",
    );
  });
});
