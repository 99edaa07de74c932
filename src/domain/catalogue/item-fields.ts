import { type ItemFlag, itemFlagSchema } from "../vocabulary.ts";

type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Flags as files write them: repeated subfields or one cell separated by "|", "," or spaces. */
export function parseItemFlags(values: readonly string[]): Parsed<ItemFlag[]> {
  const names = values.flatMap((v) => v.split(/[|,\s]+/)).filter(Boolean);
  const flags: ItemFlag[] = [];
  for (const name of names) {
    const flag = itemFlagSchema.safeParse(name);
    if (!flag.success) return { ok: false, reason: `unknown item flag "${name}"` };
    if (!flags.includes(flag.data)) flags.push(flag.data);
  }
  return { ok: true, value: flags };
}

/** A received date as YYYY-MM-DD or YYYYMMDD (the form of MARC fixed fields). */
export function parseReceivedDate(value: string | null | undefined): Parsed<string | null> {
  const text = value?.trim();
  if (!text) return { ok: true, value: null };
  const match = text.match(/^(\d{4})-?(\d{2})-?(\d{2})$/);
  if (!match) return { ok: false, reason: `received date "${text}" is not YYYY-MM-DD` };
  const iso = `${match[1]}-${match[2]}-${match[3]}`;
  if (!isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))) {
    return { ok: false, reason: `received date "${text}" does not exist` };
  }
  return { ok: true, value: iso };
}

// Worked out without Date: an import checks one received date per item.
function isCalendarDate(year: number, month: number, day: number): boolean {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return days !== undefined && day >= 1 && day <= days;
}
