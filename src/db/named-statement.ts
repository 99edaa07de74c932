import type { SQL } from "drizzle-orm";
import type { Tx } from "./client.ts";

/** The parts of a drizzle transaction that `tx.execute` itself uses; drizzle offers names only to its builders. */
type DrizzleInternals = {
  dialect: { sqlToQuery(query: SQL): { sql: string; params: unknown[] } };
  session: {
    prepareQuery(
      query: { sql: string; params: unknown[] },
      fields: undefined,
      name: string,
      arrayMode: false,
    ): {
      execute(): Promise<unknown>;
    };
  };
};

/**
 * Runs one of the counter's hot statements under a name, as `tx.execute` does otherwise: node-postgres prepares a
 * named statement once per connection, so PostgreSQL parses and plans it once (settling on a generic plan after
 * a few runs) instead of on every scan — planning was most of those statements' server time (bench/circulation,
 * `serverTime`). PGlite runs it as before. The text under one name must never vary: only values may.
 */
export function executeNamed(tx: Tx, name: string, query: SQL): Promise<unknown> {
  const { dialect, session } = tx as unknown as DrizzleInternals;
  return session.prepareQuery(dialect.sqlToQuery(query), undefined, name, false).execute();
}
