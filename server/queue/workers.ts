import { z } from "zod";
import type { PrismaClient } from "../generated/prisma/client";
import { WORKER_ONLINE_WINDOW_MS } from "./waiting";

export const capabilityInfoSchema = z.object({
  name: z.string().min(1).max(64),
  version: z.string().max(200),
  path: z.string().max(500).optional(),
});
export type CapabilityInfo = z.infer<typeof capabilityInfoSchema>;

export const registrationSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9._-]{4,80}$/),
  name: z.string().min(1).max(120),
  slots: z.number().int().min(1).max(64),
  capabilities: z.array(capabilityInfoSchema).max(64),
  kinds: z.array(z.string().max(64)).max(64),
});
export type WorkerRegistration = z.infer<typeof registrationSchema>;

export interface WorkerView {
  id: string;
  name: string;
  slots: number;
  capabilities: CapabilityInfo[];
  startedAt: string;
  lastSeenAt: string;
  online: boolean;
}

export async function registerWorker(prisma: PrismaClient, input: WorkerRegistration): Promise<void> {
  const data = { name: input.name, slots: input.slots, capabilities: input.capabilities, stoppedAt: null };
  await prisma.worker.upsert({
    where: { id: input.id },
    create: { id: input.id, ...data },
    update: { ...data, lastSeenAt: new Date() },
  });
}

/** Returns the worker's capability names, or null for an unknown worker (it must register again). */
export async function touchWorker(prisma: PrismaClient, workerId: string): Promise<string[] | null> {
  const worker = await prisma.worker
    .update({ where: { id: workerId }, data: { lastSeenAt: new Date(), stoppedAt: null } })
    .catch(() => null);
  if (!worker) return null;
  return (worker.capabilities as CapabilityInfo[]).map((cap) => cap.name);
}

export async function stopWorker(prisma: PrismaClient, workerId: string): Promise<void> {
  await prisma.worker.updateMany({ where: { id: workerId }, data: { stoppedAt: new Date() } });
}

export async function listWorkers(prisma: PrismaClient, now = new Date()): Promise<WorkerView[]> {
  const since = new Date(now.getTime() - WORKER_ONLINE_WINDOW_MS);
  const rows = await prisma.worker.findMany({
    where: { OR: [{ lastSeenAt: { gte: since } }, { stoppedAt: null }] },
    orderBy: { startedAt: "asc" },
    take: 100,
  });
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    slots: row.slots,
    capabilities: row.capabilities as CapabilityInfo[],
    startedAt: row.startedAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    online: row.stoppedAt === null && row.lastSeenAt >= since,
  }));
}
