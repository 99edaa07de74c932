import { AppError } from "../errors.ts";

/**
 * The fee ledger (料金台帳): every amount a service point takes — photocopies, NDL prints, postal-loan and
 * request postage — and the refunds. A refund is an entry of its own with a negative amount that names the
 * entry it refunds, so that the day's totals stay a plain sum and nothing is ever rewritten.
 */

export const feeKinds = ["photocopy", "postalLoanPostage", "requestPostage", "ndlPrint"] as const;
export type FeeKind = (typeof feeKinds)[number];

export type RefundableEntry = {
  id: number;
  amountYen: number;
  /** Set when the entry is itself a refund. */
  refundOf: number | null;
  /** What earlier refunds of this entry gave back (a positive number). */
  refundedYen: number;
};

/**
 * The amount to give back: the whole remainder when none is named. Refused for a refund
 * (`FEE_ENTRY_NOT_REFUNDABLE`), and for more than remains (`REFUND_EXCEEDS_PAID`).
 */
export function refundAmount(entry: RefundableEntry, asked: number | null): number {
  if (entry.refundOf !== null || entry.amountYen <= 0) {
    throw new AppError("FEE_ENTRY_NOT_REFUNDABLE", { entryId: entry.id });
  }
  const remaining = entry.amountYen - entry.refundedYen;
  const amount = asked ?? remaining;
  if (amount <= 0 || amount > remaining) {
    throw new AppError("REFUND_EXCEEDS_PAID", {
      entryId: entry.id,
      remainingYen: remaining,
      askedYen: amount,
    });
  }
  return amount;
}
