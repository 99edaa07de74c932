import { serve } from "@hono/node-server";
import { type Clock, settableClock, systemClock } from "./clock.ts";
import type { Config } from "./config.ts";
import { type Database, openDatabase } from "./db/client.ts";
import { startEmbeddedMaintenance } from "./db/embedded-maintenance.ts";
import { migrate } from "./db/migrate.ts";
import { listLibrarySystems } from "./db/queries/library-systems.ts";
import { createApp } from "./http/app.tsx";
import type { AppDeps } from "./http/context.ts";
import { standInIntegrations } from "./integrations/integrations.ts";
import { lineChannelsFromConfig } from "./integrations/line-messaging.ts";
import { type MailTransport, smtpTransport } from "./integrations/mail-transport.ts";
import { jobDefinitions } from "./jobs/registry.ts";
import { startJobWorker } from "./jobs/worker.ts";
import { createLogger, type Logger } from "./logger.ts";
import { type SeedReport, seedDemo } from "./services/demo/seed-demo.ts";

export type RunningServer = {
  url: string;
  database: Database;
  clock: Clock;
  seeded: SeedReport | undefined;
  close(): Promise<void>;
};

/** Opens the database, applies migrations, seeds an empty one, starts HTTP and the job worker. */
export async function startServer(
  config: Config,
  options: { logger?: Logger; jobs?: boolean } = {},
): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  await migrate(database);
  const clock: Clock = config.testClock ? settableClock() : systemClock;
  let seeded: SeedReport | undefined;
  if ((await listLibrarySystems(database.db)).length === 0) {
    seeded = await seedDemo(database.db, { now: clock.now(), production: config.production });
  }
  const mailTransport: MailTransport | undefined = config.smtpUrl ? smtpTransport(config.smtpUrl) : undefined;
  const integrations = standInIntegrations(logger);
  if (config.lineChannels) integrations.line = lineChannelsFromConfig(config.lineChannels);
  const deps: AppDeps = { database, config, clock, logger, mailTransport, integrations };
  const worker =
    options.jobs === false
      ? undefined
      : startJobWorker(
          () => ({
            db: database.db,
            now: clock.now(),
            clock,
            mailTransport,
            mailFrom: config.mailFrom,
            publicUrl: config.publicUrl,
            integrations,
            logger,
          }),
          jobDefinitions,
        );
  deps.wakeJobs = worker?.wake;
  // Not a job: it belongs to the process that holds the embedded database, whatever else that process runs.
  const maintenance = startEmbeddedMaintenance(database, logger);
  const app = createApp(deps);
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const shownHost = config.host === "0.0.0.0" || config.host === "::" ? "localhost" : config.host;
  return {
    url: `http://${shownHost}:${port}`,
    database,
    clock,
    seeded,
    close: async () => {
      await worker?.stop();
      await maintenance?.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      mailTransport?.close();
      await database.close();
    },
  };
}
