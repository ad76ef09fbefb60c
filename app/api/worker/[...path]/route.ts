import { getDb } from "@/server/db";
import { leaseMsFromEnv } from "@/server/queue/state";
import { createWorkerApi } from "@/server/worker-api/handler";

export const dynamic = "force-dynamic";

export const POST = createWorkerApi({
  getPrisma: async () => (await getDb()).prisma,
  token: process.env.WORKER_TOKEN || undefined,
  leaseMs: leaseMsFromEnv(),
  serverUrl: () => process.env.PUBLIC_URL || `http://localhost:${process.env.PORT || 3000}`,
});
