import { PGlite, parse, protocol } from "@electric-sql/pglite";
import type { SQL } from "drizzle-orm";
import type { TenantTx } from "./tenant.ts";

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
 * Runs one of the counter's hot statements under a name, with the result `tx.execute` gives: the database parses
 * and plans it once (settling on a generic plan after a few runs) instead of on every scan — planning was most of
 * those statements' server time (bench/circulation, `serverTime`). On PostgreSQL node-postgres prepares it once
 * per connection; on PGlite it is prepared once per database through the wire protocol PGlite exposes. The text
 * under one name must never vary: only values may.
 */
export function executeNamed(tx: TenantTx, name: string, query: SQL): Promise<unknown> {
  const { dialect, session } = tx as unknown as DrizzleInternals;
  const built = dialect.sqlToQuery(query);
  const client = (tx.origin as unknown as { $client?: unknown }).$client;
  if (client instanceof PGlite) return executeOnPglite(client, name, built.sql, built.params);
  return session.prepareQuery(built, undefined, name, false).execute();
}

type PreparedOnPglite = { text: string; paramTypes: number[] };
type PgliteState = { statements: Map<string, PreparedOnPglite>; parsers: PGlite["parsers"] };
const pgliteStates = new WeakMap<PGlite, PgliteState>();

// As drizzle's PGlite driver reads them: dates, timestamps and intervals stay text.
const keepAsText = (value: string) => value;
const textTypes = [1082, 1114, 1184, 1186, 1115, 1182, 1185, 1187, 1231];

function joined(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * Bind, describe, execute and sync in one call into PGlite (its own `query` makes five, and parses and plans the
 * text each time). PGlite runs one statement at a time and the caller is inside its transaction, so nothing
 * interleaves; an error skips to the sync and is thrown as PGlite throws it.
 */
async function executeOnPglite(pg: PGlite, name: string, text: string, params: unknown[]) {
  const { serialize } = protocol;
  let state = pgliteStates.get(pg);
  if (!state) {
    const parsers = { ...pg.parsers, ...Object.fromEntries(textTypes.map((type) => [type, keepAsText])) };
    state = { statements: new Map(), parsers };
    pgliteStates.set(pg, state);
  }
  const { statements } = state;
  let statement = statements.get(name);
  if (!statement) {
    const described = await pg.execProtocolStream(
      joined([
        serialize.parse({ name, text, types: [] }),
        serialize.describe({ type: "S", name }),
        serialize.sync(),
      ]),
      { syncToFs: false },
    );
    statement = { text, paramTypes: parse.parseDescribeStatementResults(described) };
    statements.set(name, statement);
  }
  if (statement.text !== text) throw new Error(`the statement named ${name} changed its text`);
  const types = statement.paramTypes;
  const values = params.map((value, i) => {
    if (value === null || value === undefined) return null;
    const serializer = pg.serializers[types[i]!];
    return serializer ? serializer(value) : String(value);
  });
  const messages = await pg.execProtocolStream(
    joined([
      serialize.bind({ statement: name, values }),
      serialize.describe({ type: "P" }),
      serialize.execute({}),
      serialize.sync(),
    ]),
    { syncToFs: false },
  );
  return parse.parseResults(messages, state.parsers)[0];
}
