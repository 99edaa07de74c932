import { and, desc, eq, sql } from "drizzle-orm";
import type { Tx } from "../client.ts";
import { outbox } from "../schema.ts";
import type { TenantTx } from "../tenant.ts";

export type OutboxRow = typeof outbox.$inferSelect;

export async function insertOutboxMessage(
  tx: TenantTx,
  message: { toAddress: string; subject: string; textBody: string; template: string; now: Date },
): Promise<OutboxRow> {
  const [row] = await tx
    .insert(outbox)
    .values({
      librarySystemId: tx.librarySystemId,
      toAddress: message.toAddress,
      subject: message.subject,
      textBody: message.textBody,
      template: message.template,
      createdAt: message.now,
      nextAttemptAt: message.now,
    })
    .returning();
  return row!;
}

/** Many mails in one statement (a daily job's batch). */
export async function insertOutboxMessages(
  tx: TenantTx,
  messages: readonly { toAddress: string; subject: string; textBody: string; template: string }[],
  now: Date,
): Promise<void> {
  if (messages.length === 0) return;
  await tx.insert(outbox).values(
    messages.map((message) => ({
      librarySystemId: tx.librarySystemId,
      ...message,
      createdAt: now,
      nextAttemptAt: now,
    })),
  );
}

export async function listOutboxMessages(
  tx: TenantTx,
  filter: { status?: OutboxRow["status"]; to?: string; limit: number },
): Promise<OutboxRow[]> {
  return tx
    .select()
    .from(outbox)
    .where(
      and(
        eq(outbox.librarySystemId, tx.librarySystemId),
        filter.status ? eq(outbox.status, filter.status) : undefined,
        filter.to ? eq(outbox.toAddress, filter.to) : undefined,
      ),
    )
    .orderBy(desc(outbox.createdAt))
    .limit(filter.limit);
}

/** Claims one due message; another process sending at the same time skips it. System-wide. */
export async function claimDueOutboxMessage(tx: Tx, now: Date): Promise<OutboxRow | undefined> {
  const [row] = await tx
    .select()
    .from(outbox)
    .where(and(eq(outbox.status, "pending"), sql`${outbox.nextAttemptAt} <= ${now}`))
    .orderBy(outbox.nextAttemptAt)
    .limit(1)
    .for("update", { skipLocked: true });
  return row;
}

export async function markOutboxSent(tx: Tx, id: string, at: Date): Promise<void> {
  await tx
    .update(outbox)
    .set({ status: "sent", sentAt: at, attempts: sql`${outbox.attempts} + 1`, lastError: null })
    .where(eq(outbox.id, id));
}

export async function markOutboxAttemptFailed(
  tx: Tx,
  id: string,
  update: { error: string; nextAttemptAt: Date; giveUp: boolean },
): Promise<void> {
  await tx
    .update(outbox)
    .set({
      attempts: sql`${outbox.attempts} + 1`,
      lastError: update.error.slice(0, 1000),
      nextAttemptAt: update.nextAttemptAt,
      status: update.giveUp ? "failed" : "pending",
    })
    .where(eq(outbox.id, id));
}
