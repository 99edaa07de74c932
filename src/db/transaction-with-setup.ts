import { sql } from "drizzle-orm";
import { NodePgSession, NodePgTransaction } from "drizzle-orm/node-postgres";
import pg from "pg";
import type { Db, Tx } from "./client.ts";

/** What drizzle's own `NodePgSession.transaction` reads from the database's session to make one. */
type SessionParts = {
  dialect: ConstructorParameters<typeof NodePgSession>[1];
  schema: ConstructorParameters<typeof NodePgSession>[2];
  options: ConstructorParameters<typeof NodePgSession>[3];
};

/**
 * Runs `fn` in a transaction whose first statements are `setup`: SQL texts without parameters (SET LOCAL,
 * set_config of values the caller has checked). On PostgreSQL, BEGIN and the setup travel in one round trip
 * (the simple query protocol takes several statements) where drizzle's `transaction()` spends one on BEGIN
 * and one on each statement after it: on a counter scan that was a sixth of the round trips. Otherwise this
 * is drizzle's `NodePgSession.transaction`: the transaction object is drizzle's own, nested transactions
 * are savepoints. On PGlite, drizzle's transaction, then the setup in one call. Inside another transaction
 * (`db` a transaction), a savepoint.
 */
export async function transactionWithSetup<T>(
  db: Db,
  setup: readonly string[],
  fn: (tx: Tx) => Promise<T>,
  /** How to run the setup where BEGIN cannot carry it, when there is a faster way than its text. */
  setupOtherwise?: (tx: Tx) => Promise<void>,
): Promise<T> {
  const pool = (db as unknown as { $client?: unknown }).$client;
  if (!(pool instanceof pg.Pool)) {
    return db.transaction(async (tx) => {
      if (setupOtherwise) {
        await setupOtherwise(tx);
        return fn(tx);
      }
      // PGlite's transaction object runs several statements in one call; a savepoint inside another
      // transaction (installing a library system) runs them one by one.
      const client = (tx as unknown as { session: { client: { exec?: (text: string) => Promise<unknown> } } })
        .session.client;
      if (client.exec) await client.exec(setup.join("; "));
      else for (const statement of setup) await tx.execute(sql.raw(statement));
      return fn(tx);
    });
  }
  const { dialect, schema, options } = (db as unknown as { session: SessionParts }).session;
  const client = await pool.connect();
  let unusable: Error | undefined;
  try {
    const tx = new NodePgTransaction(
      dialect,
      new NodePgSession(client, dialect, schema, options),
      schema,
    ) as unknown as Tx;
    try {
      await client.query(`BEGIN; ${setup.join("; ")}`);
      const result = await fn(tx);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch((rollbackFailed: Error) => {
        // The connection is gone or confused: the pool must not hand it out again.
        unusable = rollbackFailed;
      });
      throw error;
    }
  } finally {
    client.release(unusable);
  }
}
