import { accessSync, constants } from "node:fs";
import path from "node:path";

const found = new Map<string, string | null>();

/** Absolute path of a host executable, looked up once: the sandbox spawns with an empty environment, so no PATH search. */
export function findExecutable(name: string): string | null {
  const cached = found.get(name);
  if (cached !== undefined) return cached;
  const dirs = [...(process.env.PATH ?? "").split(path.delimiter), "/usr/bin", "/bin", "/usr/sbin", "/sbin"];
  let result: string | null = null;
  for (const dir of dirs) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      result = candidate;
      break;
    } catch {
      // not here
    }
  }
  found.set(name, result);
  return result;
}

/** Forgets a lookup, so installing a tool while the worker runs is picked up after a failure. */
export function forgetExecutable(name: string): void {
  found.delete(name);
}
