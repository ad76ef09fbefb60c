/**
 * Deployment values written into firmware at build time: the sources hold `{{NAME}}` inside C string
 * literals, the worker replaces them with the values the app resolves for the lease holder.
 */
export const PLACEHOLDERS = [
  "SWARM_ID",
  "NODE_ID",
  "MQTT_HOST",
  "MQTT_PORT",
  "MQTT_USER",
  "MQTT_PASSWORD",
  "WIFI_SSID",
  "WIFI_PASSWORD",
  "SERVER_URL",
  /** PEM of the CA that signed the broker's TLS certificate: TLS when set, plain TCP when "". Public. */
  "MQTT_CA_PEM",
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

export const SECRET_PLACEHOLDERS: readonly Placeholder[] = ["MQTT_USER", "MQTT_PASSWORD", "WIFI_PASSWORD"];

export type ConfigValues = Partial<Record<Placeholder, string>>;

/** What the app answers a build job's lease holder: the values, and for each missing one what to configure. */
export interface NodeConfig {
  values: ConfigValues;
  hints: Partial<Record<Placeholder, string>>;
}
