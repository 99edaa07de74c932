import type { IsoDate } from "../calendar/calendar-rules.ts";
import { compareDates, formatIsoDate, parseIsoDate } from "../calendar/dates.ts";

/**
 * 000: 本人または小学生以下の児童の保護者 — a guardian registers children up to the end of primary school.
 * Japanese school years run from 1 April; a child born between 2 April and 31 December starts school in
 * the April after turning 6 and leaves primary school on 31 March of the year it turns 13; a child born
 * from 1 January to 1 April (a legal age increases the day before the birthday) a year earlier.
 */
export function endOfPrimarySchool(birthDate: IsoDate): IsoDate {
  const { year, month, day } = parseIsoDate(birthDate);
  const bornEarly = month < 4 || (month === 4 && day === 1);
  return formatIsoDate(year + (bornEarly ? 12 : 13), 3, 31);
}

export type GuardianRefusal = {
  code: "CHILD_TOO_OLD_FOR_GUARDIAN";
  details: { birthDate: IsoDate; guardianRegistersUntil: IsoDate };
};

export function refuseWhenChildTooOldForGuardian(birthDate: IsoDate, today: IsoDate): GuardianRefusal | null {
  const until = endOfPrimarySchool(birthDate);
  if (compareDates(today, until) <= 0) return null;
  return { code: "CHILD_TOO_OLD_FOR_GUARDIAN", details: { birthDate, guardianRegistersUntil: until } };
}
