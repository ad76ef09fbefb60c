import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Project secrets are stored AES-256-GCM encrypted. The key comes from SECRETS_KEY (needed when
 * several app instances share PostgreSQL) or a key file generated once in DATA_DIR.
 */
function secretsKey(): Buffer {
  if (process.env.SECRETS_KEY) return createHash("sha256").update(process.env.SECRETS_KEY).digest();
  const file = path.resolve(process.env.DATA_DIR || ".data", "secrets-key");
  try {
    return Buffer.from(readFileSync(file, "utf8").trim(), "hex");
  } catch {
    mkdirSync(path.dirname(file), { recursive: true });
    const key = randomBytes(32);
    writeFileSync(file, key.toString("hex"), { mode: 0o600, flag: "wx" });
    return key;
  }
}

export function encryptSecret(value: string): Uint8Array<ArrayBuffer> {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", secretsKey(), iv);
  const body = Buffer.concat([cipher.update(value, "utf8"), cipher.final()]);
  return new Uint8Array(Buffer.concat([iv, cipher.getAuthTag(), body]));
}

export function decryptSecret(blob: Uint8Array): string {
  const data = Buffer.from(blob);
  const decipher = createDecipheriv("aes-256-gcm", secretsKey(), data.subarray(0, 12));
  decipher.setAuthTag(data.subarray(12, 28));
  return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString("utf8");
}
