import { Cron } from "croner";
import { claimNextJob, failJobAttempt, finishJob, insertJob, touchJob } from "../db/queries/jobs.ts";
import type { JobContext, JobDefinition } from "./job-definition.ts";

const staleAfterMs = 10 * 60_000;
const heartbeatMs = 60_000;

/** The next slot of each scheduled job is inserted once, whatever the number of processes. */
export async function scheduleNextRuns(
  ctx: JobContext,
  definitions: readonly JobDefinition[],
): Promise<void> {
  for (const job of definitions) {
    if (!job.schedule) continue;
    const next = new Cron(job.schedule, { timezone: "Asia/Tokyo", paused: true }).nextRun(ctx.now);
    if (!next) continue;
    await insertJob(ctx.db, {
      name: job.name,
      payload: {},
      runAt: next,
      uniqueKey: `${job.name}@${next.toISOString()}`,
      now: ctx.now,
    });
  }
}

/** Runs due jobs until none is left; returns how many ran. */
export async function runDueJobs(ctx: JobContext, definitions: readonly JobDefinition[]): Promise<number> {
  let ran = 0;
  for (;;) {
    const job = await claimNextJob(ctx.db, ctx.now, staleAfterMs);
    if (!job) return ran;
    ran++;
    const definition = definitions.find((d) => d.name === job.name);
    const heartbeat = setInterval(() => {
      touchJob(ctx.db, job.id, ctx.clock.now()).catch((error) =>
        ctx.logger.warn({ job: job.name, jobId: job.id, err: String(error) }, "job heartbeat failed"),
      );
    }, heartbeatMs);
    heartbeat.unref();
    try {
      if (!definition) throw new Error(`no handler for job ${job.name}`);
      const result = await definition.handler(ctx, job.payload);
      await finishJob(ctx.db, job.id, result, ctx.clock.now());
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      ctx.logger.error({ job: job.name, jobId: job.id, err: message }, "job failed");
      const retryAt = new Date(ctx.clock.now().getTime() + 2 ** job.attempts * 60_000);
      await failJobAttempt(ctx.db, job, message, { retryAt, at: ctx.clock.now() });
    } finally {
      clearInterval(heartbeat);
    }
  }
}

/** The background loop of a server process: schedule, then work, every `intervalMs`. */
export function startJobWorker(
  makeContext: () => JobContext,
  definitions: readonly JobDefinition[],
  intervalMs = 15_000,
): { stop(): Promise<void>; wake(): void } {
  let running: Promise<void> | undefined;
  const tick = () => {
    if (running) return;
    const ctx = makeContext();
    running = (async () => {
      try {
        await scheduleNextRuns(ctx, definitions);
        await runDueJobs(ctx, definitions);
      } catch (error) {
        ctx.logger.error(
          { err: error instanceof Error ? error.message : String(error) },
          "job worker tick failed",
        );
      } finally {
        running = undefined;
      }
    })();
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  setTimeout(tick, 1000).unref();
  return {
    wake: () => setImmediate(tick),
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
