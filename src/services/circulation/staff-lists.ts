import { japanDate } from "../../clock.ts";
import type { Db } from "../../db/client.ts";
import { insertAuditEntry } from "../../db/queries/audit-log.ts";
import {
  clearReturnExceptions,
  listOpenReturnExceptions,
  listOverdueLoans,
  type OverdueLoanRow,
  type ReturnExceptionRow,
} from "../../db/queries/loans.ts";
import { withTenant } from "../../db/tenant.ts";
import { AppError } from "../../domain/errors.ts";
import { actorDetails, type StaffActor } from "../staff-actor.ts";

/** Returns taken in against a rule (a CD from a book drop, an item away from its lending library) to look at. */
export async function listReturnExceptions(db: Db, librarySystemId: number): Promise<ReturnExceptionRow[]> {
  return withTenant(db, librarySystemId, listOpenReturnExceptions);
}

export async function resolveReturnException(input: {
  db: Db;
  librarySystemId: number;
  actor: StaffActor;
  loanId: number;
  now: Date;
}): Promise<void> {
  await withTenant(input.db, input.librarySystemId, async (tx) => {
    if (!(await clearReturnExceptions(tx, input.loanId, input.now))) {
      throw new AppError("RETURN_EXCEPTION_NOT_FOUND", { loanId: input.loanId });
    }
    await insertAuditEntry(tx, {
      actorStaffId: input.actor.staffId,
      action: "loan.clearReturnException",
      subjectType: "loan",
      subjectId: String(input.loanId),
      details: actorDetails(input.actor),
      at: input.now,
    });
  });
}

/** The overdue list with names and phone numbers: a staff view of patron data, so it is audited. */
export async function listOverdue(input: {
  db: Db;
  librarySystemId: number;
  actor: StaffActor;
  now: Date;
}): Promise<OverdueLoanRow[]> {
  const today = japanDate(input.now);
  return withTenant(input.db, input.librarySystemId, async (tx) => {
    const rows = await listOverdueLoans(tx, today);
    await insertAuditEntry(tx, {
      actorStaffId: input.actor.staffId,
      action: "loan.viewOverdueList",
      subjectType: "patronBatch",
      subjectId: today,
      details: { ...actorDetails(input.actor), count: rows.length },
      at: input.now,
    });
    return rows;
  });
}
