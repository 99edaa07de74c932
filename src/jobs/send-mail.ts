import { sendPendingMail } from "../services/mail/send-pending-mail.ts";
import type { JobDefinition } from "./job-definition.ts";

/** Delivers the outbox every minute; failed sends wait with back-off and are tried again. */
export const sendMailJob: JobDefinition = {
  name: "sendMail",
  schedule: "* * * * *",
  handler: (ctx) =>
    sendPendingMail({ db: ctx.db, transport: ctx.mailTransport, from: ctx.mailFrom, now: ctx.now }),
};
