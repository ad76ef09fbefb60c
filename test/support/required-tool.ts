import { findExecutable } from "../../workers/sandbox/host-tools";

const HOW: Record<string, string> = {
  terraform: "terraform is not in Debian's archive; these machines have it on PATH (install it from HashiCorp)",
  "cloud-init": "npm test installs it (apt-get install -y --no-install-recommends cloud-init)",
  stm32flash: "npm test installs it (apt-get install -y --no-install-recommends stm32flash)",
  socat: "npm test installs it (apt-get install -y --no-install-recommends socat)",
  openssl: "npm test installs it (apt-get install -y --no-install-recommends openssl)",
};

/**
 * The path of a tool a test runs for real. A missing tool fails the test file with how to install it:
 * a real-parts test is never skipped quietly.
 */
export function requiredTool(name: string): string {
  const found = findExecutable(name);
  if (!found) throw new Error(`${name} is not on PATH: ${HOW[name] ?? "npm test installs the tools the tests need"}`);
  return found;
}
