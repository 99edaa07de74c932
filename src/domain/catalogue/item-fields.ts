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
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso) {
    return { ok: false, reason: `received date "${text}" does not exist` };
  }
  return { ok: true, value: iso };
}
