import { japanDate } from "../../clock.ts";
import type { Db } from "../../db/client.ts";
import { insertAuditEntry } from "../../db/queries/audit-log.ts";
import { listLibrarySystems } from "../../db/queries/library-systems.ts";
import { listActiveCardsOf } from "../../db/queries/patron-cards.ts";
import {
  deletePatrons,
  listRegistrationsToPurge,
  markExpiredRegistrations,
} from "../../db/queries/patrons.ts";
import { withTenant } from "../../db/tenant.ts";
import { addDays } from "../../domain/calendar/dates.ts";
import { getPolicyInForce } from "../policies/get-policy-in-force.ts";
import { queueElibraryNotice } from "./queue-elibrary-notice.ts";

/** The daily job `expireRegistrations`: registrations past their last valid day are marked expired. */
export async function expireRegistrations(db: Db, now: Date): Promise<Record<string, number>> {
  const today = japanDate(now);
  const expired: Record<string, number> = {};
  for (const system of await listLibrarySystems(db)) {
    const ids = await withTenant(db, system.id, async (tx) => {
      const marked = await markExpiredRegistrations(tx, today, now);
      if (marked.length > 0) {
        await insertAuditEntry(tx, {
          actorStaffId: null,
          action: "patron.expire",
          subjectType: "patronBatch",
          subjectId: today,
          details: { count: marked.length },
          at: now,
        });
      }
      return marked;
    });
    expired[system.slug] = ids.length;
  }
  return expired;
}

const purgeBatch = 500;

/**
 * The daily job `purgeExpiredRegistrations`. 000: 有効期限が切れてから一定期間経過後に、図書館カードの登録情報
 * (読書記録含む)は削除されます — the registration, its cards and credentials are deleted once the policy's
 * period after the expiry has passed, and the e-library is told; the audit log keeps that it happened, not who
 * it was.
 */
export async function purgeExpiredRegistrations(db: Db, now: Date): Promise<Record<string, number>> {
  const today = japanDate(now);
  const purged: Record<string, number> = {};
  for (const system of await listLibrarySystems(db)) {
    const { policy } = await getPolicyInForce(db, system.id, today);
    const days = policy.registration.purgeAfterExpiryDays;
    if (days === null) continue;
    // Expired on or before this day: the purge date (expiry + days) is today or earlier.
    const expiredBefore = addDays(today, -days + 1);
    let count = 0;
    for (;;) {
      const deleted = await withTenant(db, system.id, async (tx) => {
        const rows = await listRegistrationsToPurge(tx, expiredBefore, purgeBatch);
        // The e-library account keyed by the card number goes with the registration.
        const registeredThere = rows.filter((r) => r.elibraryRegistered).map((r) => r.id);
        for (const card of await listActiveCardsOf(tx, registeredThere)) {
          if (card.kind === "card")
            await queueElibraryNotice(tx, { kind: "unregister", cardNumber: card.number }, now);
        }
        await deletePatrons(
          tx,
          rows.map((r) => r.id),
        );
        for (const row of rows) {
          await insertAuditEntry(tx, {
            actorStaffId: null,
            action: "patron.purge",
            subjectType: "patron",
            subjectId: row.id,
            details: { expiresOn: row.expiresOn, purgeAfterExpiryDays: days },
            at: now,
          });
        }
        return rows.length;
      });
      count += deleted;
      if (deleted < purgeBatch) break;
    }
    purged[system.slug] = count;
  }
  return purged;
}
