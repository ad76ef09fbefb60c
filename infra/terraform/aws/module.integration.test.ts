import { execFile } from "node:child_process";
import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { requiredTool } from "../../../test/support/required-tool";
import { renderUserData, terraformEnv, writtenFile } from "./render-user-data";

const run = promisify(execFile);
const moduleDir = path.dirname(fileURLToPath(import.meta.url));
const terraformRoot = path.resolve(moduleDir, "..");
const terraform = requiredTool("terraform");
const cloudInit = requiredTool("cloud-init");
const NODE_PASSWORD = `p@ss"word'with$quotes`;
const TOKEN = "aggregator-token-0123456789abcdef";
const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

async function render(autoDestroyHours: number): Promise<string> {
  const file = await renderUserData(terraform, {
    swarm_id: "greenhouse",
    server_ip: "203.0.113.10",
    node_credentials: { "temp-1": NODE_PASSWORD, "fan-ctl": "second-password-123" },
    aggregator_token: TOKEN,
    aggregator_package: "https://apps.example.test/swarm-aggregator-0.1.0.tgz",
    node_version: "22.12.0",
    auto_destroy_hours: autoDestroyHours,
    mqtt_tls_port: 8883,
    mqtt_wss_port: 8884,
  });
  dirs.push(path.dirname(file));
  return file;
}

async function schemaCheck(file: string): Promise<{ ok: boolean; output: string }> {
  try {
    const { stdout, stderr } = await run(cloudInit, ["schema", "--config-file", file]);
    return { ok: true, output: stdout + stderr };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${failed.stdout ?? ""}${failed.stderr ?? ""}` };
  }
}

describe("the AWS module with the real terraform binary", () => {
  it("is formatted (terraform fmt -check -recursive infra/terraform)", async () => {
    const result = await run(terraform, ["fmt", "-check", "-recursive", "-no-color", terraformRoot], {
      env: terraformEnv as NodeJS.ProcessEnv,
    }).catch((error: { stdout: string; code: number }) => error);
    expect("code" in result ? result.stdout : "", "files terraform fmt would change").toBe("");
  });

  it("renders user data with every value in place and the auto-destroy timer only when asked for", async () => {
    const withTimer = await readFile(await render(6), "utf8");
    expect(withTimer.startsWith("#cloud-config\n")).toBe(true);
    // Passwords go in JSON-escaped, which YAML reads back verbatim.
    expect(writtenFile(withTimer, "/etc/swarm/mqtt-credentials")).toBe(
      `fan-ctl:second-password-123\ntemp-1:${NODE_PASSWORD}\n`,
    );
    expect(withTimer).toContain("allow_anonymous false");
    expect(withTimer).toContain("pattern write swarm/greenhouse/nodes/%u/telemetry");
    expect(withTimer).toContain("ExecStart=/usr/local/bin/node dist/main.js");
    for (const name of ["AGGREGATOR_DATABASE_URL", "AGGREGATOR_TOKEN", "MQTT_URL", "SWARM_ID"]) {
      expect(withTimer).toContain(`${name}=`);
    }
    expect(withTimer).toContain("subjectAltName=IP:%s,DNS:%s");
    expect(withTimer).toContain("OnBootSec=6h");
    expect(withTimer).toContain("[systemctl, enable, --now, swarm-auto-destroy.timer]");

    // The setup script parses, and reads back its settings exactly as given.
    const script = writtenFile(withTimer, "/usr/local/sbin/swarm-setup.sh");
    await run("bash", ["-n", "-c", script]);
    const settings = writtenFile(withTimer, "/etc/swarm/settings");
    const { stdout } = await run("bash", [
      "-c",
      `${settings}\nprintf '%s|%s|%s' "$SERVER_IP" "$SWARM_ID" "$AGGREGATOR_PACKAGE"`,
    ]);
    expect(stdout).toBe("203.0.113.10|greenhouse|https://apps.example.test/swarm-aggregator-0.1.0.tgz");

    const withoutTimer = await readFile(await render(0), "utf8");
    expect(withoutTimer).not.toContain("swarm-auto-destroy");
  });

  it("passes cloud-init's own schema check (needs Debian's cloud-init: apt-get install -y --no-install-recommends cloud-init)", async () => {
    for (const hours of [0, 6]) {
      const check = await schemaCheck(await render(hours));
      expect(check.ok, `cloud-init schema for auto_destroy_hours=${hours}`).toBe(true);
      expect(check.output).toMatch(/Valid cloud-config/);
      // The check's own report names the file, never the secrets in it.
      expect(check.output).not.toContain(TOKEN);
    }
    // The same check fails a broken config, so a pass above means something.
    const broken = path.join(dirs[0], "broken.yaml");
    await writeFile(broken, "#cloud-config\npackages: 5\nwrite_files:\n  - content: no path\n");
    const check = await schemaCheck(broken);
    expect(check.ok).toBe(false);
    expect(check.output).toMatch(/schema errors: packages: 5 is not of type .array./);
  });
});
