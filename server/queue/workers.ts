import { createHash, randomBytes } from "node:crypto";
import type { CapabilityInfo, RegisterBody } from "../../contracts/worker-api";
import type { PrismaClient } from "../generated/prisma/client";
import { WORKER_ONLINE_WINDOW_MS } from "./waiting";

/** What the Workers panel shows: no ids, since a worker's identity is a credential. */
export interface WorkerView {
  name: string;
  slots: number;
  capabilities: CapabilityInfo[];
  startedAt: string;
  lastSeenAt: string;
  online: boolean;
}

const hashCredential = (credential: string) => createHash("sha256").update(credential).digest("hex");

/** Registers a worker under a new identity and issues the credential that names it from now on. */
export async function registerWorker(
  prisma: PrismaClient,
  input: RegisterBody,
): Promise<{ workerId: string; credential: string }> {
  const credential = randomBytes(32).toString("base64url");
  const worker = await prisma.worker.create({
    data: {
      id: `w_${randomBytes(12).toString("hex")}`,
      name: input.name,
      slots: input.slots,
      capabilities: input.capabilities,
      credentialHash: hashCredential(credential),
    },
    select: { id: true },
  });
  return { workerId: worker.id, credential };
}

/** The worker a credential names (and marks it seen), or null: unknown, revoked or stopped. */
export async function workerByCredential(
  prisma: PrismaClient,
  credential: string,
): Promise<{ id: string; capabilities: string[] } | null> {
  const worker = await prisma.worker
    .update({
      where: { credentialHash: hashCredential(credential), stoppedAt: null },
      data: { lastSeenAt: new Date() },
    })
    .catch(() => null);
  if (!worker) return null;
  return { id: worker.id, capabilities: (worker.capabilities as CapabilityInfo[]).map((cap) => cap.name) };
}

/** A stopping worker's credential dies with it; a restarted worker registers again. */
export async function stopWorker(prisma: PrismaClient, workerId: string): Promise<void> {
  await prisma.worker.updateMany({
    where: { id: workerId },
    data: { stoppedAt: new Date(), credentialHash: `revoked:${workerId}` },
  });
}

export async function listWorkers(prisma: PrismaClient, now = new Date()): Promise<WorkerView[]> {
  const since = new Date(now.getTime() - WORKER_ONLINE_WINDOW_MS);
  const rows = await prisma.worker.findMany({
    where: { OR: [{ lastSeenAt: { gte: since } }, { stoppedAt: null }] },
    orderBy: { startedAt: "asc" },
    take: 100,
  });
  return rows.map((row) => ({
    name: row.name,
    slots: row.slots,
    capabilities: row.capabilities as CapabilityInfo[],
    startedAt: row.startedAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    online: row.stoppedAt === null && row.lastSeenAt >= since,
  }));
}
