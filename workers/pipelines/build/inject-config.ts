import { escapeCString } from "../../codegen/c-string";
import type { FirmwareFile } from "../../codegen/types";

export { escapeCString };

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
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

export const SECRET_PLACEHOLDERS: readonly Placeholder[] = ["MQTT_USER", "MQTT_PASSWORD", "WIFI_PASSWORD"];

export type ConfigValues = Partial<Record<Placeholder, string>>;

const PATTERN = /\{\{([A-Z_]+)\}\}/g;

export class MissingConfigError extends Error {}

/** Placeholders the sources use, in first-use order. */
export function placeholdersUsed(files: FirmwareFile[]): Placeholder[] {
  const used = new Set<Placeholder>();
  for (const file of files) {
    for (const match of file.content.matchAll(PATTERN)) {
      if ((PLACEHOLDERS as readonly string[]).includes(match[1])) used.add(match[1] as Placeholder);
    }
  }
  return [...used];
}

/**
 * Fills every `{{NAME}}` the sources use with its C-escaped value. A used placeholder without a
 * value is an error before anything is compiled; its message names what to configure, never a value.
 */
export function injectConfig(
  files: FirmwareFile[],
  values: ConfigValues,
  hints: Partial<Record<Placeholder, string>> = {},
) {
  const missing = placeholdersUsed(files).filter((name) => values[name] === undefined);
  if (missing.length > 0) {
    const details = missing.map((name) => `{{${name}}}${hints[name] ? ` (${hints[name]})` : ""}`);
    throw new MissingConfigError(`The firmware needs ${details.join(", ")} but no value is configured.`);
  }
  return files.map((file) => ({
    path: file.path,
    content: file.content.replace(PATTERN, (whole, name: string) => {
      const value = values[name as Placeholder];
      return value === undefined ? whole : escapeCString(value);
    }),
  }));
}

/** Replaces secret values (raw and as injected) in any text that leaves the worker. */
export function createRedactor(values: ConfigValues): (text: string) => string {
  const secrets = SECRET_PLACEHOLDERS.map((name) => values[name])
    .filter((value): value is string => Boolean(value) && value!.length >= 3)
    .flatMap((value) => [value, escapeCString(value)])
    .sort((a, b) => b.length - a.length);
  if (secrets.length === 0) return (text) => text;
  return (text) => secrets.reduce((out, secret) => out.split(secret).join("••••"), text);
}
