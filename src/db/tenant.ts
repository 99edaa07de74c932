import { sql } from "drizzle-orm";
import type { Db, Tx } from "./client.ts";
import { executeNamed } from "./named-statement.ts";

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
  return db.transaction(async (tx) => {
    // One round trip for both: the tenant for row-level security and SET LOCAL ROLE as its GUC.
    const scoped = Object.assign(tx, { librarySystemId, origin: db }) as TenantTx;
    await executeNamed(
      scoped,
      "enter_tenant",
      sql`SELECT set_config('shiori.library_system_id', ${String(librarySystemId)}, true), set_config('role', 'shiori_tenant', true)`,
    );
    return fn(scoped);
  });
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
  return db.transaction(async (tx) => {
    await tx.execute(sql`SET TRANSACTION READ ONLY`);
    // At a million records every search passes the JIT threshold and pays 50-100 ms compiling.
    await tx.execute(sql`SET LOCAL jit = off`);
    const scoped = Object.assign(tx, { librarySystemId, origin: db }) as TenantTx;
    return fn(scoped);
  });
}
