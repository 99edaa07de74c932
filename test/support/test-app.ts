import { type Clock, settableClock } from "../../src/clock.ts";
import { loadConfig } from "../../src/config.ts";
import type { Database } from "../../src/db/client.ts";
import { migrate } from "../../src/db/migrate.ts";
import { findLibrarySystemBySlug } from "../../src/db/queries/library-systems.ts";
import { createApp } from "../../src/http/app.tsx";
import { loggingElibrary } from "../../src/integrations/elibrary.ts";
import { standInIntegrations } from "../../src/integrations/integrations.ts";
import { standInLineChannels } from "../../src/integrations/line-messaging.ts";
import type { MailTransport } from "../../src/integrations/mail-transport.ts";
import { jobDefinitions } from "../../src/jobs/registry.ts";
import { runDueJobs } from "../../src/jobs/worker.ts";
import { createLogger } from "../../src/logger.ts";
import { demoStaff, seedDemo } from "../../src/services/demo/seed-demo.ts";
import { openTestDatabase } from "./test-database.ts";

export const testNow = new Date("2026-04-01T10:00:00+09:00");

export type TestApp = Awaited<ReturnType<typeof startTestApp>>;

/** The whole HTTP application on a fresh seeded database, driven in-process with `app.request()`. */
export async function startTestApp(
  options: { mailTransport?: MailTransport; testClock?: boolean; production?: boolean } = {},
) {
  const database: Database = await openTestDatabase();
  await migrate(database);
  const clock = settableClock(testNow) as Required<Clock>;
  // A small demo catalogue keeps each file's start quick; catalogue tests import their own records.
  await seedDemo(database.db, { now: clock.now(), production: false, demoRecordsPerSystem: 30 });
  const config = {
    ...loadConfig({ NODE_ENV: "test", SHIORI_SECRET_KEY: "0".repeat(64), LOG_LEVEL: "silent" }),
    testClock: options.testClock ?? false,
    production: options.production ?? false,
  };
  // The e-library stand-in remembers its calls so that tests can see what it was told.
  const elibrary = loggingElibrary();
  // The LINE stand-in keeps its replies and knows the profiles a test gives it.
  const line = standInLineChannels();
  const integrations = { ...standInIntegrations(), elibrary, line };
  const app = createApp({
    database,
    config,
    clock,
    logger: createLogger(process.env.TEST_LOG_LEVEL ?? "silent"),
    mailTransport: options.mailTransport,
    integrations,
  });

  const request = (path: string, init: RequestInit & { json?: unknown; token?: string } = {}) => {
    const headers = new Headers(init.headers);
    if (init.json !== undefined) headers.set("content-type", "application/json");
    if (init.token) headers.set("authorization", `Bearer ${init.token}`);
    return app.request(path, {
      ...init,
      headers,
      body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
    });
  };

  return {
    app,
    database,
    db: database.db,
    clock,
    request,
    elibrary,
    line,
    async signIn(
      system: string,
      username: string = demoStaff.username,
      password: string = demoStaff.password,
    ) {
      const res = await request(`/api/v1/${system}/auth/staff`, {
        method: "POST",
        json: { username, password },
      });
      if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { token: string }).token;
    },
    /** Runs every due job as the worker would (imports, mail), and says how many ran. */
    runJobs() {
      return runDueJobs(
        {
          db: database.db,
          now: clock.now(),
          clock,
          mailTransport: options.mailTransport,
          mailFrom: config.mailFrom,
          publicUrl: config.publicUrl,
          integrations,
          logger: createLogger(process.env.TEST_LOG_LEVEL ?? "silent"),
        },
        jobDefinitions,
      );
    },
    async systemId(slug: string) {
      return (await findLibrarySystemBySlug(database.db, slug))!.id;
    },
    close: () => database.close(),
  };
}

/** Reads a JSON body with a loose type: tests assert on its shape. */
// biome-ignore lint/suspicious/noExplicitAny: test helper
export async function json(res: Response): Promise<any> {
  return res.json();
}
