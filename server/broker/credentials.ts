import { randomBytes } from "node:crypto";
import { generatePassword, hashPassword, verifyPassword } from "../../infra/aggregator/credentials";
import type { PrismaClient } from "../generated/prisma/client";
import type { BrokerIdentity } from "./swarm-broker";

/**
 * Issues a broker credential of a project: a bridge for a simulation run (all of the swarm's topics)
 * or one node. Only a salted scrypt hash is stored; the password is shown to its holder once.
 */
export async function issueBrokerCredential(
  prisma: PrismaClient,
  input: { projectId: string; role: "bridge" | "node"; nodeId?: string; ttlMs?: number },
): Promise<{ username: string; password: string }> {
  const username = `${input.role === "bridge" ? "bridge" : input.nodeId}-${randomBytes(6).toString("hex")}`;
  const password = generatePassword();
  await prisma.brokerCredential.create({
    data: {
      projectId: input.projectId,
      username,
      passwordHash: await hashPassword(password),
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
  if (!(await verifyPassword(password, row.passwordHash))) return null;
  const swarmId = row.project.slug;
  return row.role === "node" && row.nodeId
    ? { role: "node", swarmId, nodeId: row.nodeId }
    : { role: "aggregator", swarmIds: [swarmId] };
}
