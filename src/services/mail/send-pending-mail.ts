import type { Db } from "../../db/client.ts";
import { claimDueOutboxMessage, markOutboxAttemptFailed, markOutboxSent } from "../../db/queries/outbox.ts";
import type { MailTransport } from "../../integrations/mail-transport.ts";

/** After this many failed attempts a message is marked failed, kept in the outbox for staff to see. */
export const maxMailAttempts = 12;

/** 1, 2, 4 … minutes, capped at 6 hours. */
export function mailRetryDelayMs(attemptsSoFar: number): number {
  return Math.min(2 ** attemptsSoFar * 60_000, 6 * 3600_000);
}

export type SendPendingMailResult = { sent: number; failed: number; transport: "smtp" | "none" };

/**
 * Sends the due messages of the outbox, one transaction each, holding the row so that two processes
 * never send the same message. Without a transport (no SMTP_URL) mail stays in the outbox.
 */
export async function sendPendingMail(input: {
  db: Db;
  transport: MailTransport | undefined;
  from: string;
  now: Date;
  limit?: number;
}): Promise<SendPendingMailResult> {
  const { db, transport, now } = input;
  const result: SendPendingMailResult = { sent: 0, failed: 0, transport: transport ? "smtp" : "none" };
  if (!transport) return result;
  for (let i = 0; i < (input.limit ?? 100); i++) {
    const outcome = await db.transaction(async (tx) => {
      const message = await claimDueOutboxMessage(tx, now);
      if (!message) return "empty";
      try {
        await transport.send({
          from: input.from,
          to: message.toAddress,
          subject: message.subject,
          text: message.textBody,
        });
        await markOutboxSent(tx, message.id, now);
        return "sent";
      } catch (error) {
        const attempts = message.attempts + 1;
        await markOutboxAttemptFailed(tx, message.id, {
          error: error instanceof Error ? error.message : String(error),
          nextAttemptAt: new Date(now.getTime() + mailRetryDelayMs(message.attempts)),
          giveUp: attempts >= maxMailAttempts,
        });
        return "failed";
      }
    });
    if (outcome === "empty") break;
    result[outcome]++;
  }
  return result;
}
