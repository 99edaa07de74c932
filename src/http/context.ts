import type { Context } from "hono";
import type { Clock } from "../clock.ts";
import type { Config } from "../config.ts";
import type { Database } from "../db/client.ts";
import type { LibrarySystemRow } from "../db/queries/library-systems.ts";
import type { Integrations } from "../integrations/integrations.ts";
import type { MailTransport } from "../integrations/mail-transport.ts";
import type { Logger } from "../logger.ts";
import type { PatronPrincipal } from "../services/patron-auth/authenticate-patron.ts";
import type { StaffPrincipal } from "../services/staff/authenticate-staff.ts";

/** What the HTTP layer is built from; tests build it with an in-memory database and a set clock. */
export type AppDeps = {
  database: Database;
  config: Config;
  clock: Clock;
  logger: Logger;
  mailTransport: MailTransport | undefined;
  integrations: Integrations;
  /** Asks the job worker to look for due jobs now (an upload should not wait for the next tick). */
  wakeJobs?: () => void;
};

export type Lang = "ja" | "en";

export type AppEnv = {
  Variables: {
    deps: AppDeps;
    requestId: string;
    logger: Logger;
    lang: Lang;
    system: LibrarySystemRow;
    staff: StaffPrincipal;
    patron: PatronPrincipal;
  };
};

/** What a use case called from a route or a page takes besides its input: the database, the system, now. */
export function useCaseContext(c: Context<AppEnv>) {
  const deps = c.get("deps");
  return { db: deps.database.db, librarySystemId: c.get("system").id, now: deps.clock.now() };
}

/** The use-case context of the patron's account mails: the library's names and slug, and where links point. */
export function accountMailContext(c: Context<AppEnv>) {
  const system = c.get("system");
  return {
    ...useCaseContext(c),
    library: { slug: system.slug, ja: system.nameJa, en: system.nameEn },
    publicUrl: c.get("deps").config.publicUrl,
  };
}
