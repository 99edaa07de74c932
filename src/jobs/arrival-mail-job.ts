import { japanDate } from "../clock.ts";
import { listLibrarySystems } from "../db/queries/library-systems.ts";
import { isArrivalMailDay } from "../domain/my-page/arrival-alerts.ts";
import { type ArrivalMailRun, sendArrivalMail } from "../services/my-page/send-arrival-mail.ts";
import { getPolicyInForce } from "../services/policies/get-policy-in-force.ts";
import type { JobDefinition } from "./job-definition.ts";

/**
 * Every morning; each library system mails on its own weekday (001: 毎週月曜日). The job may run again the
 * same day (a restart, the test hook): subscribers already served are skipped.
 */
export const newArrivalMailJob: JobDefinition = {
  name: "newArrivalMail",
  schedule: "0 7 * * *",
  handler: async (ctx) => {
    const today = japanDate(ctx.now);
    const runs: Record<string, ArrivalMailRun> = {};
    for (const system of await listLibrarySystems(ctx.db)) {
      const { policy } = await getPolicyInForce(ctx.db, system.id, today);
      if (!isArrivalMailDay(policy.webServices.newArrivalMail, today)) continue;
      runs[system.slug] = await sendArrivalMail({
        db: ctx.db,
        librarySystemId: system.id,
        library: { slug: system.slug, ja: system.nameJa, en: system.nameEn },
        publicUrl: ctx.publicUrl,
        today,
        now: ctx.now,
      });
    }
    return runs;
  },
};
