import { cancelApplicationsJob, purgeApplicationPhotosJob } from "./application-jobs.ts";
import { newArrivalMailJob } from "./arrival-mail-job.ts";
import { overdueNoticesJob } from "./circulation-jobs.ts";
import { refreshFiguresJob } from "./figures-job.ts";
import { expireHoldsJob } from "./hold-jobs.ts";
import { importCatalogueJob } from "./import-catalogue.ts";
import type { JobDefinition } from "./job-definition.ts";
import { notifyElibraryJob } from "./notify-elibrary.ts";
import { expireRegistrationsJob, myNumberRenewalJob, purgeExpiredRegistrationsJob } from "./patron-jobs.ts";
import { sendMailJob } from "./send-mail.ts";

/** Every job Shiori knows: the scheduled ones by the names of the API contract, and those queued on demand. */
export const jobDefinitions: readonly JobDefinition[] = [
  sendMailJob,
  importCatalogueJob,
  notifyElibraryJob,
  expireRegistrationsJob,
  purgeExpiredRegistrationsJob,
  myNumberRenewalJob,
  overdueNoticesJob,
  expireHoldsJob,
  newArrivalMailJob,
  refreshFiguresJob,
  purgeApplicationPhotosJob,
  cancelApplicationsJob,
];

export function findJobDefinition(name: string): JobDefinition | undefined {
  return jobDefinitions.find((j) => j.name === name);
}
