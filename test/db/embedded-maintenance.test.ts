import assert from "node:assert/strict";
import { test } from "node:test";
import { setTimeout } from "node:timers/promises";
import { sql } from "drizzle-orm";
import { type Database, openDatabase } from "../../src/db/client.ts";
import { maintainEmbeddedDatabase, startEmbeddedMaintenance } from "../../src/db/embedded-maintenance.ts";
import { resultRows } from "../../src/db/migrate.ts";
import { executeNamed } from "../../src/db/named-statement.ts";
import type { TenantTx } from "../../src/db/tenant.ts";
import { createLogger } from "../../src/logger.ts";

// The embedded database itself, whatever TEST_DATABASE_URL says: this is what PGlite lacks.
async function embedded(t: { after(fn: () => Promise<void>): void }): Promise<Database> {
  const database = await openDatabase({});
  t.after(() => database.close());
  await database.exec(`
    CREATE TABLE probe (id integer PRIMARY KEY, owner integer NOT NULL, open boolean NOT NULL);
    CREATE INDEX probe_open_by_owner ON probe (owner) WHERE open;
    ANALYZE probe;`);
  return database;
}

async function activity(database: Database) {
  await database.db.execute(sql`SELECT pg_stat_force_next_flush()`);
  const [row] = resultRows<{ changed: number; dead: number; analyzed: boolean; vacuumed: boolean }>(
    await database.db.execute(sql`
      SELECT n_mod_since_analyze::int AS changed, n_dead_tup::int AS dead,
             last_analyze IS NOT NULL AS analyzed, last_vacuum IS NOT NULL AS vacuumed
        FROM pg_stat_user_tables WHERE relname = 'probe'`),
  );
  return row!;
}

/** The plan of a statement prepared once and run many times, as the counter's statements are. */
async function preparedPlan(database: Database): Promise<string> {
  const tx = Object.assign(database.db, { librarySystemId: 1, origin: database.db }) as unknown as TenantTx;
  // The first five runs are planned with their values; from then on PostgreSQL keeps one generic plan.
  for (let run = 0; run < 6; run++) {
    await executeNamed(tx, "probe_open_of", sql`SELECT count(*) FROM probe WHERE owner = ${7} AND open`);
  }
  const plan = resultRows<{ "QUERY PLAN": string }>(
    await database.db.execute(sql.raw("EXPLAIN EXECUTE probe_open_of(7)")),
  );
  return plan.map((r) => r["QUERY PLAN"]).join("\n");
}

test("a table past the autovacuum thresholds is analyzed and vacuumed; one below them is left alone", async (t) => {
  const database = await embedded(t);
  await database.exec("INSERT INTO probe SELECT g, g % 50, g % 10 = 0 FROM generate_series(1, 40) g");
  // 40 changed rows on an empty table: below 50 + 10 %.
  assert.deepEqual(await maintainEmbeddedDatabase(database), { analyzed: [], vacuumed: [] });

  await database.exec("INSERT INTO probe SELECT g, g % 50, g % 10 = 0 FROM generate_series(41, 2000) g");
  assert.deepEqual(await maintainEmbeddedDatabase(database), { analyzed: ["probe"], vacuumed: ["probe"] });
  const after = await activity(database);
  assert.equal(after.changed, 0);
  assert.ok(after.analyzed && after.vacuumed);

  // 300 dead rows of 2,000 are changes enough for ANALYZE (50 + 10 %), not for VACUUM (50 + 20 %); 600 are.
  await database.exec("DELETE FROM probe WHERE id <= 300");
  assert.deepEqual(await maintainEmbeddedDatabase(database), { analyzed: ["probe"], vacuumed: [] });
  await database.exec("DELETE FROM probe WHERE id <= 600");
  assert.equal((await activity(database)).dead, 600);
  assert.deepEqual(await maintainEmbeddedDatabase(database), { analyzed: ["probe"], vacuumed: ["probe"] });
  assert.equal((await activity(database)).dead, 0);
  assert.deepEqual(await maintainEmbeddedDatabase(database), { analyzed: [], vacuumed: [] });
});

test("a statement prepared while its table was empty is planned again once the table has grown", async (t) => {
  const database = await embedded(t);
  // Prepared on the empty table: reading the whole table is the cheapest plan.
  assert.match(await preparedPlan(database), /Seq Scan on probe/);
  await database.exec("INSERT INTO probe SELECT g, g % 5000, g % 10 = 0 FROM generate_series(1, 50000) g");
  assert.match(await preparedPlan(database), /Seq Scan on probe/, "nothing tells PGlite the table grew");

  await maintainEmbeddedDatabase(database);
  assert.match(await preparedPlan(database), /probe_open_by_owner/);
});

test("the server maintains an embedded database while it runs; PostgreSQL is left to its own autovacuum", async (t) => {
  const logger = createLogger("silent");
  const database = await embedded(t);
  await database.exec("INSERT INTO probe SELECT g, g % 50, g % 10 = 0 FROM generate_series(1, 2000) g");
  const running = startEmbeddedMaintenance(database, logger, 100);
  assert.ok(running);
  t.after(() => running.stop());
  const deadline = Date.now() + 10_000;
  while (!(await activity(database)).analyzed && Date.now() < deadline) await setTimeout(100);
  assert.ok((await activity(database)).analyzed, "analyzed by the running maintenance");
  await running.stop();

  assert.equal(startEmbeddedMaintenance({ ...database, kind: "postgres" }, logger), undefined);
});
