import { Session } from "node:inspector/promises";
import { loadavg } from "node:os";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import pg from "pg";
import { japanDate } from "../src/clock.ts";
import type { Database } from "../src/db/client.ts";
import { resultRows } from "../src/db/migrate.ts";
import { policySchema } from "../src/domain/policy/policy-schema.ts";
import { forgetPoliciesInForce, getPolicyInForce } from "../src/services/policies/get-policy-in-force.ts";
import { NOW, round1, round2 } from "./circulation-data.ts";
import { processCpuMs } from "./process-cpu.ts";

// =========================================================================================================
// The statement probe.

type Bucket = {
  requests: number;
  wallMs: number;
  statements: number;
  dbMs: number;
  labels: Map<string, Stat>;
};
type Stat = { count: number; ms: number };

let current: "checkout" | "return" | null = null;
let requestStart = 0;
let buckets: Record<"checkout" | "return", Bucket> | null = null;

const emptyBucket = (): Bucket => ({ requests: 0, wallMs: 0, statements: 0, dbMs: 0, labels: new Map() });

/** A short name for a statement: its verb and first table, or what it is for. */
function label(text: string): string {
  const t = text.replace(/\s+/g, " ").trim();
  if (/^(begin|commit|rollback)\b/i.test(t)) return t.split(" ")[0]!.toUpperCase();
  if (t.startsWith("named ")) return t;
  if (/set_config\('shiori\.library_system_id'/i.test(t)) return "set_config(library_system_id)";
  if (/^set local role/i.test(t)) return "SET LOCAL ROLE shiori_tenant";
  if (/refresh_record_summary/i.test(t)) return "refresh_record_summary()";
  const verb = (t.split(" ")[0] ?? "").toUpperCase();
  const table = /\b(?:from|into|update)\s+"?([a-z_]+)"?/i.exec(t)?.[1] ?? "?";
  if (verb === "WITH") {
    const written = [...t.matchAll(/\b(?:insert into|update)\s+"?([a-z_]+)"?/gi)].map((m) => m[1]);
    return `WITH (writes ${written.join(", ")})`;
  }
  if (verb === "SELECT" && / for update\b/i.test(t)) return `SELECT … FOR UPDATE (${table})`;
  return `${verb} ${table}`;
}

function record(text: string, ms: number) {
  if (!buckets || !current) return;
  const b = buckets[current];
  b.statements++;
  b.dbMs += ms;
  const name = label(text);
  const stat = b.labels.get(name) ?? { count: 0, ms: 0 };
  stat.count++;
  stat.ms += ms;
  b.labels.set(name, stat);
}

/** Times a promise-returning call as one statement of the current request. */
function timed<T>(text: string, run: () => T): T {
  if (!buckets || !current) return run();
  const t0 = performance.now();
  const result = run();
  if (!(result instanceof Promise)) return result;
  return result.then(
    (value) => {
      record(text, performance.now() - t0);
      return value;
    },
    (error) => {
      record(text, performance.now() - t0);
      throw error;
    },
  ) as T;
}

type Query = (...args: unknown[]) => unknown;
let installed = false;
/** The bench's own connections (diagnostics): not the application's statements. */
const unprobed = new WeakSet<object>();
/** The first statement of each kind the profile saw on PostgreSQL, with its parameters: for explainSamples. */
const samples = new Map<string, { text: string; values: unknown[] }>();

/** Wraps the drivers' query methods once; they pass straight through unless a profile is recording. */
export function installStatementProbe() {
  if (installed) return;
  installed = true;
  const client = pg.Client.prototype as unknown as { query: Query };
  const pgQuery = client.query;
  client.query = function (this: unknown, ...args: unknown[]) {
    if (unprobed.has(this as object)) return pgQuery.apply(this, args);
    const first = args[0] as string | { text?: string; values?: unknown[] };
    const text = typeof first === "string" ? first : (first?.text ?? "");
    if (buckets && current && !samples.has(label(text))) {
      // pg takes (text, values) or (config, values) or ({ text, values }).
      const values = Array.isArray(args[1]) ? args[1] : typeof first === "string" ? [] : first?.values;
      samples.set(label(text), { text, values: Array.isArray(values) ? values : [] });
    }
    const last = args.at(-1);
    // pg's Pool.query (statements outside a transaction) calls Client.query with a callback.
    if (typeof last === "function" && buckets && current) {
      const t0 = performance.now();
      args[args.length - 1] = (...results: unknown[]) => {
        record(text, performance.now() - t0);
        return (last as (...r: unknown[]) => unknown)(...results);
      };
      return pgQuery.apply(this, args);
    }
    return timed(text, () => pgQuery.apply(this, args));
  };
  const lite = PGlite.prototype as unknown as { query: Query; transaction: Query };
  const liteQuery = lite.query;
  const liteTransaction = lite.transaction;
  lite.query = function (this: unknown, ...args: unknown[]) {
    return timed(String(args[0]), () => liteQuery.apply(this, args));
  };
  // Named statements (src/db/named-statement.ts) reach PGlite as wire-protocol messages: labelled by their name.
  const liteProtocol = PGlite.prototype as unknown as { execProtocolStream: Query };
  const liteExecProtocol = liteProtocol.execProtocolStream;
  liteProtocol.execProtocolStream = function (this: unknown, ...args: unknown[]) {
    const name = namedStatementOf(args[0] as Uint8Array);
    if (name === null) return liteExecProtocol.apply(this, args);
    return timed(name, () => liteExecProtocol.apply(this, args));
  };
  // PGlite runs BEGIN and COMMIT itself: they are counted (untimed); the statements inside are timed.
  lite.transaction = function (this: unknown, fn: unknown) {
    record("BEGIN", 0);
    const result = liteTransaction.call(this, async (tx: { query: Query }) => {
      const inner = tx.query;
      const wrapped = Object.create(tx) as { query: Query };
      wrapped.query = (...args: unknown[]) => timed(String(args[0]), () => inner.apply(tx, args));
      return (fn as (tx: unknown) => Promise<unknown>)(wrapped);
    });
    record("COMMIT", 0);
    return result;
  };
}

/** "named NAME" for a Bind message (B, length, portal, statement name); null for anything else. */
function namedStatementOf(message: Uint8Array): string | null {
  if (message[0] !== 0x42) return null;
  let at = 5;
  while (message[at] !== 0) at++;
  const start = at + 1;
  let end = start;
  while (message[end] !== 0) end++;
  return `named ${new TextDecoder().decode(message.subarray(start, end))}`;
}

/** For `cycles(…, mark)`: statements go to the request being made. */
export function markRequest(what: "checkout" | "return" | null) {
  if (buckets && current) {
    buckets[current].requests++;
    buckets[current].wallMs += performance.now() - requestStart;
  }
  current = what;
  requestStart = performance.now();
}

export function startProfile() {
  buckets = { checkout: emptyBucket(), return: emptyBucket() };
  samples.clear();
  current = null;
}

export type RequestProfile = {
  requests: number;
  wallMsPerRequest: number;
  statementsPerRequest: number;
  dbMsPerRequest: number;
  /** Wall time outside the database calls: Node's share (routing, validation, policy parsing, HTTP). */
  nodeMsPerRequest: number;
  statements: { statement: string; perRequest: number; avgMs: number }[];
};

export function stopProfile(): Record<"checkout" | "return", RequestProfile> {
  const done = buckets ?? { checkout: emptyBucket(), return: emptyBucket() };
  buckets = null;
  current = null;
  const summary = (b: Bucket): RequestProfile => {
    const n = Math.max(1, b.requests);
    return {
      requests: b.requests,
      wallMsPerRequest: round2(b.wallMs / n),
      statementsPerRequest: round1(b.statements / n),
      dbMsPerRequest: round2(b.dbMs / n),
      nodeMsPerRequest: round2((b.wallMs - b.dbMs) / n),
      statements: [...b.labels]
        .sort((x, y) => y[1].ms - x[1].ms)
        .map(([statement, s]) => ({
          statement,
          perRequest: round1(s.count / n),
          avgMs: round2(s.count ? s.ms / s.count : 0),
        })),
    };
  };
  return { checkout: summary(done.checkout), return: summary(done.return) };
}

/**
 * Planning and execution time, in the server, of each kind of statement the profile saw: each sample
 * prepared afresh and run again under EXPLAIN (ANALYZE) in a tenant transaction that is rolled back, five
 * times, medians. The application sends every statement unnamed, so PostgreSQL plans it at each execution
 * as here (parsing and rewriting, row-level security included, come on top).
 */
export async function explainSamples(url: string, librarySystemId: number) {
  const client = new pg.Client({ connectionString: url });
  unprobed.add(client);
  await client.connect();
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] ?? 0;
  const literal = (v: unknown): string => {
    if (v === null || v === undefined) return "NULL";
    if (typeof v === "number" || typeof v === "bigint" || typeof v === "boolean") return String(v);
    const text = v instanceof Date ? v.toISOString() : typeof v === "object" ? JSON.stringify(v) : String(v);
    return client.escapeLiteral(text);
  };
  const rows: { statement: string; planningMs?: number; executionMs?: number; error?: string }[] = [];
  try {
    for (const [statement, sample] of samples) {
      if (/^(BEGIN|COMMIT|ROLLBACK|set_config|SET LOCAL)/.test(statement)) continue;
      const planning: number[] = [];
      const execution: number[] = [];
      try {
        for (let i = 0; i < 5; i++) {
          await client.query("BEGIN");
          try {
            await client.query("SELECT set_config('shiori.library_system_id', $1, true)", [
              String(librarySystemId),
            ]);
            await client.query("SET LOCAL ROLE shiori_tenant");
            // EXPLAIN takes no bind parameters: the statement is prepared, then executed with literals.
            await client.query(`PREPARE bench_explain AS ${sample.text}`);
            const args = sample.values.length ? `(${sample.values.map(literal).join(", ")})` : "";
            const result = await client.query<{
              "QUERY PLAN": { "Planning Time": number; "Execution Time": number }[];
            }>(`EXPLAIN (ANALYZE, SUMMARY, FORMAT JSON) EXECUTE bench_explain${args}`);
            const plan = result.rows[0]!["QUERY PLAN"][0]!;
            planning.push(plan["Planning Time"]);
            execution.push(plan["Execution Time"]);
          } finally {
            await client.query("ROLLBACK");
            await client.query("DEALLOCATE ALL");
          }
        }
        rows.push({
          statement,
          planningMs: round2(median(planning)),
          executionMs: round2(median(execution)),
        });
      } catch (error) {
        rows.push({ statement, error: (error as Error).message.slice(0, 120) });
      }
    }
  } finally {
    await client.end();
  }
  return rows;
}

// =========================================================================================================
// Node's share: a CPU profile (V8's sampling profiler through the inspector) of this process while the
// profile runs, its self time summed by package (node_modules/NAME), source directory (src/…) or runtime.

type ProfileNode = { id: number; callFrame: { url: string; functionName: string }; children?: number[] };
type CpuProfile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

function groupOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  if (url.startsWith("wasm://")) return "PGlite's Postgres (WASM)";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  const own = /\/(src|bench)\/([^?]+)/.exec(url);
  if (own) {
    if (own[1] === "bench") return "bench (load generator)";
    const parts = own[2]!.split("/");
    return `src/${(parts.length > 1 ? parts.slice(0, Math.min(2, parts.length - 1)) : parts).join("/")}`;
  }
  if (url.startsWith("node:"))
    return url
      .replace(/^node:(internal\/)?/, "node:")
      .split("/")
      .slice(0, 2)
      .join("/");
  return url;
}

export async function startCpuProfile() {
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 200 });
  await session.post("Profiler.start");
  return async (requests: number, top = 15) => {
    const { profile } = (await session.post("Profiler.stop")) as unknown as { profile: CpuProfile };
    session.disconnect();
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, ProfileNode>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n);
    // Built-ins (JSON.parse, RegExp, crypto …) have no URL: their time goes to the nearest caller that has one.
    const groupOfNode = (node: ProfileNode): string => {
      let at: ProfileNode | undefined = node;
      while (at && !at.callFrame.url && !at.callFrame.functionName.startsWith("(")) at = parent.get(at.id);
      return at ? groupOf(at.callFrame.url, at.callFrame.functionName) : "(native)";
    };
    const self = new Map<string, number>();
    let total = 0;
    profile.samples.forEach((id, i) => {
      const node = byId.get(id);
      const ms = (profile.timeDeltas[i] ?? 0) / 1000;
      if (!node || node.callFrame.functionName === "(idle)") return;
      const group = groupOfNode(node);
      // The profiler's own work.
      if (group === "node:inspector") return;
      self.set(group, (self.get(group) ?? 0) + ms);
      total += ms;
    });
    return {
      busyMsPerRequest: round2(total / Math.max(1, requests)),
      selfTime: [...self]
        .sort((a, b) => b[1] - a[1])
        .slice(0, top)
        .map(([where, ms]) => ({
          where,
          share: round2(ms / total),
          msPerRequest: round2(ms / Math.max(1, requests)),
        })),
    };
  };
}

// =========================================================================================================
// The policy in force, as every checkout and return reads it.

export async function policyCost(database: Database, librarySystemId: number) {
  const today = japanDate(NOW);
  const { policy } = await getPolicyInForce(database.db, librarySystemId, today);
  for (let i = 0; i < 200; i++) policySchema.parse(policy);
  const p0 = performance.now();
  const parses = 2_000;
  for (let i = 0; i < parses; i++) policySchema.parse(policy);
  const parseMs = (performance.now() - p0) / parses;
  const reads = 200;
  const time = async (forget: boolean) => {
    const t0 = performance.now();
    for (let i = 0; i < reads; i++) {
      if (forget) forgetPoliciesInForce(database.db, librarySystemId);
      await getPolicyInForce(database.db, librarySystemId, today);
    }
    return round2((performance.now() - t0) / reads);
  };
  return {
    policySchemaParseMs: round2(parseMs),
    /** A read from the database (a transaction of five statements) with the parse, as on a cache miss. */
    policyReadUncachedMs: await time(true),
    policyReadCachedMs: await time(false),
    policyJsonBytes: JSON.stringify(policy).length,
  };
}

// =========================================================================================================
// Diagnostics of a concurrent phase on PostgreSQL.

type Wal = { records: number; fpi: number; bytes: number; syncs: number };

export type Diagnostics = {
  nodeCpuMsPerCycle: number;
  /** Share of the time this process's event loop was busy (1: Node itself is the bottleneck). */
  eventLoopUtilisation: number;
  /** How late timers fired: the wait a request's next step has for the loop. */
  eventLoopDelayP50Ms: number | null;
  eventLoopDelayP99Ms: number | null;
  loadAverage: number;
  // PostgreSQL only:
  dbCpuMsPerCycle?: number | null;
  /** Share of sampled connection-moments of the application's pool in each state. */
  connectionStates?: Record<string, number>;
  walBytesPerCycle?: number | null;
  walRecordsPerCycle?: number | null;
  walFullPagesPerCycle?: number | null;
  /** WAL flushes (fsync): a cycle commits two write transactions; fewer flushes when commits share one. */
  walSyncsPerCycle?: number | null;
};

/** Starts watching; the function returned stops and divides by the cycles (checkout and return) made meanwhile. */
export async function startDiagnostics(url: string | undefined) {
  const cpu0 = process.cpuUsage();
  const elu0 = performance.eventLoopUtilization();
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const nodeSide = (cycles: number) => {
    const used = process.cpuUsage(cpu0);
    delay.disable();
    return {
      nodeCpuMsPerCycle: round2((used.user + used.system) / 1000 / Math.max(1, cycles)),
      eventLoopUtilisation: round2(performance.eventLoopUtilization(elu0).utilization),
      eventLoopDelayP50Ms: delay.count ? round1(delay.percentile(50) / 1e6) : null,
      eventLoopDelayP99Ms: delay.count ? round1(delay.percentile(99) / 1e6) : null,
      loadAverage: round2(loadavg()[0]!),
    };
  };
  if (!url) return async (cycles: number): Promise<Diagnostics> => nodeSide(cycles);
  const client = new pg.Client({ connectionString: url });
  unprobed.add(client);
  await client.connect();
  const backends = async () =>
    (
      await client.query<{ pid: number; state: string | null; wait: string | null }>(`
        SELECT pid, state, wait_event_type || ':' || wait_event AS wait FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`)
    ).rows;
  const counters = async () => {
    const wal = (
      await client.query<{ records: string; fpi: string; bytes: string; syncs: string }>(
        "SELECT wal_records AS records, wal_fpi AS fpi, wal_bytes AS bytes, wal_sync AS syncs FROM pg_stat_wal",
      )
    ).rows[0];
    return {
      wal: wal
        ? {
            records: Number(wal.records),
            fpi: Number(wal.fpi),
            bytes: Number(wal.bytes),
            syncs: Number(wal.syncs),
          }
        : null,
    };
  };
  // Statistics are sent at the end of a transaction and read from a snapshot: take a fresh one each time.
  const fresh = async () => {
    await client.query("SELECT pg_stat_clear_snapshot()");
    return counters();
  };
  const before = await fresh();
  const dbCpu0 = processCpuMs((await backends()).map((b) => b.pid));
  const states: Record<string, number> = {};
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      for (const b of await backends()) {
        const key = b.state === "active" ? `active ${b.wait ?? "cpu"}` : `${b.state} ${b.wait ?? ""}`.trim();
        states[key] = (states[key] ?? 0) + 1;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  return async (cycles: number): Promise<Diagnostics> => {
    const node = nodeSide(cycles);
    sampling = false;
    await sampler;
    const dbCpu1 = processCpuMs((await backends()).map((b) => b.pid));
    // pg_stat_wal and xact_commit reach the shared counters within a second of the transactions.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const after = await fresh();
    await client.end();
    const n = Math.max(1, cycles);
    const dbMs =
      dbCpu0 && dbCpu1 ? [...dbCpu1].reduce((sum, [pid, ms]) => sum + ms - (dbCpu0.get(pid) ?? 0), 0) : null;
    const total = Object.values(states).reduce((a, b) => a + b, 0);
    const wal = (k: keyof Wal) =>
      before.wal && after.wal ? round2((after.wal[k] - before.wal[k]) / n) : null;
    return {
      ...node,
      dbCpuMsPerCycle: dbMs === null ? null : round2(dbMs / n),
      connectionStates: Object.fromEntries(
        Object.entries(states)
          .sort((a, b) => b[1] - a[1])
          .map(([k, v]) => [k, round2(v / Math.max(1, total))]),
      ),
      walBytesPerCycle: wal("bytes") === null ? null : Math.round(wal("bytes")!),
      walRecordsPerCycle: wal("records"),
      walFullPagesPerCycle: wal("fpi"),
      walSyncsPerCycle: wal("syncs"),
    };
  };
}

/** Updates and HOT updates of the tables a checkout and a return write. */
export async function hotUpdates(database: Database) {
  await database.db.execute(sql`SELECT pg_stat_clear_snapshot()`);
  const rows = resultRows<{ table: string; updates: number; hot: number; indexes: number }>(
    await database.db.execute(sql`
      SELECT t.relname AS table, t.n_tup_upd::int AS updates, t.n_tup_hot_upd::int AS hot,
             (SELECT count(*)::int FROM pg_index i WHERE i.indrelid = t.relid) AS indexes
        FROM pg_stat_user_tables t
       WHERE t.relname IN ('items', 'loans', 'patrons', 'bibliographic_records')
       ORDER BY t.relname`),
  );
  return new Map(rows.map((r) => [r.table, r]));
}

/** Updates per cycle and the share of them that were HOT, between two readings of hotUpdates. */
export function hotUpdatesBetween(
  before: Awaited<ReturnType<typeof hotUpdates>>,
  after: Awaited<ReturnType<typeof hotUpdates>>,
  cycles: number,
) {
  return Object.fromEntries(
    [...after].map(([table, a]) => {
      const b = before.get(table);
      const updates = a.updates - (b?.updates ?? 0);
      const hot = a.hot - (b?.hot ?? 0);
      return [
        table,
        {
          updatesPerCycle: round2(updates / Math.max(1, cycles)),
          hotShare: updates ? round2(hot / updates) : null,
          indexes: a.indexes,
        },
      ];
    }),
  );
}

export async function serverSettings(database: Database): Promise<Record<string, string>> {
  const rows = resultRows<{ name: string; setting: string }>(
    await database.db.execute(sql`SELECT name, current_setting(name) AS setting FROM pg_settings
      WHERE name IN ('server_version', 'shared_buffers', 'synchronous_commit', 'fsync', 'wal_level',
        'max_connections', 'jit', 'commit_delay')`),
  );
  return Object.fromEntries(rows.map((r) => [r.name, r.setting]));
}
