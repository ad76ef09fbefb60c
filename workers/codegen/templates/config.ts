/**
 * config.h: the node's build-time configuration. Every `{{NAME}}` placeholder sits alone inside a C
 * string literal; the build replaces it with the C-escaped value (workers/pipelines/build/inject-config).
 */
import { cString, source } from "./c";
import type { NodeModel } from "./model";

const NETWORK_PLACEHOLDERS = [
  ["WIFI_SSID", "Wi-Fi network name"],
  ["WIFI_PASSWORD", "Wi-Fi password"],
  ["MQTT_HOST", 'broker host name or address (or a URI such as "mqtt://host:1883")'],
  ["MQTT_PORT", "broker TCP port, parsed at run time (1883 when empty or invalid)"],
  ["MQTT_USER", "broker user name (no authentication when empty)"],
  ["MQTT_PASSWORD", "broker password"],
  ["MQTT_CA_PEM", "PEM of the CA the broker's TLS certificate chains to (TLS when set, plain TCP when empty)"],
  ["SERVER_URL", "aggregation server base URL (for logs and future OTA)"],
] as const;

export function configHeader(model: NodeModel, network: boolean): string {
  const { node, board } = model;
  return source([
    "/* config.h: build configuration of this node. Values in {{...}} are filled in by the build. */",
    "#ifndef CONFIG_H",
    "#define CONFIG_H",
    "",
    '#define SWARM_ID "{{SWARM_ID}}"',
    '#define NODE_ID "{{NODE_ID}}"',
    `#define BOARD_ID ${cString(board.id)}`,
    "",
    "/* telemetry.intervalMs from the spec. */",
    `#define SAMPLE_INTERVAL_MS ${node.telemetry.intervalMs}u`,
    ...(network
      ? [
          "",
          ...NETWORK_PLACEHOLDERS.flatMap(([name, what]) => [`/* ${what} */`, `#define ${name} "{{${name}}}"`]),
          "",
          "/* MQTT topics of the node line protocol (the aggregator parses exactly these). */",
          '#define TOPIC_PREFIX "swarm/" SWARM_ID "/nodes/" NODE_ID',
          '#define TOPIC_TELEMETRY TOPIC_PREFIX "/telemetry"',
          '#define TOPIC_EVENTS TOPIC_PREFIX "/events"',
          '#define TOPIC_COMMAND TOPIC_PREFIX "/command"',
        ]
      : []),
    "",
    "#endif",
  ]);
}
