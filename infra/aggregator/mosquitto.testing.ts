/** A real Mosquitto for the integration tests: loopback port, password file, the swarm ACL, persistence on disk. */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { freePort } from "../../test/support/free-port";

const run = promisify(execFile);

export interface TestMosquitto {
  port: number;
  url: string;
  /** The running broker's process id (the benchmark reads its CPU time), null while it is stopped. */
  readonly pid: number | null;
  /** SIGTERM (Mosquitto saves its persistence file), then the same config on the same port. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** `gateways` are users allowed to publish telemetry for every node of the swarm (the benchmark's load generators). */
export async function startMosquitto(
  swarmId: string,
  users: Record<string, string>,
  gateways: string[] = [],
): Promise<TestMosquitto> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "aggregator-mosquitto-"));
  // Run as root, Mosquitto switches to the `mosquitto` user, which must read the files and write its database.
  await chmod(dir, 0o777);
  const passwd = path.join(dir, "passwd");
  await writeFile(passwd, "", { mode: 0o644 });
  for (const [user, password] of Object.entries(users)) await run("mosquitto_passwd", ["-b", passwd, user, password]);
  await chmod(passwd, 0o644);
  // The ACL of infra/terraform/aws (cloud-init.yaml.tftpl): the aggregator reads and writes the swarm, a node only
  // speaks as itself.
  await writeFile(
    path.join(dir, "acl"),
    [
      "user aggregator",
      `topic readwrite swarm/${swarmId}/#`,
      `pattern write swarm/${swarmId}/nodes/%u/telemetry`,
      `pattern write swarm/${swarmId}/nodes/%u/events`,
      `pattern read swarm/${swarmId}/nodes/%u/command`,
      ...gateways.flatMap((user) => [`user ${user}`, `topic write swarm/${swarmId}/nodes/+/telemetry`]),
      "",
    ].join("\n"),
    { mode: 0o644 },
  );
  const port = await freePort();
  const conf = path.join(dir, "mosquitto.conf");
  await writeFile(
    conf,
    [
      "per_listener_settings false",
      "allow_anonymous false",
      `password_file ${passwd}`,
      `acl_file ${path.join(dir, "acl")}`,
      `listener ${port} 127.0.0.1`,
      // The aggregator's session and its queued QoS 1 messages survive a restart only with persistence.
      "persistence true",
      `persistence_location ${dir}/`,
      // The default queue of 1000 messages per offline client would drop data while the aggregator reconnects.
      "max_queued_messages 1000000",
      // The default of 20 unacknowledged QoS 1 messages towards a (MQTT 3.1.1) client caps the aggregator's intake at
      // 20 per round trip; it acknowledges each message as soon as it is buffered, so a wider window is safe.
      "max_inflight_messages 1000",
      "log_dest stderr",
      "",
    ].join("\n"),
    { mode: 0o644 },
  );

  let broker: ChildProcess | null = null;
  let stderr = "";
  const launch = async () => {
    const child = spawn("mosquitto", ["-c", conf], { stdio: ["ignore", "ignore", "pipe"] });
    child.stderr?.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    broker = child;
    await waitForPort(port, child, () => stderr);
  };
  const halt = async () => {
    const child = broker;
    broker = null;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  };
  await launch();
  return {
    port,
    url: `mqtt://127.0.0.1:${port}`,
    get pid() {
      return broker?.pid ?? null;
    },
    restart: async () => {
      await halt();
      await launch();
    },
    stop: async () => {
      await halt();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function waitForPort(port: number, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`mosquitto exited with ${child.exitCode}:\n${log()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1", () => {
        socket.destroy();
        resolve(true);
      });
      socket.on("error", () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`mosquitto did not listen on ${port}:\n${log()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
