import { and, eq, lte, or, sql } from "drizzle-orm";
import type { Db, Tx } from "../client.ts";
import { jobs } from "../schema.ts";

export type JobRow = typeof jobs.$inferSelect;

/** Inserts a job; with a unique key, a second insert of the same key is ignored (idempotent). */
/** Queued with a change when `db` is the change's transaction: the job exists exactly when the change commits. */
export async function insertJob(
  db: Db | Tx,
  job: { name: string; payload: unknown; runAt: Date; uniqueKey?: string; maxAttempts?: number; now: Date },
): Promise<void> {
  await db
    .insert(jobs)
    .values({
      name: job.name,
      payload: job.payload ?? {},
      runAt: job.runAt,
      uniqueKey: job.uniqueKey ?? null,
      maxAttempts: job.maxAttempts ?? 5,
      createdAt: job.now,
    })
    .onConflictDoNothing({ target: jobs.uniqueKey });
}

/**
 * Claims the next due job. A job left `running` by a process that died is claimed again after
 * `staleAfterMs`. FOR UPDATE SKIP LOCKED keeps two workers off the same job.
 */
export async function claimNextJob(db: Db, now: Date, staleAfterMs: number): Promise<JobRow | undefined> {
  return db.transaction(async (tx) => {
    const stale = new Date(now.getTime() - staleAfterMs);
    const [due] = await tx
      .select({ id: jobs.id })
      .from(jobs)
      .where(
        or(
          and(eq(jobs.status, "queued"), lte(jobs.runAt, now)),
          and(eq(jobs.status, "running"), lte(jobs.lockedAt, stale)),
        ),
      )
      .orderBy(jobs.runAt)
      .limit(1)
      .for("update", { skipLocked: true });
    if (!due) return undefined;
    const [claimed] = await tx
      .update(jobs)
      .set({ status: "running", lockedAt: now, attempts: sql`${jobs.attempts} + 1` })
      .where(eq(jobs.id, due.id))
      .returning();
    return claimed;
  });
}

export async function finishJob(db: Db, id: number, result: unknown, at: Date): Promise<void> {
  await db
    .update(jobs)
    .set({ status: "done", result: result ?? null, finishedAt: at, lastError: null })
    .where(eq(jobs.id, id));
}

export async function failJobAttempt(
  db: Db,
  job: JobRow,
  error: string,
  update: { retryAt: Date; at: Date },
): Promise<void> {
  const giveUp = job.attempts >= job.maxAttempts;
  await db
    .update(jobs)
    .set({
      status: giveUp ? "failed" : "queued",
      lastError: error.slice(0, 2000),
      runAt: giveUp ? job.runAt : update.retryAt,
      finishedAt: giveUp ? update.at : null,
    })
    .where(eq(jobs.id, job.id));
}

/** A running job's heartbeat: a long job (a large import) is not taken for one whose process died. */
export async function touchJob(db: Db, id: number, at: Date): Promise<void> {
  await db
    .update(jobs)
    .set({ lockedAt: at })
    .where(and(eq(jobs.id, id), eq(jobs.status, "running")));
}
