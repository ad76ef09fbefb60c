import { connectDatabase, type Database } from "./db/connect";
import { startQueueUpkeep } from "./queue/upkeep";

const globalForDb = globalThis as unknown as { swarmDb?: Promise<Database> };

/**
 * The process-wide database. One instance per process: two PGlite instances must never open the
 * same data directory, and Next may evaluate this module more than once.
 */
export function getDb(): Promise<Database> {
  globalForDb.swarmDb ??= connectDatabase({
    databaseUrl: process.env.DATABASE_URL || undefined,
    dataDir: process.env.DATA_DIR || ".data",
  })
    .then((db) => {
      // The app process owns the queue's housekeeping timer (lease reaping, unservable jobs).
      startQueueUpkeep(db.prisma);
      return db;
    })
    .catch((error: unknown) => {
      globalForDb.swarmDb = undefined;
      throw error;
    });
  return globalForDb.swarmDb;
}
