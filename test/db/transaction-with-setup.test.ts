import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { sql } from "drizzle-orm";
import { resultRows } from "../../src/db/migrate.ts";
import { transactionWithSetup } from "../../src/db/transaction-with-setup.ts";
import { openTestDatabase } from "../support/test-database.ts";

// Runs on PGlite, and on PostgreSQL with TEST_DATABASE_URL (BEGIN and the setup in one round trip there).
describe("transactions that begin with setup statements", () => {
  test("the setup is in force inside, gone after; a failure rolls everything back; the connection is reused", async (t) => {
    const database = await openTestDatabase();
    t.after(() => database.close());
    const { db } = database;
    await db.execute(sql`CREATE TABLE IF NOT EXISTS setup_probe_table (n int)`);
    await db.execute(sql`DELETE FROM setup_probe_table`);

    const inside = await transactionWithSetup(
      db,
      ["SELECT set_config('shiori.probe', 'x', true)", "SET LOCAL jit = off"],
      async (tx) =>
        resultRows<{ probe: string; jit: string }>(
          await tx.execute(
            sql`SELECT current_setting('shiori.probe') AS probe, current_setting('jit') AS jit`,
          ),
        )[0],
    );
    assert.deepEqual(inside, { probe: "x", jit: "off" });
    const after = resultRows<{ probe: string | null }>(
      await db.execute(sql`SELECT nullif(current_setting('shiori.probe', true), '') AS probe`),
    )[0];
    assert.equal(after?.probe ?? null, null);

    await assert.rejects(
      transactionWithSetup(db, ["SELECT 1"], async (tx) => {
        await tx.execute(sql`INSERT INTO setup_probe_table VALUES (1)`);
        throw new Error("refused");
      }),
      /refused/,
    );
    await assert.rejects(transactionWithSetup(db, ["SELECT no_such_function()"], async () => "never"));
    // Every connection the pool holds still works, and nothing was written.
    const counts = await Promise.all(
      Array.from({ length: 12 }, () =>
        transactionWithSetup(
          db,
          ["SELECT 1"],
          async (tx) =>
            resultRows<{ n: number }>(
              await tx.execute(sql`SELECT count(*)::int AS n FROM setup_probe_table`),
            )[0]?.n,
        ),
      ),
    );
    assert.deepEqual(new Set(counts), new Set([0]));
    await db.execute(sql`DROP TABLE setup_probe_table`);
  });
});
