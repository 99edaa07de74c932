import type { Clock } from "../clock.ts";
import type { Db } from "../db/client.ts";
import type { Integrations } from "../integrations/integrations.ts";
import type { MailTransport } from "../integrations/mail-transport.ts";
import type { Logger } from "../logger.ts";

/** What a job handler may use. Handlers are idempotent: running one twice does no harm. */
export type JobContext = {
  db: Db;
  now: Date;
  clock: Clock;
  mailTransport: MailTransport | undefined;
  mailFrom: string;
  /** The origin for links in mail (config SHIORI_PUBLIC_URL). */
  publicUrl: string;
  integrations: Integrations;
  logger: Logger;
};

export type JobDefinition = {
  name: string;
  /** Cron expression in Japan time, or null for jobs that are only queued on demand. */
  schedule: string | null;
  handler: (ctx: JobContext, payload: unknown) => Promise<unknown>;
};
