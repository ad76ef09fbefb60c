import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * A 32-byte key from an environment variable (hashed, so any passphrase works; needed when several app
 * instances share PostgreSQL) or from a file generated once in DATA_DIR with mode 600.
 */
export function keyFromEnvOrFile(envVar: string, fileName: string): Buffer {
  const fromEnv = process.env[envVar];
  if (fromEnv) return createHash("sha256").update(fromEnv).digest();
  const file = path.resolve(process.env.DATA_DIR || ".data", fileName);
  try {
    return Buffer.from(readFileSync(file, "utf8").trim(), "hex");
  } catch {
    mkdirSync(path.dirname(file), { recursive: true });
    const key = randomBytes(32);
    try {
      writeFileSync(file, key.toString("hex"), { mode: 0o600, flag: "wx" });
      return key;
    } catch {
      // Another process created it first: use theirs.
      return Buffer.from(readFileSync(file, "utf8").trim(), "hex");
    }
  }
}
