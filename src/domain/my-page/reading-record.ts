import type { IsoDate } from "../calendar/calendar-rules.ts";
import { addDays, compareDates, parseIsoDate } from "../calendar/dates.ts";

/**
 * 003's reading record (読書記録): kept from a day the patron chooses (設定した日以降の記録を残す), counted per
 * month, with a goal per fiscal year (年度単位で目標); turning it off deletes it all (履歴がすべて削除されます).
 * 001's loan history (貸出履歴の保存) is kept only after explicit consent, stops when the patron stops it, and
 * keeps what was saved until the patron deletes it (001 names deletion per title only).
 */

/** The fiscal year (年度) a day belongs to, named by the calendar year it starts in (April). */
export function fiscalYearOf(date: IsoDate): number {
  const { year, month } = parseIsoDate(date);
  return month >= 4 ? year : year - 1;
}

export function fiscalYearRange(fiscalYear: number): { from: IsoDate; to: IsoDate } {
  return { from: `${fiscalYear}-04-01`, to: `${fiscalYear + 1}-03-31` };
}

/** The months of a fiscal year in order, April first, as `YYYY-MM`. */
export function fiscalYearMonths(fiscalYear: number): string[] {
  return Array.from({ length: 12 }, (_, i) => {
    const month = ((i + 3) % 12) + 1;
    const year = month >= 4 ? fiscalYear : fiscalYear + 1;
    return `${year}-${String(month).padStart(2, "0")}`;
  });
}

export type FiscalYearRecord = {
  fiscalYear: number;
  /** April to March. */
  months: { month: string; loans: number }[];
  total: number;
  goal: number | null;
  /** Whole percent of the goal reached (may pass 100), or null without a goal. */
  progressPercent: number | null;
};

/**
 * The loans of each fiscal year from the first with a loan (or a goal) to the current one, newest first,
 * with the year's goal and the progress towards it.
 */
export function readingYears(
  loanDays: readonly IsoDate[],
  goals: ReadonlyMap<number, number>,
  today: IsoDate,
): FiscalYearRecord[] {
  const current = fiscalYearOf(today);
  const years = [current, ...loanDays.map(fiscalYearOf), ...goals.keys()];
  const first = Math.min(...years);
  const last = Math.max(...years);
  const perMonth = new Map<string, number>();
  for (const day of loanDays) perMonth.set(day.slice(0, 7), (perMonth.get(day.slice(0, 7)) ?? 0) + 1);
  const records: FiscalYearRecord[] = [];
  for (let fy = last; fy >= first; fy--) {
    const months = fiscalYearMonths(fy).map((month) => ({ month, loans: perMonth.get(month) ?? 0 }));
    const total = months.reduce((sum, m) => sum + m.loans, 0);
    const goal = goals.get(fy) ?? null;
    records.push({
      fiscalYear: fy,
      months,
      total,
      goal,
      progressPercent: goal === null ? null : Math.floor((total * 100) / goal),
    });
  }
  return records;
}

export const maxGoal = 1000;

export type ReadingRecordRefusal =
  | { code: "READING_RECORD_FROM_INVALID"; details: { earliest: IsoDate; latest: IsoDate } }
  | {
      code: "READING_GOAL_INVALID";
      details: { min: number; max: number; earliestYear: number; latestYear: number };
    };

/** The day recording starts: today or up to a year ahead (a past day would promise loans that were not kept). */
export function refuseReadingRecordStart(from: IsoDate, today: IsoDate): ReadingRecordRefusal | null {
  const latest = addDays(today, 365);
  if (compareDates(from, today) < 0 || compareDates(from, latest) > 0) {
    return { code: "READING_RECORD_FROM_INVALID", details: { earliest: today, latest } };
  }
  return null;
}

/** A goal of 1 to 1,000 loans, for a fiscal year since the record began up to next year. */
export function refuseReadingGoal(
  fiscalYear: number,
  goal: number,
  recordFrom: IsoDate,
  today: IsoDate,
): ReadingRecordRefusal | null {
  const earliestYear = fiscalYearOf(recordFrom);
  const latestYear = fiscalYearOf(today) + 1;
  if (
    !Number.isInteger(goal) ||
    goal < 1 ||
    goal > maxGoal ||
    fiscalYear < earliestYear ||
    fiscalYear > latestYear
  ) {
    return { code: "READING_GOAL_INVALID", details: { min: 1, max: maxGoal, earliestYear, latestYear } };
  }
  return null;
}
