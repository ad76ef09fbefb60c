import { type ChildProcess, execFile, spawn } from "node:child_process";
import { chmod, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requiredTool } from "../../../test/support/required-tool";
import { renderUserData, writtenFile } from "./render-user-data";

const run = promisify(execFile);
const tools = ["terraform", "mosquitto", "mosquitto_passwd", "mosquitto_pub", "mosquitto_sub", "openssl", "bash"];
const paths = Object.fromEntries(tools.map((tool) => [tool, requiredTool(tool)]));
const SWARM = "greenhouse";
const NODES = { "temp-1": "temp-1-password-xyz", "fan-ctl": "fan-ctl-password-xyz" };

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitForPort(port: number, broker: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (broker.exitCode !== null) throw new Error(`mosquitto exited with status ${broker.exitCode}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1", () => resolve(true)).on("error", () => resolve(false));
      socket.unref();
      setTimeout(() => socket.destroy(), 200);
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`mosquitto did not listen on ${port}`);
}

/**
 * The broker the user data sets up, run here for real: the mosquitto.conf and ACL it writes, its password lines
 * hashed by mosquitto_passwd -U, and certificates made by its own openssl commands, with only the paths and ports
 * moved into a temporary directory. Clients are the real mosquitto_pub/mosquitto_sub.
 */
describe(`the user data's Mosquitto set-up (with ${tools.join(", ")})`, () => {
  let dir = "";
  let broker: ChildProcess | undefined;
  const ports = { local: 0, tls: 0, wss: 0, localWs: 0 };

  beforeAll(async () => {
    const file = await renderUserData(paths.terraform, {
      swarm_id: SWARM,
      server_ip: "127.0.0.1",
      node_credentials: NODES,
      aggregator_token: "aggregator-token-0123456789abcdef",
      aggregator_package: "swarm-aggregator@0.1.0",
      node_version: "22.12.0",
      auto_destroy_hours: 0,
      mqtt_tls_port: 8883,
      mqtt_wss_port: 8884,
    });
    dir = path.dirname(file);
    const userData = await readFile(file, "utf8");
    // Readable by the mosquitto user a root-run broker switches to.
    await chmod(dir, 0o755);

    // The certificate section of swarm-setup.sh, run as written inside a tls directory of our own.
    const script = writtenFile(userData, "/usr/local/sbin/swarm-setup.sh").split("\n");
    const from = script.indexOf("cd /etc/swarm/tls") + 1;
    const to = script.indexOf("shred -u ca.key server.csr");
    expect(from > 0 && to > from, "swarm-setup.sh has its certificate section").toBe(true);
    await mkdir(path.join(dir, "tls"));
    const scriptEnv: Record<string, string> = {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      SERVER_IP: "127.0.0.1",
      SWARM_ID: SWARM,
    };
    await run("bash", ["-euo", "pipefail", "-c", script.slice(from, to + 1).join("\n")], {
      cwd: path.join(dir, "tls"),
      env: scriptEnv as NodeJS.ProcessEnv,
    });

    const passwd = path.join(dir, "passwd");
    const credentials = writtenFile(userData, "/etc/swarm/mqtt-credentials");
    await writeFile(passwd, `${credentials}aggregator:aggregator-password-xyz\n`, { mode: 0o644 });
    await run("mosquitto_passwd", ["-U", passwd]);
    await writeFile(path.join(dir, "acl"), writtenFile(userData, "/etc/swarm/mosquitto.acl"));

    Object.assign(ports, { local: await freePort(), tls: await freePort(), wss: await freePort() });
    ports.localWs = await freePort();
    const conf = writtenFile(userData, "/etc/swarm/mosquitto.conf")
      .replace("listener 1883 127.0.0.1", `listener ${ports.local} 127.0.0.1`)
      .replace(/^listener 8883$/m, `listener ${ports.tls} 127.0.0.1`)
      .replace(/^listener 8884$/m, `listener ${ports.wss} 127.0.0.1`)
      .replace("listener 9001 127.0.0.1", `listener ${ports.localWs} 127.0.0.1`)
      .replaceAll("/etc/swarm/tls/", `${dir}/tls/`)
      .replace("/etc/mosquitto/passwd", passwd)
      .replace("/etc/mosquitto/acl", path.join(dir, "acl"));
    await writeFile(path.join(dir, "mosquitto.conf"), `${conf}persistence false\nlog_dest stderr\n`);
    await chmod(path.join(dir, "tls/server.key"), 0o644);

    broker = spawn("mosquitto", ["-c", path.join(dir, "mosquitto.conf")], { stdio: ["ignore", "ignore", "pipe"] });
    await waitForPort(ports.tls, broker);
    await waitForPort(ports.local, broker);
    // The WebSockets listeners parse and listen too (no WebSocket MQTT client is installed to go further).
    await waitForPort(ports.wss, broker);
    await waitForPort(ports.localWs, broker);
  });

  afterAll(async () => {
    broker?.kill("SIGTERM");
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const tls = () => ["-h", "127.0.0.1", "-p", String(ports.tls), "--cafile", path.join(dir, "tls/ca.crt")];
  const publish = (args: string[]) => run("mosquitto_pub", [...args, "-q", "1"]);
  const topic = (node: string, channel: string) => `swarm/${SWARM}/nodes/${node}/${channel}`;

  it("made a CA and a server certificate for the server's IP, and destroyed the CA key", async () => {
    const { stdout } = await run("openssl", ["x509", "-in", path.join(dir, "tls/server.crt"), "-noout", "-text"]);
    expect(stdout).toContain("IP Address:127.0.0.1");
    // What Mbed TLS before 3.5 matches an IP host against (ESP nodes).
    expect(stdout).toContain("DNS:127.0.0.1");
    await expect(readFile(path.join(dir, "tls/ca.key"))).rejects.toThrow(/ENOENT/);
    await run("openssl", ["verify", "-CAfile", path.join(dir, "tls/ca.crt"), path.join(dir, "tls/server.crt")]);
  });

  it("refuses anonymous clients and wrong passwords over TLS", async () => {
    await expect(publish([...tls(), "-t", topic("temp-1", "telemetry"), "-m", "{}"])).rejects.toMatchObject({
      stderr: expect.stringMatching(/not authori[sz]ed/i),
    });
    const wrong = [...tls(), "-u", "temp-1", "-P", "not-the-password", "-t", topic("temp-1", "telemetry"), "-m", "{}"];
    await expect(publish(wrong)).rejects.toMatchObject({ stderr: expect.stringMatching(/not authori[sz]ed/i) });
  });

  it("delivers a node's own telemetry over TLS to the aggregator, and drops what it sends as another node", async () => {
    const received = run("mosquitto_sub", [
      ...["-h", "127.0.0.1", "-p", String(ports.local), "-u", "aggregator", "-P", "aggregator-password-xyz"],
      ...["-t", `swarm/${SWARM}/#`, "-C", "1", "-v", "-W", "20"],
    ]);
    // Give the subscription time to be in place: mosquitto_sub has no "subscribed" signal to wait for.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const asTemp = [...tls(), "-u", "temp-1", "-P", NODES["temp-1"]];
    // Forged first: had the ACL let it through, it would be the one message the subscriber takes.
    await publish([...asTemp, "-t", topic("fan-ctl", "telemetry"), "-m", '{"forged":true}']);
    await publish([...asTemp, "-t", topic("temp-1", "telemetry"), "-m", '{"t":21.5}']);
    const { stdout } = await received;
    expect(stdout.trim()).toBe(`${topic("temp-1", "telemetry")} {"t":21.5}`);
  });
});
