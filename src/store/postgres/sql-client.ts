/**
 * The little of PostgreSQL the store needs, served by a `pg` pool (a real server) or by PGlite (the
 * same engine in WebAssembly, in-process: tests and machines with no server). Parameters are `$1…`.
 */
export interface SqlClient {
  query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Several statements, no parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs `work` in one transaction on one connection; inside it, `transaction` just runs `work` again. */
  transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
