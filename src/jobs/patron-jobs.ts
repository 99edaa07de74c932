import { expireRegistrations, purgeExpiredRegistrations } from "../services/patrons/expire-registrations.ts";
import { renewRegistrationsByMyNumber } from "../services/patrons/renew-by-my-number.ts";
import type { JobDefinition } from "./job-definition.ts";

/** Just after midnight (Japan time): yesterday was the last valid day of these registrations. */
export const expireRegistrationsJob: JobDefinition = {
  name: "expireRegistrations",
  schedule: "10 0 * * *",
  handler: (ctx) => expireRegistrations(ctx.db, ctx.now),
};

export const purgeExpiredRegistrationsJob: JobDefinition = {
  name: "purgeExpiredRegistrations",
  schedule: "30 2 * * *",
  handler: (ctx) => purgeExpiredRegistrations(ctx.db, ctx.now),
};

/** 000: 更新の頻度は1か月に1回です — on the first of each month. */
export const myNumberRenewalJob: JobDefinition = {
  name: "myNumberRenewal",
  schedule: "0 3 1 * *",
  handler: (ctx) =>
    renewRegistrationsByMyNumber({ db: ctx.db, platform: ctx.integrations.myNumber, now: ctx.now }),
};
