import { japanDate } from "../../clock.ts";
import type { Db } from "../../db/client.ts";
import { listLibrarySystems } from "../../db/queries/library-systems.ts";
import { listNoticeCandidates, type NoticeCandidateRow, recordLoanNotices } from "../../db/queries/loans.ts";
import { withTenant } from "../../db/tenant.ts";
import { addDays } from "../../domain/calendar/dates.ts";
import { type LoanNoticeKind, noticeDue } from "../../domain/circulation/loan-notices.ts";
import { queueMail } from "../mail/queue-mail.ts";
import { getPolicyInForce } from "../policies/get-policy-in-force.ts";

export type NoticeReport = { courtesy: number; overdue: number; mails: number };

/**
 * The daily job `overdueNotices`: one mail per patron and kind, listing every loan that needs that notice
 * today, written to the outbox in the transaction that records the notice on the loans. Run twice in a day,
 * the second run finds nothing left to send. Patrons without an e-mail address are left to the staff's
 * overdue list (a phone call or a postcard).
 */
export async function sendLoanNotices(db: Db, now: Date): Promise<Record<string, NoticeReport>> {
  const today = japanDate(now);
  const reports: Record<string, NoticeReport> = {};
  for (const system of await listLibrarySystems(db)) {
    const { policy } = await getPolicyInForce(db, system.id, today);
    const notices = policy.loans.notices;
    const dueBy = addDays(today, notices.courtesyDaysBeforeDue ?? 0);
    reports[system.slug] = await withTenant(db, system.id, async (tx) => {
      const report: NoticeReport = { courtesy: 0, overdue: 0, mails: 0 };
      const batches = new Map<string, { kind: LoanNoticeKind; email: string; loans: NoticeCandidateRow[] }>();
      for (const loan of await listNoticeCandidates(tx, dueBy)) {
        const kind = noticeDue(notices, loan, today);
        if (kind === null) continue;
        const key = `${loan.patronId}:${kind}`;
        const batch = batches.get(key) ?? { kind, email: loan.email, loans: [] };
        batch.loans.push(loan);
        batches.set(key, batch);
      }
      for (const batch of batches.values()) {
        await queueMail(
          tx,
          noticeMail(system.nameJa, system.nameEn, batch.kind, batch.email, batch.loans),
          now,
        );
        await recordLoanNotices(
          tx,
          batch.kind,
          batch.loans.map((loan) => loan.id),
          today,
        );
        report[batch.kind] += batch.loans.length;
        report.mails++;
      }
      return report;
    });
  }
  return reports;
}

function noticeMail(
  libraryJa: string,
  libraryEn: string,
  kind: LoanNoticeKind,
  to: string,
  loans: NoticeCandidateRow[],
) {
  const lines = loans.map((loan) => `・${loan.title}(${loan.barcode}) 返却期限 / due ${loan.dueOn}`);
  if (kind === "courtesy") {
    return {
      to,
      subject: `【${libraryJa}】返却期限が近づいています / Items due soon`,
      template: "loanCourtesy",
      text: [
        "お借りになっている資料の返却期限が近づいています。",
        "予約がなければ、貸出の延長ができます(延長は1回まで)。",
        "",
        ...lines,
        "",
        "Items you borrowed are due soon. Unless someone has reserved them, you may renew them.",
        "",
        `${libraryJa} / ${libraryEn}`,
      ].join("\n"),
    };
  }
  return {
    to,
    subject: `【${libraryJa}】返却期限を過ぎた資料があります / Overdue items`,
    template: "loanOverdue",
    text: [
      "返却期限を過ぎた資料があります。次に待っている方のために、お早めにご返却ください。",
      "図書館が閉まっているときはブックポストをご利用いただけます(CD・ビッグブック・他市から借り受けた資料などは窓口へ)。",
      "",
      ...lines,
      "",
      "These items are overdue. Please return them soon: others may be waiting for them.",
      "",
      `${libraryJa} / ${libraryEn}`,
    ].join("\n"),
  };
}
