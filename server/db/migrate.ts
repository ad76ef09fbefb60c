import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { SqlRunner } from "./sql";

/** The advisory lock key `prisma migrate deploy` itself takes, so the two never run at once. */
const PRISMA_MIGRATE_LOCK = 72707369;

const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

export interface MigrationReport {
  applied: string[];
  alreadyApplied: number;
}

/**
 * Applies prisma/migrations/<name>/migration.sql in order, offline, recording each in Prisma's own
 * `_prisma_migrations` table (same checksum format), so an online `prisma migrate deploy` agrees.
 */
export async function applyMigrations(
  db: SqlRunner,
  migrationsDir = path.join(process.cwd(), "prisma", "migrations"),
): Promise<MigrationReport> {
  const names = (await readdir(/*turbopackIgnore: true*/ migrationsDir, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

  return db.withConnection(async (conn) => {
    await conn.query("SELECT pg_advisory_lock($1)", [PRISMA_MIGRATE_LOCK]);
    try {
      await conn.exec(CREATE_MIGRATIONS_TABLE);
      const rows = await conn.query<AppliedRow>(
        `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"`,
      );
      const done = new Map(rows.filter((r) => r.rolled_back_at === null).map((r) => [r.migration_name, r]));
      const applied: string[] = [];
      for (const name of names) {
        const sql = await readFile(/*turbopackIgnore: true*/ path.join(migrationsDir, name, "migration.sql"), "utf8");
        const checksum = createHash("sha256").update(sql).digest("hex");
        const previous = done.get(name);
        if (previous?.finished_at) continue;
        if (previous) {
          throw new Error(
            `Migration ${name} started earlier and did not finish. Inspect the database, then mark it rolled back ` +
              `(UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = '${name}') to retry.`,
          );
        }
        await applyOne(conn, name, sql, checksum);
        applied.push(name);
      }
      return { applied, alreadyApplied: names.length - applied.length };
    } finally {
      await conn.query("SELECT pg_advisory_unlock($1)", [PRISMA_MIGRATE_LOCK]);
    }
  });
}

async function applyOne(
  conn: Omit<SqlRunner, "withConnection" | "close">,
  name: string,
  sql: string,
  checksum: string,
) {
  await conn.exec("BEGIN");
  try {
    await conn.exec(sql);
    await conn.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), now(), 1)`,
      [randomUUID(), checksum, name],
    );
    await conn.exec("COMMIT");
  } catch (error) {
    await conn.exec("ROLLBACK");
    throw new Error(`Migration ${name} failed and was rolled back: ${(error as Error).message}`);
  }
}
