import { japanDate } from "../../clock.ts";
import type { Db } from "../../db/client.ts";
import { insertAuditEntry } from "../../db/queries/audit-log.ts";
import { listOpenLoansOf, type OpenLoanRow } from "../../db/queries/loans.ts";
import { withTenant } from "../../db/tenant.ts";
import type { IsoDate } from "../../domain/calendar/calendar-rules.ts";
import { compareDates } from "../../domain/calendar/dates.ts";
import { type RenewalChannel, refuseLoanRenewal } from "../../domain/circulation/loan-renewal.ts";
import type { Refusal } from "../../domain/circulation/refusal.ts";
import type { Policy } from "../../domain/policy/policy-schema.ts";
import type { ItemFlag, MaterialType } from "../../domain/vocabulary.ts";
import { getPolicyInForce } from "../policies/get-policy-in-force.ts";
import { actorDetails, type StaffActor } from "../staff-actor.ts";

export type LoanView = {
  id: number;
  item: { barcode: string; recordId: number; title: string; materialType: MaterialType; callNumber: string };
  loanedOn: IsoDate;
  dueDate: IsoDate;
  renewals: number;
  overdue: boolean;
  delivery: "postal" | "online" | null;
  /** Whether the loan can be renewed today through this channel, and if not, every reason. */
  renewable: boolean;
  renewalRefusals: Refusal[];
};

export function loanView(
  policy: Policy,
  row: OpenLoanRow,
  channel: RenewalChannel,
  today: IsoDate,
): LoanView {
  const renewalRefusals = refuseLoanRenewal(
    policy.loans.renewal,
    { ...row, isIll: row.flags.includes("ill" satisfies ItemFlag) },
    channel,
    today,
  );
  return {
    id: row.id,
    item: {
      barcode: row.barcode,
      recordId: row.recordId,
      title: row.title,
      materialType: row.materialType as MaterialType,
      callNumber: row.callNumber,
    },
    loanedOn: row.loanedOn,
    dueDate: row.dueOn,
    renewals: row.renewals,
    overdue: compareDates(today, row.dueOn) > 0,
    delivery: row.delivery,
    renewable: renewalRefusals.length === 0,
    renewalRefusals,
  };
}

/** A patron's current loans with their renewability (staff view, audited). */
export async function listPatronLoans(input: {
  db: Db;
  librarySystemId: number;
  actor: StaffActor | null;
  patronId: string;
  channel: RenewalChannel;
  now: Date;
}): Promise<LoanView[]> {
  const { db, librarySystemId, actor, patronId, now } = input;
  const today = japanDate(now);
  const { policy } = await getPolicyInForce(db, librarySystemId, today);
  return withTenant(db, librarySystemId, async (tx) => {
    const rows = await listOpenLoansOf(tx, patronId);
    if (actor) {
      await insertAuditEntry(tx, {
        actorStaffId: actor.staffId,
        action: "patron.viewLoans",
        subjectType: "patron",
        subjectId: patronId,
        details: actorDetails(actor),
        at: now,
      });
    }
    return rows.map((row) => loanView(policy, row, input.channel, today));
  });
}
