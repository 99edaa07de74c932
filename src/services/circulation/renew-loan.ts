import { japanDate } from "../../clock.ts";
import type { Db } from "../../db/client.ts";
import { insertAuditEntry } from "../../db/queries/audit-log.ts";
import { lockOpenLoan, renewLoanRow } from "../../db/queries/loans.ts";
import { withTenant } from "../../db/tenant.ts";
import type { IsoDate } from "../../domain/calendar/calendar-rules.ts";
import {
  type RenewalChannel,
  refuseLoanRenewal,
  renewedDueDate,
} from "../../domain/circulation/loan-renewal.ts";
import { AppError } from "../../domain/errors.ts";
import { throwRefusals } from "../patrons/field-checks.ts";
import { getPolicyInForce } from "../policies/get-policy-in-force.ts";
import { actorDetails, type StaffActor } from "../staff-actor.ts";
import { requireServicePoint } from "./circulation-context.ts";

export type RenewLoanInput = {
  db: Db;
  librarySystemId: number;
  loanId: number;
  channel: RenewalChannel;
  /** Staff renewing at the counter or on the phone; null when the patron renews on the web. */
  actor: StaffActor | null;
  /** The signed-in patron: only their own loans. */
  patronId?: string;
  now: Date;
};

/**
 * Renews a loan once more (貸出延長): the refusals of `refuseLoanRenewal`, then the new due date from the
 * policy's base, moved to an opening day of the lending service point.
 */
export async function renewLoan(
  input: RenewLoanInput,
): Promise<{ id: number; dueDate: IsoDate; renewals: number }> {
  const { db, librarySystemId, now } = input;
  const today = japanDate(now);
  const { policy } = await getPolicyInForce(db, librarySystemId, today);
  return withTenant(db, librarySystemId, async (tx) => {
    const loan = await lockOpenLoan(tx, input.loanId);
    if (!loan || (input.patronId !== undefined && loan.patronId !== input.patronId)) {
      throw new AppError("LOAN_NOT_FOUND", { loanId: input.loanId });
    }
    const renewable = { ...loan, isIll: loan.flags.includes("ill") };
    throwRefusals(refuseLoanRenewal(policy.loans.renewal, renewable, input.channel, today));
    const point = await requireServicePoint(tx, loan.servicePointId);
    const dueDate = renewedDueDate(policy.loans.renewal, loan, point.calendar, today);
    await renewLoanRow(tx, loan, dueDate, today, now);
    await insertAuditEntry(tx, {
      actorStaffId: input.actor?.staffId ?? null,
      action: "loan.renew",
      subjectType: "patron",
      subjectId: loan.patronId,
      details: {
        ...(input.actor ? actorDetails(input.actor) : { by: "patron" }),
        loanId: loan.id,
        channel: input.channel,
        from: loan.dueOn,
        to: dueDate,
      },
      at: now,
    });
    return { id: loan.id, dueDate, renewals: loan.renewals + 1 };
  });
}
