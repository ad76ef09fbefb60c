import { mkdir } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "../generated/prisma/client";
import { applyMigrations } from "./migrate";
import type { SqlRunner } from "./sql";

export interface Database {
  prisma: PrismaClient;
  sql: SqlRunner;
  kind: "pglite" | "postgres";
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** postgres:// URL; when absent the embedded PGlite database under `dataDir` is used. */
  databaseUrl?: string;
  dataDir?: string;
}

/** Opens the database, applies pending migrations and returns a Prisma client bound to it. */
export async function connectDatabase(options: ConnectOptions): Promise<Database> {
  const db = options.databaseUrl ? openPostgres(options.databaseUrl) : await openPglite(options.dataDir ?? ".data");
  await applyMigrations(db.sql);
  return db;
}

async function openPglite(dataDir: string): Promise<Database> {
  const dir = path.resolve(dataDir, "pglite");
  await mkdir(dir, { recursive: true });
  const client = await PGlite.create(dir);
  let queue: Promise<unknown> = Promise.resolve();
  const sql: SqlRunner = {
    exec: async (text) => void (await client.exec(text)),
    query: async <Row>(text: string, params?: unknown[]) => (await client.query<Row>(text, params)).rows,
    // PGlite is one connection: serialise exclusive sections so a transaction is never interleaved.
    withConnection: (fn) => {
      const run = queue.then(() => fn(sql));
      queue = run.catch(() => undefined);
      return run;
    },
    close: () => client.close(),
  };
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(client) });
  return {
    prisma,
    sql,
    kind: "pglite",
    close: async () => {
      await prisma.$disconnect();
      await client.close();
    },
  };
}

function openPostgres(databaseUrl: string): Database {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  const runner = (client: pg.Pool | pg.PoolClient) => ({
    exec: async (text: string) => void (await client.query(text)),
    query: async <Row>(text: string, params?: unknown[]) =>
      (await client.query(text, params as unknown[])).rows as Row[],
  });
  const sql: SqlRunner = {
    ...runner(pool),
    withConnection: async (fn) => {
      const conn = await pool.connect();
      try {
        return await fn(runner(conn));
      } finally {
        conn.release();
      }
    },
    close: () => pool.end(),
  };
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    prisma,
    sql,
    kind: "postgres",
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
