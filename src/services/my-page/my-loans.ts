import type { Db } from "../../db/client.ts";
import type { IsoDate } from "../../domain/calendar/calendar-rules.ts";
import { isAppError } from "../../domain/errors.ts";
import { type LoanView, listPatronLoans } from "../circulation/list-loans.ts";
import { renewLoan } from "../circulation/renew-loan.ts";

type MyLoansInput = { db: Db; librarySystemId: number; patronId: string; now: Date };

/** My loans: each with its due date and whether the web may renew it, and if not, why (003's three words). */
export function listMyLoans(input: MyLoansInput): Promise<LoanView[]> {
  return listPatronLoans({ ...input, actor: null, channel: "web" });
}

/** One of my loans renewed on the web; another patron's loan is LOAN_NOT_FOUND. */
export function renewMyLoan(input: MyLoansInput & { loanId: number }) {
  return renewLoan({ ...input, actor: null, channel: "web" });
}

export type RenewAllOutcome = {
  renewed: { id: number; title: string; dueDate: IsoDate }[];
  notRenewed: { id: number; title: string; code: string; details: Record<string, unknown> }[];
};

/**
 * "Renew all" (まとめて延長): every loan the web may renew is renewed, each in its own transaction so one
 * refusal (a reservation placed a moment ago) does not undo the others; the rest are listed with the reason.
 */
export async function renewAllMyLoans(input: MyLoansInput): Promise<RenewAllOutcome> {
  const loans = await listMyLoans(input);
  const outcome: RenewAllOutcome = { renewed: [], notRenewed: [] };
  for (const loan of loans) {
    if (!loan.renewable) {
      const first = loan.renewalRefusals[0]!;
      outcome.notRenewed.push({
        id: loan.id,
        title: loan.item.title,
        code: first.code,
        details: first.details,
      });
      continue;
    }
    try {
      const renewed = await renewMyLoan({ ...input, loanId: loan.id });
      outcome.renewed.push({ id: loan.id, title: loan.item.title, dueDate: renewed.dueDate });
    } catch (error) {
      if (!isAppError(error)) throw error;
      outcome.notRenewed.push({
        id: loan.id,
        title: loan.item.title,
        code: error.code,
        details: error.details,
      });
    }
  }
  return outcome;
}
