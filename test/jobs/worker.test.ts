import assert from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";
import { sql } from "drizzle-orm";
import { settableClock } from "../../src/clock.ts";
import type { Database } from "../../src/db/client.ts";
import { migrate, resultRows } from "../../src/db/migrate.ts";
import { insertJob } from "../../src/db/queries/jobs.ts";
import { standInIntegrations } from "../../src/integrations/integrations.ts";
import type { JobContext, JobDefinition } from "../../src/jobs/job-definition.ts";
import { runDueJobs, scheduleNextRuns } from "../../src/jobs/worker.ts";
import { createLogger } from "../../src/logger.ts";
import { openTestDatabase } from "../support/test-database.ts";

describe("durable jobs", () => {
  let database: Database;
  const clock = settableClock(new Date("2026-04-06T08:59:30+09:00"));
  const context = (): JobContext => ({
    db: database.db,
    now: clock.now(),
    clock,
    mailTransport: undefined,
    mailFrom: "x@example.jp",
    publicUrl: "http://localhost:3000",
    integrations: standInIntegrations(),
    logger: createLogger("silent"),
  });
  before(async () => {
    database = await openTestDatabase();
    await migrate(database);
  });
  beforeEach(async () => {
    await database.db.execute(sql`DELETE FROM jobs`);
  });
  after(() => database.close());

  const jobRows = async () =>
    resultRows<{ name: string; status: string; attempts: number; run_at: Date }>(
      await database.db.execute(sql`SELECT name, status, attempts, run_at FROM jobs ORDER BY id`),
    );

  test("the next slot of a scheduled job is inserted once however often it is scheduled", async () => {
    const daily: JobDefinition = { name: "daily", schedule: "0 9 * * *", handler: async () => "ok" };
    await scheduleNextRuns(context(), [daily]);
    await scheduleNextRuns(context(), [daily]);
    const rows = await jobRows();
    assert.equal(rows.length, 1);
    assert.equal(new Date(rows[0]!.run_at).toISOString(), "2026-04-06T00:00:00.000Z");
  });

  test("a due job runs once; a job not yet due waits", async () => {
    let runs = 0;
    const job: JobDefinition = { name: "count", schedule: null, handler: async () => ++runs };
    await insertJob(database.db, { name: "count", payload: {}, runAt: clock.now(), now: clock.now() });
    await insertJob(database.db, {
      name: "count",
      payload: {},
      runAt: new Date(clock.now().getTime() + 3600_000),
      now: clock.now(),
    });
    assert.equal(await runDueJobs(context(), [job]), 1);
    assert.equal(runs, 1);
    assert.deepEqual(
      (await jobRows()).map((r) => r.status),
      ["done", "queued"],
    );
  });

  test("two workers at once never run the same job twice", async () => {
    let runs = 0;
    const job: JobDefinition = {
      name: "slow",
      schedule: null,
      handler: async () => {
        runs++;
        await new Promise((r) => setTimeout(r, 20));
      },
    };
    for (let i = 0; i < 6; i++)
      await insertJob(database.db, { name: "slow", payload: { i }, runAt: clock.now(), now: clock.now() });
    const [a, b] = await Promise.all([runDueJobs(context(), [job]), runDueJobs(context(), [job])]);
    assert.equal(a + b, 6);
    assert.equal(runs, 6);
  });

  test("a failing job is retried with back-off and marked failed after its last attempt", async () => {
    const job: JobDefinition = {
      name: "broken",
      schedule: null,
      handler: async () => {
        throw new Error("mail server on fire");
      },
    };
    await insertJob(database.db, {
      name: "broken",
      payload: {},
      runAt: clock.now(),
      maxAttempts: 2,
      now: clock.now(),
    });
    await runDueJobs(context(), [job]);
    let [row] = await jobRows();
    assert.equal(row!.status, "queued");
    assert.ok(new Date(row!.run_at) > clock.now());
    clock.set(new Date(clock.now().getTime() + 3600_000));
    await runDueJobs(context(), [job]);
    [row] = await jobRows();
    assert.equal(row!.status, "failed");
    assert.equal(row!.attempts, 2);
  });
});
