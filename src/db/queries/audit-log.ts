import { auditLog } from "../schema.ts";
import type { TenantTx } from "../tenant.ts";

/** Written in the same transaction as the change it records. */
export async function insertAuditEntry(
  tx: TenantTx,
  entry: {
    actorStaffId: string | null;
    action: string;
    subjectType: string;
    subjectId: string;
    details?: Record<string, unknown>;
    at: Date;
  },
): Promise<void> {
  await tx
    .insert(auditLog)
    .values({ ...entry, details: entry.details ?? {}, librarySystemId: tx.librarySystemId });
}
