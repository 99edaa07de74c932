import { sql } from "drizzle-orm";
import type { Db, Tx } from "./client.ts";
import { executeNamed } from "./named-statement.ts";
import { transactionWithSetup } from "./transaction-with-setup.ts";

declare const tenantBrand: unique symbol;

/**
 * A transaction bound to one library system. Only `withTenant` makes one, so a query function that
 * takes a `TenantTx` cannot run without a tenant; row-level security backs the WHERE clauses up.
 */
export type TenantTx = Tx & {
  readonly librarySystemId: number;
  /**
   * The database the transaction runs on: the key for rows kept per database (service points, which change only
   * when a system is installed), and PGlite's handle for named statements run inside this transaction
   * (`executeNamed`). Never a way to query outside the transaction.
   */
  readonly origin: Db;
  readonly [tenantBrand]: true;
};

export async function withTenant<T>(
  db: Db,
  librarySystemId: number,
  fn: (tx: TenantTx) => Promise<T>,
): Promise<T> {
  if (!Number.isInteger(librarySystemId) || librarySystemId <= 0) {
    throw new Error(`withTenant needs a library system id, got ${librarySystemId}`);
  }
  // The tenant for row-level security and SET LOCAL ROLE as its GUC, in BEGIN's round trip. The id is
  // an integer (checked above), so it is safe in the text. Where BEGIN cannot carry it (PGlite, or inside
  // another transaction) it is a named statement: PGlite runs that faster than the text.
  const scoped = (tx: Tx) => Object.assign(tx, { librarySystemId, origin: db }) as TenantTx;
  return transactionWithSetup(
    db,
    [
      `SELECT set_config('shiori.library_system_id', '${librarySystemId}', true), set_config('role', 'shiori_tenant', true)`,
    ],
    (tx) => fn(scoped(tx)),
    async (tx) => {
      await executeNamed(
        scoped(tx),
        "enter_tenant",
        sql`SELECT set_config('shiori.library_system_id', ${String(librarySystemId)}, true), set_config('role', 'shiori_tenant', true)`,
      );
    },
  );
}

/**
 * A read-only transaction over the public catalogue that keeps the table owner's role. Under row-level
 * security PostgreSQL may not use an index with an operator that is not leakproof, and the full-text
 * `@@` is not, so a search as `shiori_tenant` scans the whole table. Every catalogue query filters by
 * `tx.librarySystemId` itself (ADR 0004); nothing but catalogue reads may run here.
 */
export async function withCatalogueReader<T>(
  db: Db,
  librarySystemId: number,
  fn: (tx: TenantTx) => Promise<T>,
): Promise<T> {
  if (!Number.isInteger(librarySystemId) || librarySystemId <= 0) {
    throw new Error(`withCatalogueReader needs a library system id, got ${librarySystemId}`);
  }
  // At a million records every search passes the JIT threshold and pays 50-100 ms compiling.
  return transactionWithSetup(db, ["SET TRANSACTION READ ONLY", "SET LOCAL jit = off"], (tx) =>
    fn(Object.assign(tx, { librarySystemId, origin: db }) as TenantTx),
  );
}
