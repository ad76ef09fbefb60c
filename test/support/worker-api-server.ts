import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Database } from "../../server/db/connect";
import { startQueueUpkeep } from "../../server/queue/upkeep";
import { createWorkerApi } from "../../server/worker-api/handler";

/** Serves the real worker API handler over node:http, for tests and benches that don't need Next. */
export async function serveWorkerApi(db: Database, options: { token: string; leaseMs: number }) {
  const handler = createWorkerApi({ getPrisma: async () => db.prisma, token: options.token, leaseMs: options.leaseMs });
  // As in the app: leases are reaped on a timer, not by reads.
  const upkeep = startQueueUpkeep(db.prisma, { intervalMs: Math.max(50, Math.floor(options.leaseMs / 4)) });
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const abort = new AbortController();
    res.on("close", () => res.writableFinished || abort.abort());
    const response = await handler(
      new Request(`http://127.0.0.1${req.url}`, {
        method: req.method,
        headers: req.headers as Record<string, string>,
        body: req.method === "GET" || req.method === "HEAD" ? undefined : Buffer.concat(chunks),
        signal: abort.signal,
      }),
    );
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      upkeep.stop();
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
