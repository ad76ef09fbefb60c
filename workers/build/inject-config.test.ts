import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createRedactor, escapeCString, injectConfig, MissingConfigError, placeholdersUsed } from "./inject-config";

const config = (content: string) => [{ path: "config.h", content }];

describe("injectConfig", () => {
  it("fills only the placeholders the sources use", () => {
    const files = config('#define SWARM_ID "{{SWARM_ID}}"\n#define NODE_ID "{{NODE_ID}}"\n');
    expect(placeholdersUsed(files)).toEqual(["SWARM_ID", "NODE_ID"]);
    const [out] = injectConfig(files, { SWARM_ID: "farm-1", NODE_ID: "temp-2" });
    expect(out.content).toBe('#define SWARM_ID "farm-1"\n#define NODE_ID "temp-2"\n');
  });

  it("fails before compiling when a used value is missing, naming it without values", () => {
    const files = config('#define P "{{WIFI_PASSWORD}}"\n#define S "{{WIFI_SSID}}"');
    expect(() =>
      injectConfig(files, { WIFI_SSID: "farm" }, { WIFI_PASSWORD: "set the project secret WIFI_PASSWORD" }),
    ).toThrow(
      new MissingConfigError(
        "The firmware needs {{WIFI_PASSWORD}} (set the project secret WIFI_PASSWORD) but no value is configured.",
      ),
    );
  });

  it("escapes quotes, backslashes, newlines, trigraphs and UTF-8 so the literal holds exactly the value", () => {
    expect(escapeCString('a"b\\c\nd??=é')).toBe('a\\"b\\\\c\\012d\\?\\?=\\303\\251');
    // Proof with the real compiler: the C program prints back exactly the original bytes.
    const nasty = 'pa"ss\\word\n??=/*x*/ é\t0x41';
    const dir = mkdtempSync(path.join(tmpdir(), "inject-"));
    try {
      const [source] = injectConfig(
        [
          {
            path: "t.c",
            content: '#include <stdio.h>\nint main(void){fputs("{{WIFI_PASSWORD}}", stdout);return 0;}\n',
          },
        ],
        {
          WIFI_PASSWORD: nasty,
        },
      );
      writeFileSync(path.join(dir, "t.c"), source.content);
      execFileSync("cc", ["-std=c11", "-Wall", "-Werror", "-o", path.join(dir, "t"), path.join(dir, "t.c")]);
      expect(execFileSync(path.join(dir, "t")).toString("utf8")).toBe(nasty);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("createRedactor", () => {
  it("hides secret values, raw and escaped, and leaves other config alone", () => {
    const redact = createRedactor({ WIFI_PASSWORD: 'hunter"2', WIFI_SSID: "farm", NODE_ID: "n1" });
    expect(redact('main.c:3: error near "hunter\\"2" and hunter"2 on farm')).toBe(
      'main.c:3: error near "••••" and •••• on farm',
    );
  });
});
