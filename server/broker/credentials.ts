import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";
import type { PrismaClient } from "../generated/prisma/client";
import type { BrokerIdentity } from "./swarm-broker";

const scrypt = promisify(scryptCallback) as (password: string, salt: Buffer, length: number) => Promise<Buffer>;

/**
 * Issues a broker credential of a project: a bridge for a simulation run (all of the swarm's topics)
 * or one node. Only a salted scrypt hash is stored; the password is shown to its holder once.
 */
export async function issueBrokerCredential(
  prisma: PrismaClient,
  input: { projectId: string; role: "bridge" | "node"; nodeId?: string; ttlMs?: number },
): Promise<{ username: string; password: string }> {
  const username = `${input.role === "bridge" ? "bridge" : input.nodeId}-${randomBytes(6).toString("hex")}`;
  const password = randomBytes(24).toString("base64url");
  const salt = randomBytes(16);
  const hash = await scrypt(password, salt, 32);
  await prisma.brokerCredential.create({
    data: {
      projectId: input.projectId,
      username,
      passwordHash: `${salt.toString("hex")}:${hash.toString("hex")}`,
      role: input.role,
      nodeId: input.nodeId ?? null,
      expiresAt: input.ttlMs ? new Date(Date.now() + input.ttlMs) : null,
    },
  });
  return { username, password };
}

/** The identity a username/password names, or null (unknown, wrong password, expired). */
export async function verifyBrokerCredential(
  prisma: PrismaClient,
  username: string,
  password: string,
): Promise<BrokerIdentity | null> {
  const row = await prisma.brokerCredential.findUnique({ where: { username }, include: { project: true } });
  if (!row || (row.expiresAt && row.expiresAt < new Date())) return null;
  const [salt, expected] = row.passwordHash.split(":");
  const actual = await scrypt(password, Buffer.from(salt, "hex"), 32);
  if (!timingSafeEqual(actual, Buffer.from(expected, "hex"))) return null;
  const swarmId = row.project.slug;
  return row.role === "node" && row.nodeId
    ? { swarmId, role: "node", nodeId: row.nodeId }
    : { swarmId, role: "bridge" };
}
