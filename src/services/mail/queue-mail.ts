import { insertOutboxMessage } from "../../db/queries/outbox.ts";
import type { TenantTx } from "../../db/tenant.ts";

/**
 * Mail is written to the outbox in the same transaction as the change it announces, so a notice is
 * sent exactly when the change commits; the sendMail job delivers it.
 */
export async function queueMail(
  tx: TenantTx,
  mail: { to: string; subject: string; text: string; template: string },
  now: Date,
): Promise<{ id: string }> {
  const row = await insertOutboxMessage(tx, {
    toAddress: mail.to,
    subject: mail.subject,
    textBody: mail.text,
    template: mail.template,
    now,
  });
  return { id: row.id };
}
