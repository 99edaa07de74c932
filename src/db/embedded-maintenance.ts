import { sql } from "drizzle-orm";
import type { Logger } from "../logger.ts";
import type { Database } from "./client.ts";
import { resultRows } from "./migrate.ts";

/**
 * PGlite runs PostgreSQL as one process without its background workers, so nothing vacuums or analyzes an
 * embedded database (ADR 0018). Without fresh statistics a statement prepared while a table was small keeps its
 * first plan: a checkout read every loan the library had ever made, a little slower with each loan. This pass
 * does the autovacuum daemon's work with its default thresholds (PostgreSQL's `autovacuum_*` settings):
 * a table is analyzed when 50 + 10 % of its rows changed since the last ANALYZE, and vacuumed when 50 + 20 % of
 * its rows are dead or 1,000 + 20 % were inserted since the last VACUUM. The new statistics also make
 * PostgreSQL plan the prepared statements again.
 */
export async function maintainEmbeddedDatabase(database: Database): Promise<MaintenancePass> {
  // The one process keeps its counts to itself until it is idle and a second has passed since it last
  // published them; this makes it publish them when this statement ends, before they are read below.
  await database.db.execute(sql`SELECT pg_stat_force_next_flush()`);
  const tables = resultRows<TableActivity>(
    await database.db.execute(sql`
      SELECT s.relname AS name, greatest(c.reltuples, 0)::float8 AS rows,
             s.n_mod_since_analyze::float8 AS "changedSinceAnalyze", s.n_dead_tup::float8 AS dead,
             s.n_ins_since_vacuum::float8 AS "insertedSinceVacuum"
        FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
       WHERE s.schemaname = 'public'
       ORDER BY s.relname`),
  );
  const pass: MaintenancePass = { analyzed: [], vacuumed: [] };
  for (const table of tables) {
    const work = maintenanceDue(table);
    if (!work) continue;
    const name = sql.identifier(table.name);
    // One table at a time: each request waits for at most one table's work, never for a whole pass.
    if (work === "vacuum and analyze") await database.db.execute(sql`VACUUM (ANALYZE) ${name}`);
    else if (work === "vacuum") await database.db.execute(sql`VACUUM ${name}`);
    else await database.db.execute(sql`ANALYZE ${name}`);
    if (work !== "analyze") pass.vacuumed.push(table.name);
    if (work !== "vacuum") pass.analyzed.push(table.name);
  }
  return pass;
}

export type MaintenancePass = { analyzed: string[]; vacuumed: string[] };

type TableActivity = {
  name: string;
  rows: number;
  changedSinceAnalyze: number;
  dead: number;
  insertedSinceVacuum: number;
};

/** PostgreSQL's defaults: autovacuum_analyze_threshold, _scale_factor and their vacuum and insert twins. */
const thresholds = {
  analyze: { base: 50, share: 0.1 },
  vacuumDead: { base: 50, share: 0.2 },
  vacuumInserted: { base: 1000, share: 0.2 },
};

function maintenanceDue(t: TableActivity): "analyze" | "vacuum" | "vacuum and analyze" | null {
  const past = (count: number, limit: { base: number; share: number }) =>
    count > limit.base + limit.share * t.rows;
  const analyze = past(t.changedSinceAnalyze, thresholds.analyze);
  const vacuum =
    past(t.dead, thresholds.vacuumDead) || past(t.insertedSinceVacuum, thresholds.vacuumInserted);
  if (analyze && vacuum) return "vacuum and analyze";
  return vacuum ? "vacuum" : analyze ? "analyze" : null;
}

/**
 * Runs the pass at start (statistics left by the last run) and then every `intervalMs` while the server runs;
 * nothing on PostgreSQL, whose own autovacuum does this. A pass in progress finishes before `stop` returns.
 */
export function startEmbeddedMaintenance(
  database: Database,
  logger: Logger,
  intervalMs = 30_000,
): { stop(): Promise<void> } | undefined {
  if (database.kind !== "pglite") return undefined;
  let running: Promise<void> | undefined;
  const tick = () => {
    running ??= maintainEmbeddedDatabase(database)
      .then((pass) => {
        if (pass.analyzed.length > 0 || pass.vacuumed.length > 0)
          logger.debug(pass, "embedded database maintained");
      })
      .catch((error) => logger.warn({ err: String(error) }, "embedded database maintenance failed"))
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  const first = setTimeout(tick, 1000);
  first.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      clearTimeout(first);
      await running;
    },
  };
}
