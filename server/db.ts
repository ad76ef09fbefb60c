import { connectDatabase, type Database } from "./db/connect";

const globalForDb = globalThis as unknown as { swarmDb?: Promise<Database> };

/**
 * The process-wide database. One instance per process: two PGlite instances must never open the
 * same data directory, and Next may evaluate this module more than once.
 */
export function getDb(): Promise<Database> {
  globalForDb.swarmDb ??= connectDatabase({
    databaseUrl: process.env.DATABASE_URL || undefined,
    dataDir: process.env.DATA_DIR || ".data",
  }).catch((error: unknown) => {
    globalForDb.swarmDb = undefined;
    throw error;
  });
  return globalForDb.swarmDb;
}
