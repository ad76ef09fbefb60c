import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { jobChanged, notify } from "./bus";

export interface NewJobEvent {
  type: string;
  nodeId?: string | null;
  data?: Prisma.InputJsonValue;
}

export interface JobEventRecord {
  seq: number;
  type: string;
  nodeId: string | null;
  data: unknown;
  createdAt: string;
}

type Tx = Prisma.TransactionClient | PrismaClient;

/**
 * Appends events with consecutive `seq` numbers. The job row's counter is bumped in the same
 * transaction, so appenders to one job are serialised and seq order is commit order.
 */
export async function appendJobEvents(
  prisma: PrismaClient,
  jobId: string,
  events: NewJobEvent[],
  leaseOwner?: string,
): Promise<number> {
  if (events.length === 0) return 0;
  const lastSeq = await prisma.$transaction((tx) => appendInTransaction(tx, jobId, events, leaseOwner));
  notify(jobChanged(jobId));
  return lastSeq;
}

/** With `leaseOwner`, appends only while that worker holds the job's lease (else Prisma throws P2025). */
export async function appendInTransaction(
  tx: Tx,
  jobId: string,
  events: NewJobEvent[],
  leaseOwner?: string,
): Promise<number> {
  const { eventSeq } = await tx.job.update({
    where: { id: jobId, ...(leaseOwner ? { leaseOwner, status: "active" as const } : {}) },
    data: { eventSeq: { increment: events.length } },
    select: { eventSeq: true },
  });
  const first = eventSeq - events.length + 1;
  await tx.jobEvent.createMany({
    data: events.map((event, index) => ({
      jobId,
      seq: first + index,
      type: event.type,
      nodeId: event.nodeId ?? null,
      data: event.data ?? {},
    })),
  });
  return eventSeq;
}

export async function listJobEvents(
  prisma: PrismaClient,
  jobId: string,
  afterSeq = 0,
  limit = 500,
): Promise<JobEventRecord[]> {
  const rows = await prisma.jobEvent.findMany({
    where: { jobId, seq: { gt: afterSeq } },
    orderBy: { seq: "asc" },
    take: limit,
  });
  return rows.map((row) => ({
    seq: row.seq,
    type: row.type,
    nodeId: row.nodeId,
    data: row.data,
    createdAt: row.createdAt.toISOString(),
  }));
}
