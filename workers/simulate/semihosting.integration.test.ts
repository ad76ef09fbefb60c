/**
 * Firmware is untrusted and QEMU's semihosting (target=native) acts on the host as QEMU's user: SYS_OPEN/SYS_READ
 * read files, SYS_OPEN/SYS_WRITE create them, SYS_SYSTEM runs a command. Through the runner (bubblewrap, QEMU's
 * seccomp sandbox) each attack must reach nothing of the host. Each firmware prints what its calls returned, which
 * proves the calls were made.
 */
import { existsSync } from "node:fs";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getBoard } from "../../boards";
import { runNode } from "./run-node";
import { SEMIHOSTING_C, cString, cleanUpFirmware, lm3sFirmware } from "./testing/firmware";

let hostDir = "";
const SECRET = "host-secret-7f3a9c1e-never-in-firmware-output";
beforeAll(async () => {
  // World-readable, in a world-searchable directory: QEMU's user could read it if it could see it at all.
  hostDir = await mkdtemp(path.join(os.tmpdir(), "semihosting-attack-"));
  await chmod(hostDir, 0o777);
  await writeFile(path.join(hostDir, "secret.txt"), `${SECRET}\n`, { mode: 0o644 });
});
afterAll(async () => {
  await cleanUpFirmware();
  await rm(hostDir, { recursive: true, force: true });
});

const run = async (main: string) =>
  runNode({
    board: getBoard("lm3s6965evb")!,
    image: await lm3sFirmware(`${SEMIHOSTING_C}\n${main}`),
    mode: "check",
    durationMs: 2000,
    wallLimitMs: 30_000,
  });

describe("semihosting attacks reach nothing of the host", () => {
  it("SYS_OPEN + SYS_READ of a host file: the open fails, none of the file comes out", async () => {
    const secret = path.join(hostDir, "secret.txt");
    const result = await run(`int main(void) {
  static char buffer[128];
  static int open_args[3];
  static int read_args[3];
  open_args[0] = (int)${cString(secret)};
  open_args[1] = 0; /* "r" */
  open_args[2] = ${secret.length};
  int handle = semihost(0x01, open_args);
  print_int("open=", handle);
  read_args[0] = handle;
  read_args[1] = (int)buffer;
  read_args[2] = sizeof buffer - 1;
  int left = semihost(0x06, read_args);
  print_int("read-left=", left);
  print(buffer);
  exit_with(0);
  return 0;
}
`);
    expect(result.console).toContain("open=-1");
    expect(result.console).not.toContain(SECRET);
    expect(result.status).toBe("passed");
  });

  it("SYS_OPEN + SYS_WRITE to create a host file: no file appears on the host", async () => {
    const target = path.join(hostDir, "created-by-firmware.txt");
    const result = await run(`int main(void) {
  static int open_args[3];
  static int write_args[3];
  static const char text[] = "written by firmware";
  open_args[0] = (int)${cString(target)};
  open_args[1] = 4; /* "w" */
  open_args[2] = ${target.length};
  int handle = semihost(0x01, open_args);
  print_int("open=", handle);
  write_args[0] = handle;
  write_args[1] = (int)text;
  write_args[2] = sizeof text - 1;
  print_int("write-left=", semihost(0x05, write_args));
  exit_with(0);
  return 0;
}
`);
    // The sandbox's own /tmp is a private tmpfs: even a successful open would create nothing on the host.
    expect(result.console).toMatch(/open=-?\d+/);
    expect(existsSync(target)).toBe(false);
  });

  it("SYS_SYSTEM to run a host command: the command does not run", async () => {
    const marker = path.join(hostDir, "marker");
    const command = `touch ${marker}`;
    const result = await run(`int main(void) {
  static int args[2];
  args[0] = (int)${cString(command)};
  args[1] = ${command.length};
  print("calling system\\n");
  print_int("system=", semihost(0x12, args));
  exit_with(0);
  return 0;
}
`);
    expect(result.console).toContain("calling system");
    expect(existsSync(marker)).toBe(false);
    // QEMU's seccomp filter (spawn=deny) kills QEMU at the fork: a crash, reported as such and never a success.
    expect(result.status).toBe("failed");
    expect(result.reason).toMatch(/^exit \d+$/);
  });
});
