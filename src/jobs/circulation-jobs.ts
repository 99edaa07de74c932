import { sendLoanNotices } from "../services/circulation/send-loan-notices.ts";
import type { JobDefinition } from "./job-definition.ts";

/** Every morning before the libraries open: courtesy reminders and overdue notices by e-mail. */
export const overdueNoticesJob: JobDefinition = {
  name: "overdueNotices",
  schedule: "0 7 * * *",
  handler: (ctx) => sendLoanNotices(ctx.db, ctx.now),
};
