import { createHash, randomBytes, scrypt, timingSafeEqual } from "node:crypto";
import type { Sql } from "./types";

/** `node` may speak only as itself; `gateway` (a serial bridge, the simulator) publishes for any node of its swarm. */
export type CredentialRole = "node" | "gateway";

const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, KEY_LENGTH, { N: 16384, r: 8, p: 1 }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  return `scrypt$${salt.toString("base64")}$${(await derive(password, salt)).toString("base64")}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64");
  const actual = await derive(password, Buffer.from(salt, "base64"));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A password for a node, generated at deploy time: 24 random bytes, URL-safe, no colon (mosquitto_passwd). */
export function generatePassword(): string {
  return randomBytes(24).toString("base64url");
}

/** Node passwords stored hashed (scrypt) in aggregator_credential. */
export class CredentialStore {
  /** Stored hash -> sha256 of the password last verified against it, so a reconnect skips scrypt. */
  private readonly verified = new Map<string, string>();

  constructor(private readonly sql: Sql) {}

  async set(swarmId: string, nodeId: string, password: string, role: CredentialRole = "node"): Promise<void> {
    if (password.length < 12) throw new Error("a node password must be at least 12 characters");
    await this.sql.query(
      `INSERT INTO aggregator_credential (swarm_id, node_id, role, password_hash) VALUES ($1, $2, $3, $4)
       ON CONFLICT (swarm_id, node_id) DO UPDATE SET role = EXCLUDED.role, password_hash = EXCLUDED.password_hash,
         created_at = now()`,
      [swarmId, nodeId, role, await hashPassword(password)],
    );
  }

  async remove(swarmId: string, nodeId: string): Promise<void> {
    await this.sql.query("DELETE FROM aggregator_credential WHERE swarm_id = $1 AND node_id = $2", [swarmId, nodeId]);
  }

  /** The role of a valid node id and password, or null. */
  async check(swarmId: string, nodeId: string, password: string): Promise<CredentialRole | null> {
    const rows = await this.sql.query<{ role: CredentialRole; password_hash: string }>(
      "SELECT role, password_hash FROM aggregator_credential WHERE swarm_id = $1 AND node_id = $2",
      [swarmId, nodeId],
    );
    const row = rows[0];
    if (!row) return null;
    const digest = createHash("sha256").update(password).digest("base64");
    if (this.verified.get(row.password_hash) === digest) return row.role;
    if (!(await verifyPassword(password, row.password_hash))) return null;
    this.verified.set(row.password_hash, digest);
    return row.role;
  }
}
