import type { Db } from "../../db/client.ts";
import { dueSubscribers, markServed, weekArrivals } from "../../db/queries/arrival-alerts.ts";
import { insertOutboxMessages } from "../../db/queries/outbox.ts";
import { withTenant } from "../../db/tenant.ts";
import type { IsoDate } from "../../domain/calendar/calendar-rules.ts";
import { arrivalMatcher, arrivalWeek, matchesFor } from "../../domain/my-page/arrival-alerts.ts";

const BATCH = 2_000;
/** A mail lists this many titles; the rest are counted and the new-arrivals page is linked. */
const TITLES_PER_MAIL = 30;

export type ArrivalMailRun = { arrivals: number; subscribers: number; mails: number };

/**
 * The weekly mail of one library system: the week's arrivals are read once and matched per distinct
 * criterion; subscribers are served in batches, each batch's mails written to the outbox and the batch marked
 * served in one transaction, so a second run on the same day sends nothing twice and a crash resumes.
 */
export async function sendArrivalMail(input: {
  db: Db;
  librarySystemId: number;
  library: { slug: string; ja: string; en: string };
  publicUrl: string;
  today: IsoDate;
  now: Date;
}): Promise<ArrivalMailRun> {
  const { db, librarySystemId, today } = input;
  const week = arrivalWeek(today);
  const arrivals = await withTenant(db, librarySystemId, (tx) => weekArrivals(tx, week.from, week.to));
  const titles = new Map(arrivals.map((a) => [a.recordId, a.title]));
  const match = arrivalMatcher(arrivals);
  const run: ArrivalMailRun = { arrivals: arrivals.length, subscribers: 0, mails: 0 };
  let after: string | null = null;
  for (;;) {
    const done: boolean = await withTenant(db, librarySystemId, async (tx) => {
      const batch = await dueSubscribers(tx, today, after, BATCH);
      if (batch.length === 0) return true;
      const mails = [];
      for (const subscriber of batch) {
        run.subscribers++;
        if (!subscriber.email || subscriber.status !== "active" || !subscriber.alerts) continue;
        const found = [...matchesFor(subscriber.alerts, match)];
        if (found.length === 0) continue;
        mails.push({
          toAddress: subscriber.email,
          ...arrivalMail(
            input,
            subscriber.name,
            found.map((id) => ({ id, title: titles.get(id)! })),
            subscriber.token,
            week,
          ),
        });
      }
      await insertOutboxMessages(tx, mails, input.now);
      await markServed(
        tx,
        batch.map((s) => s.patronId),
        today,
      );
      run.mails += mails.length;
      after = batch.at(-1)!.patronId;
      return batch.length < BATCH;
    });
    if (done) break;
  }
  return run;
}

function arrivalMail(
  input: { library: { slug: string; ja: string; en: string }; publicUrl: string },
  name: string,
  records: { id: number; title: string }[],
  token: string,
  week: { from: IsoDate; to: IsoDate },
): { subject: string; textBody: string; template: string } {
  const base = `${input.publicUrl}/${input.library.slug}`;
  const listed = records.slice(0, TITLES_PER_MAIL).map((r) => `・${r.title}\n  ${base}/records/${r.id}`);
  const more = records.length - listed.length;
  const unsubscribe = `${base}/arrival-alerts/unsubscribe?token=${token}`;
  return {
    subject: `【${input.library.ja}】新着資料のお知らせ / New arrivals for you`,
    template: "arrivalMail",
    textBody: [
      `${name} 様`,
      "",
      `ご登録の条件に合う新着資料(${week.from}〜${week.to} 受入)をお知らせします。`,
      "",
      ...listed,
      ...(more > 0 ? [`ほか ${more} 件: ${base}/new-arrivals`] : []),
      "",
      `条件の変更は利用者ページから: ${base}/my/alerts`,
      `配信の停止(ログイン不要): ${unsubscribe}`,
      "",
      `New arrivals from ${week.from} to ${week.to} that match what you saved are listed above` +
        (more > 0 ? ` (and ${more} more at ${base}/new-arrivals).` : "."),
      `Change what you follow on your page (${base}/my/alerts) or stop this mail: ${unsubscribe}`,
      "",
      input.library.ja,
    ].join("\n"),
  };
}
