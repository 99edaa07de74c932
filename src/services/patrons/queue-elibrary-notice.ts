import { insertJob } from "../../db/queries/jobs.ts";
import type { TenantTx } from "../../db/tenant.ts";
import type { ElibraryEvent } from "../../integrations/elibrary.ts";

/** The e-library is told by a durable job queued with the change: sent exactly when the change commits. */
export async function queueElibraryNotice(tx: TenantTx, event: ElibraryEvent, now: Date): Promise<void> {
  await insertJob(tx, {
    name: "notifyElibrary",
    payload: { librarySystemId: tx.librarySystemId, event },
    runAt: now,
    maxAttempts: 12,
    now,
  });
}
