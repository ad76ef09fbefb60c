import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { keyFromEnvOrFile } from "../auth/key-file";

/**
 * Project secrets are stored AES-256-GCM encrypted. The key comes from SECRETS_KEY (needed when
 * several app instances share PostgreSQL) or a key file generated once in DATA_DIR.
 */
const secretsKey = () => keyFromEnvOrFile("SECRETS_KEY", "secrets-key");

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
