import { escapeCString } from "../codegen/c-string";
import type { FirmwareFile } from "../codegen/types";
import { PLACEHOLDERS, SECRET_PLACEHOLDERS, type ConfigValues, type Placeholder } from "../../contracts/node-config";

export { escapeCString, PLACEHOLDERS, SECRET_PLACEHOLDERS, type ConfigValues, type Placeholder };

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
