import type { IsoDate } from "../../domain/calendar/calendar-rules.ts";
import { compareDates } from "../../domain/calendar/dates.ts";
import { AppError } from "../../domain/errors.ts";
import { normaliseMunicipalityName } from "../../domain/patrons/eligibility.ts";
import type { Policy } from "../../domain/policy/policy-schema.ts";
import { isKnownMunicipality, isKnownPrefecture } from "./municipality-directory.ts";

/**
 * The checks of registered details that the request schema cannot make: they need today or the list of
 * municipalities. Each failing field is reported with its path, as the schema's own issues are (422).
 */
export type FieldIssue = { path: string[]; message: string };

export function birthDateIssue(birthDate: IsoDate | undefined, today: IsoDate): FieldIssue | null {
  if (birthDate === undefined || compareDates(birthDate, today) <= 0) return null;
  return { path: ["birthDate"], message: "BIRTH_DATE_IN_FUTURE" };
}

export function prefectureIssue(prefecture: string | undefined, path: string[]): FieldIssue | null {
  if (prefecture === undefined || isKnownPrefecture(prefecture)) return null;
  return { path, message: "UNKNOWN_PREFECTURE" };
}

/** Known to Japan Post's data, or named by the policy (a placeholder city of a demo system counts). */
export function municipalityIssue(
  policy: Policy,
  municipality: string | null | undefined,
  path: string[],
): FieldIssue | null {
  if (municipality == null || isKnownMunicipality(municipality)) return null;
  const named = [...policy.eligibility.areaMunicipalities, ...policy.eligibility.wideAreaMunicipalities];
  const key = normaliseMunicipalityName(municipality);
  if (named.some((name) => normaliseMunicipalityName(name) === key)) return null;
  return { path, message: "UNKNOWN_MUNICIPALITY" };
}

export function throwFieldIssues(issues: (FieldIssue | null)[]): void {
  const found = issues.filter((issue): issue is FieldIssue => issue !== null);
  if (found.length > 0) throw new AppError("VALIDATION_FAILED", { issues: found });
}

/** Several rule refusals at once: the code is the first one's, `refusals` lists them all for the counter. */
export function throwRefusals(refusals: { code: string; details: Record<string, unknown> }[]): void {
  const [first] = refusals;
  if (first) throw new AppError(first.code, { ...first.details, refusals });
}
