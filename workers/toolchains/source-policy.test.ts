import { describe, expect, it } from "vitest";
import { checkSourcePolicy } from "./source-policy";
import { armFirmware } from "./test-fixtures";
import { checkSourcePaths } from "./write-sources";

const located = (files: { path: string; content: string }[]) =>
  checkSourcePolicy(files).map((d) => `${d.file}:${d.line}: ${d.message}`);

describe("checkSourcePolicy", () => {
  it("accepts ordinary firmware, relative includes and linker scripts", () => {
    const files = [
      ...armFirmware(),
      { path: "drivers/uart.c", content: '#include <stdint.h>\n#include "drivers/uart.h"\n#include "board.h"\n' },
      { path: "mem.ld", content: "INCLUDE common.ld\nINPUT(-lm)\nSEARCH_DIR(lib)\n" },
      { path: "notes.c", content: '// see /etc/passwd\nconst char *p = "/etc/passwd"; /* #include "/x" */\n' },
    ];
    expect(checkSourcePolicy(files)).toEqual([]);
  });

  it("refuses includes of absolute paths and paths with '..', naming file and line", () => {
    expect(
      located([
        { path: "main.c", content: '#include <stdio.h>\n\n#include "/etc/passwd"\n' },
        { path: "a.h", content: '  #  include_next </etc/hostname>\n#include "../../../../etc/hostname"\n' },
        { path: "b.c", content: '#if __has_include("/etc/shadow")\n#endif\n#pragma GCC dependency "/etc/passwd"\n' },
      ]),
    ).toEqual([
      "main.c:3: #include of an absolute path is not allowed",
      "a.h:1: #include_next of an absolute path is not allowed",
      'a.h:2: #include of a path containing ".." is not allowed',
      "b.c:1: __has_include of an absolute path is not allowed",
      "b.c:3: #pragma GCC dependency on an absolute path is not allowed",
    ]);
  });

  it("sees through comments, line splices, trigraphs and digraphs, as cpp does", () => {
    expect(
      located([
        { path: "c.c", content: '#include /* hidden */ "/etc/passwd"\n' },
        { path: "d.c", content: '#inc\\\nlude "/etc/passwd"\nint x;\n' },
        { path: "e.c", content: '??=include "/etc/passwd"\n' },
        { path: "f.c", content: '%:include "/etc/passwd"\n' },
      ]),
    ).toEqual([
      "c.c:1: #include of an absolute path is not allowed",
      "d.c:1: #include of an absolute path is not allowed",
      "e.c:1: #include of an absolute path is not allowed",
      "f.c:1: #include of an absolute path is not allowed",
    ]);
  });

  it("refuses .incbin in assembly and in C inline asm, and .include of outside files", () => {
    expect(
      located([
        { path: "blob.S", content: '.section .rodata\n.incbin "/etc/hostname"\n' },
        { path: "main.c", content: 'int main(void) { __asm__(".incbin \\"/etc/hostname\\""); }\n' },
        { path: "x.s", content: '.include "/etc/passwd"\n' },
      ]),
    ).toEqual([
      "blob.S:2: .incbin is not allowed: it embeds a file into the image",
      "main.c:1: .incbin is not allowed: it embeds a file into the image",
      "x.s:1: .include of an absolute path is not allowed",
    ]);
  });

  it("refuses an .incbin split across adjacent string literals, on one line or several", () => {
    expect(
      located([
        { path: "a.c", content: 'void f(void) { __asm__(".inc" "bin \\"/usr/lib/os-release\\""); }\n' },
        { path: "b.c", content: 'void f(void) {\n  __asm__(".in"\n    /* split */ "c"\n    "bin x");\n}\n' },
        { path: "c.c", content: 'const char *a = ".inc", *b = "bin";\n' },
      ]),
    ).toEqual([
      "a.c:1: .incbin is not allowed: it embeds a file into the image (split across string literals)",
      "b.c:2: .incbin is not allowed: it embeds a file into the image (split across string literals)",
    ]);
  });

  it("refuses linker-script commands that open outside files", () => {
    expect(
      located([
        {
          path: "link.ld",
          content:
            "MEMORY { }\nINCLUDE /etc/passwd\nINPUT(main.o /etc/shadow)\nGROUP(-l:../../x.a)\n" +
            "SEARCH_DIR(\n  /etc\n)\nINCLUDE/**/\n//etc/hostname\nINPUT(=/etc/hostname $SYSROOT/etc/passwd)\n",
        },
      ]),
    ).toEqual([
      "link.ld:2: INCLUDE of an absolute path is not allowed",
      "link.ld:3: INPUT of an absolute path is not allowed",
      'link.ld:4: GROUP of a path containing ".." is not allowed',
      "link.ld:5: SEARCH_DIR of an absolute path is not allowed",
      "link.ld:8: INCLUDE of an absolute path is not allowed",
      "link.ld:10: INPUT of an absolute path is not allowed",
      "link.ld:10: INPUT of an absolute path is not allowed",
    ]);
  });
});

describe("checkSourcePaths", () => {
  it("accepts plain relative paths", () => {
    const ok = ["main.c", "link.ld", "drivers/uart.c", "lib/c++/x.h", "_a/b-c.S"].map((p) => ({
      path: p,
      content: "",
    }));
    expect(checkSourcePaths(ok)).toEqual([]);
  });

  it("refuses absolute, '..', hidden, option-like and odd paths, naming each", () => {
    const bad = [
      "/etc/passwd",
      "../x.c",
      "a/../../b.c",
      "./main.c",
      ".hidden.c",
      "-fplugin=x.so",
      "a//b.c",
      "a\\b.c",
      "",
    ];
    const problems = checkSourcePaths(bad.map((p) => ({ path: p, content: "" })));
    expect(problems).toHaveLength(bad.length);
    problems.forEach((problem, index) => {
      expect(problem.message).toContain(`source path ${JSON.stringify(bad[index])} is not allowed`);
    });
  });

  it("refuses duplicates", () => {
    const problems = checkSourcePaths([
      { path: "main.c", content: "" },
      { path: "main.c", content: "" },
    ]);
    expect(problems.map((p) => p.message)).toEqual(["duplicate source path"]);
  });
});
