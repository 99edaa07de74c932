import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "drizzle-orm";
import type { Database } from "../../src/db/client.ts";
import { migrate, resultRows } from "../../src/db/migrate.ts";
import { listServicePointRows } from "../../src/db/queries/service-points.ts";
import { withTenant } from "../../src/db/tenant.ts";
import { seedDemo } from "../../src/services/demo/seed-demo.ts";
import { openTestDatabase } from "../support/test-database.ts";

describe("tenant isolation", () => {
  let database: Database;
  let ids: Record<string, number>;
  before(async () => {
    database = await openTestDatabase();
    await migrate(database);
    await seedDemo(database.db, { now: new Date("2026-04-01T00:00:00Z"), production: true });
    const rows = resultRows<{ id: number; slug: string }>(
      await database.db.execute(sql`SELECT id, slug FROM library_systems`),
    );
    ids = Object.fromEntries(rows.map((r) => [r.slug, r.id]));
  });
  after(() => database.close());

  test("a tenant transaction sees only its own rows even without a WHERE clause (row-level security)", async () => {
    const all = resultRows<{ n: number }>(
      await database.db.execute(sql`SELECT count(*)::int AS n FROM service_points`),
    );
    const visible = await withTenant(database.db, ids.kashiwa!, async (tx) =>
      resultRows<{ library_system_id: number }>(
        await tx.execute(sql`SELECT library_system_id FROM service_points`),
      ),
    );
    assert.ok(all[0]!.n > visible.length);
    assert.ok(visible.length > 0);
    assert.ok(visible.every((r) => r.library_system_id === ids.kashiwa));
  });

  test("the query functions answer only the tenant's rows", async () => {
    const points = await withTenant(database.db, ids.aomori!, (tx) => listServicePointRows(tx));
    assert.equal(points.length, 60);
  });

  test("a tenant transaction cannot write a row for another system", async () => {
    await assert.rejects(
      withTenant(database.db, ids.kashiwa!, (tx) =>
        tx.execute(
          sql`INSERT INTO audit_log (library_system_id, action, subject_type, subject_id, at) VALUES (${ids.hiratsuka}, 'x', 'y', 'z', now())`,
        ),
      ),
      (error: Error & { cause?: Error }) => /row-level security/.test(error.cause?.message ?? error.message),
    );
  });

  test("a tenant transaction cannot change another system's rows", async () => {
    const changed = await withTenant(database.db, ids.kashiwa!, async (tx) =>
      resultRows(
        await tx.execute(
          sql`UPDATE service_points SET name_en = 'x' WHERE library_system_id = ${ids.hiratsuka} RETURNING id`,
        ),
      ),
    );
    assert.equal(changed.length, 0);
  });

  test("there is no tenant query without a tenant", async () => {
    await assert.rejects(
      withTenant(database.db, 0, async () => undefined),
      /library system id/,
    );
    await assert.rejects(
      withTenant(database.db, Number.NaN, async () => undefined),
      /library system id/,
    );
  });

  test("the tenant setting ends with its transaction", async () => {
    await withTenant(database.db, ids.kashiwa!, async () => undefined);
    const rows = resultRows<{ s: string | null }>(
      await database.db.execute(sql`SELECT current_setting('shiori.library_system_id', true) AS s`),
    );
    assert.ok(!rows[0]!.s, `leaked setting ${rows[0]!.s}`);
  });
});
