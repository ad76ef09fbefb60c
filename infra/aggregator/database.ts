import { mkdir } from "node:fs/promises";
import type { Sql } from "./types";

/** The aggregator's own database when it runs alone: PostgreSQL from a URL, or an embedded PGlite directory. */
export async function openDatabase(options: {
  url?: string;
  dataDir?: string;
}): Promise<Sql & { close(): Promise<void> }> {
  if (options.url) {
    const { default: pg } = await import("pg");
    const pool = new pg.Pool({ connectionString: options.url, max: 4 });
    return {
      exec: async (text) => void (await pool.query(text)),
      query: async <Row>(text: string, params?: unknown[]) => (await pool.query(text, params)).rows as Row[],
      close: () => pool.end(),
    };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
  const client = await PGlite.create(options.dataDir);
  return {
    exec: async (text) => void (await client.exec(text)),
    query: async <Row>(text: string, params?: unknown[]) => (await client.query<Row>(text, params)).rows,
    close: () => client.close(),
  };
}
