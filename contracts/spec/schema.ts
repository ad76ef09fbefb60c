import { z } from "zod";

export const SPEC_VERSION = 1;

/** Node ids name MQTT topics (`swarm/{swarmId}/nodes/{nodeId}/...`), so they are slugs. */
export const slugSchema = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-]{0,39}$/,
    "use 1-40 lower-case letters, digits and dashes, starting with a letter or digit",
  );

/** A secret is referenced by name (stored encrypted per project), never written into the spec. */
export const secretRefSchema = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]{0,63}$/, "a secret name in UPPER_SNAKE_CASE, e.g. WIFI_PASSWORD");

const identifierSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,31}$/, "use lower-case letters, digits and _ (a C identifier)");

export const sensorSchema = z.strictObject({
  id: identifierSchema,
  type: z.string().min(1).max(40),
  model: z.string().max(40).optional(),
  pin: z.string().max(20).optional(),
  unit: z.string().max(12).optional(),
});

export const actuatorSchema = z.strictObject({
  id: identifierSchema,
  type: z.string().min(1).max(40),
  pin: z.string().max(20).optional(),
});

export const nodeSchema = z.strictObject({
  id: slugSchema,
  name: z.string().min(1).max(80),
  board: z.string().min(1),
  role: z.enum(["sensor", "actuator", "gateway"]),
  behavior: z.string().max(4000),
  sensors: z.array(sensorSchema).max(16).default([]),
  actuators: z.array(actuatorSchema).max(16).default([]),
  telemetry: z.strictObject({
    intervalMs: z.number().int().min(100).max(86_400_000),
    fields: z.array(identifierSchema).max(32),
  }),
  /** Checks the simulator applies to the node's console output, e.g. "@t temperature". */
  expect: z.array(z.string().min(1).max(200)).max(32).default([]),
  position: z.strictObject({ x: z.number().finite(), y: z.number().finite() }),
});

const wifiSchema = z.strictObject(
  { ssid: z.string().min(1).max(32), passwordSecret: secretRefSchema.optional() },
  { error: (issue) => unknownKeyMessage(issue) },
);

const mqttSchema = z.strictObject(
  {
    host: z.string().max(253).optional(),
    port: z.number().int().min(1).max(65535).optional(),
    usernameSecret: secretRefSchema.optional(),
    passwordSecret: secretRefSchema.optional(),
    tls: z.boolean().optional(),
  },
  { error: (issue) => unknownKeyMessage(issue) },
);

export const ruleSchema = z.strictObject({
  when: z.string().min(1).max(300),
  then: z.string().min(1).max(300),
});

/** Links drawn on the device map: which node's data flows to which (e.g. sensor -> gateway). */
export const linkSchema = z.strictObject({ from: slugSchema, to: slugSchema });

export const systemSpecSchema = z.strictObject({
  version: z.literal(SPEC_VERSION),
  name: z.string().min(1).max(120),
  description: z.string().max(4000).default(""),
  network: z.strictObject({ wifi: wifiSchema.optional(), mqtt: mqttSchema.optional() }).default({}),
  nodes: z.array(nodeSchema).max(64),
  links: z.array(linkSchema).max(256).default([]),
  rules: z.array(ruleSchema).max(64).default([]),
});

export type SystemSpec = z.infer<typeof systemSpecSchema>;
export type SpecNode = z.infer<typeof nodeSchema>;
export type SpecInput = z.input<typeof systemSpecSchema>;

function unknownKeyMessage(issue: { code?: string; keys?: string[] }) {
  if (issue.code === "unrecognized_keys" && issue.keys?.some((key) => /password|secret|token|key/i.test(key))) {
    return "secret values don't belong in the spec: save them as project secrets and reference them by name (e.g. passwordSecret)";
  }
  return undefined;
}

export function emptySpec(name: string): SystemSpec {
  return { version: SPEC_VERSION, name, description: "", network: {}, nodes: [], links: [], rules: [] };
}
