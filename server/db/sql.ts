/** The smallest raw-SQL surface both PGlite and node-postgres offer; migrations and benchmarks use it. */
export interface SqlRunner {
  /** Runs one or more statements without parameters. */
  exec(sql: string): Promise<void>;
  query<Row>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Runs `fn` with exclusive use of one connection (PGlite has only one). */
  withConnection<T>(fn: (conn: Omit<SqlRunner, "withConnection" | "close">) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
