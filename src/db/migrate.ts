import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Database } from "./client.ts";

const migrationsDir = fileURLToPath(new URL("../../migrations/", import.meta.url));

export type MigrationResult = { applied: string[]; alreadyApplied: number };

/**
 * Applies the checked-in SQL migrations that are not yet applied, each in its own transaction.
 * Safe to run twice, and with two processes starting together: they queue on an advisory lock.
 */
export async function migrate(database: Database): Promise<MigrationResult> {
  return database.withExclusiveLock("shiori-migrations", async () => {
    await database.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
    );
    const rows = await database.db.execute<{ name: string }>("SELECT name FROM schema_migrations");
    const done = new Set(resultRows<{ name: string }>(rows).map((r) => r.name));
    const files = readdirSync(migrationsDir)
      .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
      .sort();
    const applied: string[] = [];
    for (const file of files) {
      if (done.has(file)) continue;
      const body = readFileSync(migrationsDir + file, "utf8");
      // One simple-protocol query holding several statements runs as one transaction.
      await database.exec(`${body}\n;INSERT INTO schema_migrations (name) VALUES ('${file}');`);
      applied.push(file);
    }
    await database.exec(`
      GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO shiori_tenant;
      GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO shiori_tenant;
      GRANT shiori_tenant TO CURRENT_USER;`);
    return { applied, alreadyApplied: done.size };
  });
}

/** node-postgres answers `{ rows }`, PGlite answers `{ rows }` too, but typed apart. */
export function resultRows<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
