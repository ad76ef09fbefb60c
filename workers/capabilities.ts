import { execFile } from "node:child_process";
import type { CapabilityInfo } from "../contracts/worker-api";

export interface ToolProbe {
  /** Capability name jobs ask for (see boards/schema.ts `capabilitySchema`), or a tool name. */
  name: string;
  command: string;
  args: string[];
}

/** What a worker can run. `sandbox` and `mosquitto` are reported for diagnostics, not required by jobs yet. */
export const toolProbes: ToolProbe[] = [
  { name: "arm-gcc", command: "arm-none-eabi-gcc", args: ["--version"] },
  { name: "avr-gcc", command: "avr-gcc", args: ["--version"] },
  { name: "esp-idf", command: "idf.py", args: ["--version"] },
  { name: "qemu-arm", command: "qemu-system-arm", args: ["--version"] },
  { name: "qemu-avr", command: "qemu-system-avr", args: ["--version"] },
  { name: "terraform", command: "terraform", args: ["version"] },
  { name: "sandbox", command: "bwrap", args: ["--version"] },
  { name: "mosquitto", command: "mosquitto", args: ["-h"] },
];

export interface ProbeResult {
  probe: ToolProbe;
  ok: boolean;
  version: string;
  output: string;
  durationMs: number;
}

const toolEnv = () => {
  // Terraform reads a CLI config from TF_CLI_CONFIG_FILE and phones home unless told not to.
  const { TF_CLI_CONFIG_FILE: _ignored, ...env } = process.env;
  return { ...env, CHECKPOINT_DISABLE: "1" };
};

export function runProbe(probe: ToolProbe, timeoutMs = 10_000): Promise<ProbeResult> {
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(probe.command, probe.args, { timeout: timeoutMs, env: toolEnv() }, (error, stdout, stderr) => {
      const output = `${stdout}${stderr}`.trim();
      const missing = (error as NodeJS.ErrnoException | null)?.code === "ENOENT";
      // `mosquitto -h` prints its version and exits 3; any answer that names a version counts.
      const version =
        output
          .split("\n")
          .find((line) => /\d+\.\d+/.test(line))
          ?.trim() ?? "";
      resolve({
        probe,
        ok: !missing && version !== "",
        version: missing ? "not installed" : version || (error?.message ?? "no version printed"),
        output: output.slice(0, 4000),
        durationMs: Math.round(performance.now() - started),
      });
    });
  });
}

/** rp2040js runs inside the worker: it is there whenever the package loads. */
async function inProcessCapabilities(): Promise<CapabilityInfo[]> {
  try {
    await import("rp2040js");
    return [{ name: "rp2040js", version: "rp2040js (in the worker process)" }];
  } catch {
    return [];
  }
}

export async function probeCapabilities(): Promise<CapabilityInfo[]> {
  const results = await Promise.all(toolProbes.map((probe) => runProbe(probe)));
  return [
    ...results
      .filter((result) => result.ok)
      .map((result) => ({ name: result.probe.name, version: result.version, path: result.probe.command })),
    ...(await inProcessCapabilities()),
  ];
}
