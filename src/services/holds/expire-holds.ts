import { japanDate } from "../../clock.ts";
import type { Db } from "../../db/client.ts";
import { refreshRecordSummaries } from "../../db/queries/catalogue-records.ts";
import {
  type ExpiredHoldRow,
  expireReadyHolds,
  queueLengths,
  readExpiryNoticeFacts,
  sendHeldItemsHome,
} from "../../db/queries/holds.ts";
import { listLibrarySystems } from "../../db/queries/library-systems.ts";
import { insertOutboxMessages } from "../../db/queries/outbox.ts";
import { type TenantTx, withTenant } from "../../db/tenant.ts";
import { getPolicyInForce } from "../policies/get-policy-in-force.ts";
import { holdExpiredMail } from "./hold-mail.ts";
import { type RoutingContext, releaseHeldItem } from "./route-item.ts";

const batchSize = 2_000;

export type ExpiryReport = { expired: number; retrapped: number; mails: number };

/**
 * The daily job `expireHolds`: every ready reservation past its pickup deadline ends, the patron who chose
 * mail is told, and the copy goes to the next reservation of its title (trapped one by one, as at a return)
 * or home (in bulk). Batches commit on their own, so a second run carries on where the first stopped and
 * finds nothing left once done.
 */
export async function expireHolds(db: Db, now: Date): Promise<Record<string, ExpiryReport>> {
  const today = japanDate(now);
  const reports: Record<string, ExpiryReport> = {};
  for (const system of await listLibrarySystems(db)) {
    const { policy } = await getPolicyInForce(db, system.id, today);
    const report: ExpiryReport = { expired: 0, retrapped: 0, mails: 0 };
    for (;;) {
      const batch = await withTenant(db, system.id, async (tx) => {
        const expired = await expireReadyHolds(tx, today, batchSize, now);
        if (expired.length === 0) return expired;
        const mails = (
          await readExpiryNoticeFacts(
            tx,
            expired.map((h) => h.id),
          )
        ).map((facts) => {
          const hold = expired.find((h) => h.id === facts.holdId)!;
          const mail = holdExpiredMail(facts.library, facts, hold.pickupDeadline);
          return {
            toAddress: facts.email!,
            subject: mail.subject,
            textBody: mail.text,
            template: mail.template,
          };
        });
        await insertOutboxMessages(tx, mails, now);
        report.mails += mails.length;
        report.retrapped += await freeCopies(tx, expired, { policy, now, today });
        await refreshRecordSummaries(tx, [...new Set(expired.map((h) => h.recordId))]);
        return expired;
      });
      report.expired += batch.length;
      if (batch.length < batchSize) break;
    }
    reports[system.slug] = report;
  }
  return reports;
}

async function freeCopies(
  tx: TenantTx,
  expired: readonly ExpiredHoldRow[],
  ctx: Omit<RoutingContext, "tx">,
): Promise<number> {
  const held = expired.filter((h) => h.itemId !== null);
  // As many copies of a title go through trapping as patrons wait for it; the others go home in bulk.
  const waiting = await queueLengths(
    tx,
    held.map((h) => h.recordId),
  );
  const toTrap: ExpiredHoldRow[] = [];
  const home: ExpiredHoldRow[] = [];
  for (const hold of held) {
    const left = waiting.get(hold.recordId) ?? 0;
    if (left > 0) {
      toTrap.push(hold);
      waiting.set(hold.recordId, left - 1);
    } else home.push(hold);
  }
  let retrapped = 0;
  for (const hold of toTrap) {
    const routed = await releaseHeldItem({ tx, ...ctx }, hold.itemId!, {
      pickupServicePointId: hold.pickupServicePointId,
      travelling: false,
    });
    if (routed.holdTrapped) retrapped++;
  }
  await sendHeldItemsHome(
    tx,
    home.map((h) => ({ itemId: h.itemId!, hereId: h.pickupServicePointId })),
    ctx.now,
  );
  return retrapped;
}
