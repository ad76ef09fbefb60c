import { z } from "zod";
import { getBoard } from "../../boards";
import type { Capability } from "../../boards/schema";
import { sha256Schema } from "../artifacts";
import { nodeSchema } from "../spec/schema";
import { defineJobKind } from "./define";
import { logEvent } from "./events";

/** Where the swarm's nodes publish: the project's broker, with a credential for this run only. */
export const brokerAccessSchema = z.object({
  url: z.string(),
  username: z.string(),
  password: z.string(),
});

export const simulatedNodeSchema = z.object({
  nodeId: z.string(),
  board: z.string(),
  expect: z.array(z.string()),
  /** The node's telemetry interval: a live node silent for several of them is reported as hanging. */
  intervalMs: z.number().int().positive().optional(),
  /** Sensors and actuators, for emulators that wire parts to the board (Wokwi's diagram.json). */
  sensors: nodeSchema.shape.sensors.optional(),
  actuators: nodeSchema.shape.actuators.optional(),
  /** The node's built image (an ELF where there is one); null when its build has none. */
  image: z.object({ kind: z.enum(["elf", "bin", "hex"]), sha256: sha256Schema }).nullable(),
});

export const simulateSwarmPayloadSchema = z.object({
  projectId: z.string(),
  swarmId: z.string(),
  buildId: z.string(),
  /** Firmware time paced to the wall clock; the run ends after this long or on simulate.stop. */
  durationMs: z.number().int().min(1_000).max(3_600_000),
  nodes: z.array(simulatedNodeSchema).min(1).max(64),
  /** Null: no broker configured, the nodes still run and their records stay in the run's log. */
  broker: brokerAccessSchema.nullable(),
});
export type SimulateSwarmPayload = z.infer<typeof simulateSwarmPayloadSchema>;

/** What a node of the run is doing, as the Simulate stage shows it. */
export const simulatedNodeStatuses = ["booting", "running", "passed", "failed", "unsupported", "stopped"] as const;
export type SimulatedNodeStatus = (typeof simulatedNodeStatuses)[number];

export const checkResultSchema = z.object({ item: z.string(), passed: z.boolean(), evidence: z.string() });

export const nodeOutcomeSchema = z.object({
  nodeId: z.string(),
  status: z.enum(simulatedNodeStatuses),
  reason: z.string().optional(),
  detail: z.string().optional(),
  approximateMachine: z.string().optional(),
  emulator: z.string().optional(),
  lines: z.number().int(),
  firmwareMs: z.number(),
  checks: z.array(checkResultSchema),
});
export type NodeOutcome = z.infer<typeof nodeOutcomeSchema>;

export const simulateSwarmEventSchema = z.discriminatedUnion("type", [
  logEvent,
  z.object({
    type: z.literal("node-status"),
    data: nodeOutcomeSchema.partial().extend({ status: z.enum(simulatedNodeStatuses) }),
  }),
  /** Console lines of one node (the event's nodeId), batched. */
  z.object({
    type: z.literal("console"),
    data: z.object({ lines: z.array(z.object({ firmwareMs: z.number(), raw: z.string() })) }),
  }),
  z.object({ type: z.literal("checks"), data: z.object({ checks: z.array(checkResultSchema) }) }),
  /** MQTT traffic of the bridge: a node's record published, or a command delivered to a node's UART. */
  z.object({
    type: z.literal("mqtt"),
    data: z.object({ direction: z.enum(["publish", "command"]), topic: z.string(), payload: z.string() }),
  }),
]);
export type SimulateSwarmEvent = z.infer<typeof simulateSwarmEventSchema>;

/** Every node of a swarm, live at once, in its emulator, bridged to the project's MQTT broker. */
export const simulateSwarmJob = defineJobKind({
  payload: simulateSwarmPayloadSchema,
  result: z.object({ nodes: z.array(nodeOutcomeSchema) }),
  event: simulateSwarmEventSchema,
  requires: (payload) => {
    const needs = new Set<Capability>();
    for (const node of payload.nodes) {
      const capability = getBoard(node.board)?.emulator?.capability;
      if (capability && node.image) needs.add(capability);
    }
    return [...needs];
  },
  // A swarm run is live and watched: a lost worker is reported, not silently rerun.
  maxAttempts: 1,
});
