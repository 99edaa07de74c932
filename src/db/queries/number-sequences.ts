import { sql } from "drizzle-orm";
import { resultRows } from "../migrate.ts";
import type { TenantTx } from "../tenant.ts";

/**
 * The next serial of a kind ("item", "card"). The row lock taken by the upsert queues concurrent
 * callers, and a rolled-back transaction gives its serial back, so serials have neither gaps nor twins.
 */
export async function takeNextSerial(tx: TenantTx, kind: string): Promise<number> {
  const result = await tx.execute(sql`
    INSERT INTO number_sequences (library_system_id, kind, next_serial) VALUES (${tx.librarySystemId}, ${kind}, 2)
    ON CONFLICT (library_system_id, kind) DO UPDATE SET next_serial = number_sequences.next_serial + 1
    RETURNING (next_serial - 1)::int AS serial`);
  return resultRows<{ serial: number }>(result)[0]?.serial as number;
}

/** Moves a kind's counter past serials issued outside it (demo data, imported labels). */
export async function advanceSerialPast(tx: TenantTx, kind: string, serial: number): Promise<void> {
  await tx.execute(sql`
    INSERT INTO number_sequences (library_system_id, kind, next_serial) VALUES (${tx.librarySystemId}, ${kind}, ${serial + 1})
    ON CONFLICT (library_system_id, kind) DO UPDATE
      SET next_serial = greatest(number_sequences.next_serial, EXCLUDED.next_serial)`);
}
