import mqtt, { type MqttClient } from "mqtt";
import { getBoard } from "../../boards";
import { evaluateExpectations } from "../../contracts/expectations-evaluate";
import type { NodeOutcome, SimulateSwarmPayload } from "../../contracts/jobs/simulate-swarm";
import type { NodeRunResult, TimedLine } from "../../contracts/simulate";
import { nodeTopic, parseNodeTopic } from "../../contracts/topics";
import type { JobContext } from "../queue-client/job-context";
import { emulatorFor } from "../emulators";
import { startNode } from "./run-node";

type Node = SimulateSwarmPayload["nodes"][number];
/** How long console lines of a node gather before they go out as one event. */
const CONSOLE_BATCH_MS = 250;
/** Lines kept per node for evaluating its expectations. */
const MAX_KEPT_LINES = 20_000;

/**
 * The simulate stage: every node of the build live at once in its emulator (one job, so worker slots
 * never serialise a swarm), each node's @t/@e records published to the project's broker, and commands
 * from `.../command` written to the node's UART. Ends at the duration or when the run is stopped.
 */
export async function simulateSwarm(ctx: JobContext<"simulate-swarm">): Promise<{ nodes: NodeOutcome[] }> {
  const { payload } = ctx;
  const duration = AbortSignal.timeout(payload.durationMs);
  const signal = AbortSignal.any([ctx.signal, duration]);
  const broker = payload.broker ? await connectBroker(ctx, payload) : null;
  const writers = new Map<string, (text: string) => void>();
  broker?.on("message", (topic, message) => {
    const parts = parseNodeTopic(topic);
    const write = parts && writers.get(parts.nodeId);
    if (!write) return;
    const command = message
      .toString("utf8")
      .replace(/[\r\n]+/g, " ")
      .slice(0, 200);
    ctx.emit("mqtt", { direction: "command", topic, payload: command }, parts.nodeId);
    write(`${command}\n`);
  });
  try {
    const nodes = await Promise.all(
      payload.nodes.map((node) =>
        runOne(ctx, node, { signal, broker, writers, endedByDuration: () => duration.aborted }),
      ),
    );
    return { nodes };
  } finally {
    await broker?.endAsync().catch(() => undefined);
  }
}

async function connectBroker(ctx: JobContext<"simulate-swarm">, payload: SimulateSwarmPayload): Promise<MqttClient> {
  const { url, username, password } = payload.broker!;
  const client = await mqtt
    .connectAsync(url, {
      username,
      password,
      clientId: `sim-${ctx.job.id}`,
      reconnectPeriod: 1_000,
      connectTimeout: 10_000,
    })
    .catch((error: Error) => {
      throw new Error(`The swarm's MQTT broker at ${url} refused or did not answer: ${error.message}`);
    });
  await client.subscribeAsync(`swarm/${payload.swarmId}/nodes/+/command`, { qos: 1 });
  ctx.log(`bridge connected to ${url} as ${username}`);
  return client;
}

interface RunContext {
  signal: AbortSignal;
  broker: MqttClient | null;
  writers: Map<string, (text: string) => void>;
  endedByDuration: () => boolean;
}

async function runOne(ctx: JobContext<"simulate-swarm">, node: Node, run: RunContext): Promise<NodeOutcome> {
  const { payload } = ctx;
  const board = getBoard(node.board);
  const finish = (outcome: NodeOutcome) => {
    ctx.emit("node-status", outcome, node.nodeId);
    return outcome;
  };
  const blank = { nodeId: node.nodeId, lines: 0, firmwareMs: 0, checks: [] };
  if (!board) return finish({ ...blank, status: "unsupported", reason: `unknown board "${node.board}"` });
  // A board no emulator here runs (e.g. ESP without WOKWI_CLI_TOKEN) says so before anything else.
  const diagramNode = { id: node.nodeId, sensors: node.sensors ?? [], actuators: node.actuators ?? [] };
  const choice = emulatorFor(board, { node: diagramNode });
  if (!choice.ok) return finish({ ...blank, status: "unsupported", reason: choice.reason });
  if (!node.image) return finish({ ...blank, status: "unsupported", reason: "no built image: build this node first" });

  ctx.emit("node-status", { status: "booting" }, node.nodeId);
  const image = await ctx.api.image(ctx.job.id, node.image.sha256);
  const lines: TimedLine[] = [];
  const pending: { firmwareMs: number; raw: string }[] = [];
  const flush = () => {
    if (pending.length > 0) ctx.emit("console", { lines: pending.splice(0) }, node.nodeId);
  };
  const timer = setInterval(flush, CONSOLE_BATCH_MS);
  let running = false;
  const started = startNode({
    board,
    node: diagramNode,
    image,
    mode: "live",
    durationMs: payload.durationMs,
    wallLimitMs: payload.durationMs + 30_000,
    signal: run.signal,
    onLine: (timed) => {
      if (!running) {
        running = true;
        ctx.emit("node-status", { status: "running" }, node.nodeId);
      }
      if (lines.length < MAX_KEPT_LINES) lines.push(timed);
      pending.push({ firmwareMs: timed.firmwareMs, raw: timed.line.raw });
    },
    onRecord: ({ kind, record }) => {
      const topic = nodeTopic(payload.swarmId, node.nodeId, kind === "telemetry" ? "telemetry" : "events");
      const body = JSON.stringify(record);
      run.broker?.publish(topic, body, { qos: 1 });
      if (run.broker) ctx.emit("mqtt", { direction: "publish", topic, payload: body }, node.nodeId);
    },
  });
  run.writers.set(node.nodeId, started.write);
  const result = await started.done;
  run.writers.delete(node.nodeId);
  clearInterval(timer);
  flush();
  return finish(outcomeOf(node, result, lines, run.endedByDuration()));
}

/** A live run that lasted its whole duration passes when its expectations do; a stop by the user is "stopped". */
function outcomeOf(node: Node, result: NodeRunResult, lines: TimedLine[], endedByDuration: boolean): NodeOutcome {
  const base = {
    nodeId: node.nodeId,
    lines: result.lines,
    firmwareMs: result.firmwareMs,
    ...(result.reason ? { reason: result.reason } : {}),
    ...(result.detail ? { detail: result.detail } : {}),
    ...(result.approximateMachine ? { approximateMachine: result.approximateMachine } : {}),
    ...(result.emulator ? { emulator: result.emulator } : {}),
  };
  if (result.status === "unsupported") return { ...base, status: "unsupported", checks: [] };
  const checks = evaluateExpectations(node.expect, lines);
  if (result.status === "failed") return { ...base, status: "failed", checks };
  if (result.status === "stopped" && !endedByDuration) return { ...base, status: "stopped", checks };
  // A live node that went quiet for several telemetry intervals before the end hangs: red as "timeout".
  const silentMs = result.firmwareMs - (lines.at(-1)?.firmwareMs ?? 0);
  const quietLimitMs = Math.max(5_000, 3 * (node.intervalMs ?? 1_000));
  if (result.status === "stopped" && silentMs > quietLimitMs) {
    const detail = `no output for the last ${Math.round(silentMs / 1000)} s of firmware time: the firmware hangs`;
    return { ...base, status: "failed", reason: "timeout", detail, checks };
  }
  const failed = checks.filter((check) => !check.passed).length;
  if (failed === 0) return { ...base, status: "passed", checks };
  return {
    ...base,
    status: "failed",
    reason: "expectations",
    detail: `${failed} of ${checks.length} expectations failed`,
    checks,
  };
}
