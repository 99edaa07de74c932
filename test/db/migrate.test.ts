import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { describe, test } from "node:test";
import { sql } from "drizzle-orm";
import { openDatabase } from "../../src/db/client.ts";
import { migrate, resultRows } from "../../src/db/migrate.ts";
import { openTestDatabase } from "../support/test-database.ts";

const migrationCount = readdirSync(new URL("../../migrations/", import.meta.url)).filter((f) =>
  f.endsWith(".sql"),
).length;

describe("migrations", () => {
  test("applying migrations twice applies each once", async () => {
    const database = await openTestDatabase();
    try {
      const first = await migrate(database);
      assert.equal(first.applied.length, migrationCount);
      const second = await migrate(database);
      assert.deepEqual(second.applied, []);
      assert.equal(second.alreadyApplied, migrationCount);
    } finally {
      await database.close();
    }
  });

  test("two starts migrating together apply each migration once", async () => {
    const database = await openTestDatabase();
    // On PostgreSQL a second pool is a second process's connections; PGlite serves one process.
    const other = database.url ? await openDatabase({ url: database.url }) : database;
    try {
      const [a, b] = await Promise.all([migrate(database), migrate(other)]);
      assert.equal(a.applied.length + b.applied.length, migrationCount);
      const rows = resultRows<{ n: number }>(
        await database.db.execute(sql`SELECT count(*)::int AS n FROM schema_migrations`),
      );
      assert.equal(rows[0]!.n, migrationCount);
    } finally {
      if (other !== database) await other.close();
      await database.close();
    }
  });
});
