import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import * as schema from "./schema.ts";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

export type Database = {
  db: Db;
  kind: "pglite" | "postgres";
  /** Runs raw SQL text with several statements (migrations). */
  exec(sqlText: string): Promise<void>;
  /** Holds a database-wide lock while `fn` runs (migrations from two processes starting together). */
  withExclusiveLock<T>(key: string, fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

/** PostgreSQL when a URL is given; otherwise PGlite in `dataDir` (or in memory without one). */
export async function openDatabase(options: { url?: string; dataDir?: string }): Promise<Database> {
  if (options.url) return openPostgres(options.url);
  return openPglite(options.dataDir);
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  let dir: string | undefined;
  if (dataDir) {
    dir = join(dataDir, "pglite");
    mkdirSync(dir, { recursive: true });
    if (!existsSync(join(dir, "PG_VERSION"))) await initialisePgliteDirectory(dir);
  }
  const client = new PGlite(dir);
  await client.waitReady;
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  return {
    db,
    kind: "pglite",
    exec: async (text) => {
      await client.exec(text);
    },
    // PGlite serves one process only, so a lock inside the process is enough.
    withExclusiveLock: (key, fn) => inProcessLock(key, fn),
    close: () => client.close(),
  };
}

async function initialisePgliteDirectory(dir: string): Promise<void> {
  const worker = new Worker(new URL("./pglite-init-worker.mjs", import.meta.url), { workerData: { dir } });
  await new Promise<void>((resolve, reject) => {
    worker.once("error", reject);
    worker.once("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`PGlite set-up ended with ${code}`)),
    );
  });
}

async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection that the server closes (a restart, a failover, a dropped database) emits "error";
  // unhandled, it would end the process. The pool discards that connection and opens a new one when needed.
  pool.on("error", () => {});
  // Fail at start with a clear message rather than on the first request.
  const probe = await pool.connect();
  probe.release();
  const db = drizzleNodePg({ client: pool, schema }) as unknown as Db;
  return {
    db,
    kind: "postgres",
    exec: async (text) => {
      await pool.query(text);
    },
    withExclusiveLock: async (key, fn) => {
      const conn = await pool.connect();
      try {
        await conn.query("SELECT pg_advisory_lock(hashtext($1))", [key]);
        try {
          return await fn();
        } finally {
          await conn.query("SELECT pg_advisory_unlock(hashtext($1))", [key]);
        }
      } finally {
        conn.release();
      }
    },
    close: () => pool.end(),
  };
}

const lockTails = new Map<string, Promise<unknown>>();

/** Runs `fn` after every earlier holder of `key` in this process has finished. */
function inProcessLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const previous = lockTails.get(key) ?? Promise.resolve();
  const run = previous.then(fn, fn);
  lockTails.set(
    key,
    run.catch(() => undefined),
  );
  return run;
}
