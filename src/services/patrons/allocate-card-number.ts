import { takeNextSerial } from "../../db/queries/number-sequences.ts";
import { findCardByNumber } from "../../db/queries/patron-cards.ts";
import type { TenantTx } from "../../db/tenant.ts";
import { completeNumber, type NumberFormat } from "../../domain/barcodes/check-digit.ts";

/**
 * The next free card number of the policy's format. The `number_sequences` row lock queues concurrent
 * registrations, so numbers have neither gaps nor twins; numbers already on record (kit cards, imported
 * cards) are skipped.
 */
export async function allocateCardNumber(tx: TenantTx, format: NumberFormat): Promise<string> {
  for (;;) {
    const number = completeNumber(format, await takeNextSerial(tx, "card"));
    if (!(await findCardByNumber(tx, number))) return number;
  }
}
