import type { JobDefinition } from "./job-definition.ts";
import { sendMailJob } from "./send-mail.ts";

/** Every job Shiori knows, by the names of the API contract. */
export const jobDefinitions: readonly JobDefinition[] = [sendMailJob];

export function findJobDefinition(name: string): JobDefinition | undefined {
  return jobDefinitions.find((j) => j.name === name);
}
