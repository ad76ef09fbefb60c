import { describe, expect, it } from "vitest";
import { defaultLimits, formatBytes, formatSeconds, prlimitArgs, resolveLimits, rlimitHit } from "./limits";
import { sandboxMode } from "./mode";

describe("sandbox limits", () => {
  it("fills in the documented defaults", () => {
    expect(resolveLimits()).toEqual({
      timeMs: 60_000,
      memoryBytes: 1024 ** 3,
      cpuSeconds: 60,
      outputBytes: 1024 ** 2,
      fileBytes: 64 * 1024 ** 2,
    });
    expect(resolveLimits({ timeMs: 500 })).toEqual({ ...defaultLimits, timeMs: 500 });
  });

  it("refuses limits that would disable the limit or kill every run", () => {
    expect(() => resolveLimits({ memoryBytes: 0 })).toThrow(/memoryBytes/);
    expect(() => resolveLimits({ cpuSeconds: Number.NaN })).toThrow(/cpuSeconds/);
  });

  it("turns limits into prlimit options with a hard CPU limit one second above the soft one", () => {
    expect(prlimitArgs(defaultLimits)).toEqual(["--as=1073741824", "--cpu=60:61", "--fsize=67108864", "--core=0"]);
  });

  it("describes sizes and times in words", () => {
    expect(formatBytes(1024 ** 2)).toBe("1 MiB");
    expect(formatBytes(1024 ** 3)).toBe("1 GiB");
    expect(formatBytes(64 * 1024)).toBe("64 KiB");
    expect(formatBytes(1000)).toBe("1,000 bytes");
    expect(formatSeconds(60)).toBe("60 s");
    expect(formatSeconds(0.25)).toBe("0.25 s");
  });

  it("recognises which RLIMIT ended a run", () => {
    const end = { exitCode: 152, signal: "SIGXCPU" as const, stderr: "" };
    expect(rlimitHit(defaultLimits, end)).toBe("CPU time limit of 60 s exceeded");
    expect(rlimitHit(defaultLimits, { exitCode: 153, signal: "SIGXFSZ", stderr: "" })).toBe(
      "file size limit of 64 MiB exceeded",
    );
    // gcc reports a killed cc1 in words instead of dying by the signal itself.
    const cc1 = "arm-none-eabi-gcc: fatal error: CPU time limit exceeded signal terminated program cc1";
    expect(rlimitHit(defaultLimits, { exitCode: 1, signal: null, stderr: cc1 })).toMatch(/^CPU time limit/);
    expect(rlimitHit(defaultLimits, { exitCode: 1, signal: null, stderr: "cc1: out of memory allocating" })).toBe(
      "memory limit of 1 GiB exceeded",
    );
    expect(rlimitHit(defaultLimits, { exitCode: 1, signal: null, stderr: "main.c:1:1: error: x" })).toBeNull();
    expect(rlimitHit(defaultLimits, { exitCode: 0, signal: null, stderr: "" })).toBeNull();
  });
});

describe("sandboxMode", () => {
  it("defaults to required and accepts off", () => {
    expect(sandboxMode({})).toBe("required");
    expect(sandboxMode({ SANDBOX: "required" })).toBe("required");
    expect(sandboxMode({ SANDBOX: "OFF" })).toBe("off");
  });

  it("stops on a value it does not know rather than guessing", () => {
    expect(() => sandboxMode({ SANDBOX: "yes" })).toThrow(/SANDBOX must be "required"/);
  });
});
