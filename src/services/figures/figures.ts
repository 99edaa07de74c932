import { japanDate } from "../../clock.ts";
import type { Db } from "../../db/client.ts";
import {
  type FigureDimension,
  type FigureRow,
  firstEventDay,
  foldDays,
  readFigures,
  readSummarisedThrough,
  readVisitors,
  upsertVisitorCount,
} from "../../db/queries/circulation-events.ts";
import { listLibrarySystems } from "../../db/queries/library-systems.ts";
import { withTenant } from "../../db/tenant.ts";
import { addDays, isIsoDate } from "../../domain/calendar/dates.ts";
import { AppError } from "../../domain/errors.ts";
import { monthRangeOf } from "../../domain/figures/figure-range.ts";
import { requireServicePoint } from "../circulation/circulation-context.ts";

type Context = { db: Db; librarySystemId: number; now: Date };

export const figureKinds = ["loan", "return", "reservation", "registration", "visit"] as const;
export type FigureKind = (typeof figureKinds)[number];

/**
 * The daily job `refreshFigures`: every whole day up to yesterday not yet folded into the monthly summary is
 * folded, in one transaction per library system (events and progress move together). A second run the same
 * day finds nothing to do.
 */
export async function refreshFigures(
  db: Db,
  now: Date,
): Promise<Record<string, { rows: number; through: string | null }>> {
  const yesterday = addDays(japanDate(now), -1);
  const report: Record<string, { rows: number; through: string | null }> = {};
  for (const system of await listLibrarySystems(db)) {
    report[system.slug] = await withTenant(db, system.id, async (tx) => {
      const after = await readSummarisedThrough(tx);
      if (after !== null && after >= yesterday) return { rows: 0, through: after };
      if (after === null && (await firstEventDay(tx)) === null) return { rows: 0, through: null };
      return { rows: await foldDays(tx, after, yesterday), through: yesterday };
    });
  }
  return report;
}

export type Figures = {
  months: string[];
  by: FigureDimension;
  /** Every dimension value with any count, sorted. */
  keys: string[];
  rows: FigureRow[];
};

/**
 * Loans, returns, reservations, registrations (and, by service point, visitors) per month and per service
 * point, material type or NDC class, over at most ten years.
 */
export async function getFigures(
  ctx: Context,
  query: { from: string; to: string; by: FigureDimension },
): Promise<Figures> {
  const range = monthRangeOf(query.from, query.to);
  return withTenant(ctx.db, ctx.librarySystemId, async (tx) => {
    const through = await readSummarisedThrough(tx);
    const rows = await readFigures(tx, { ...range, through }, query.by);
    if (query.by === "servicePoint") rows.push(...(await readVisitors(tx, range)));
    const keys = [...new Set(rows.map((r) => r.key))].sort();
    return { months: range.months, by: query.by, keys, rows };
  });
}

/** Staff enter a day's gate count of a service point; entering it again replaces it. */
export async function recordVisitors(
  ctx: Context,
  input: { servicePoint: string; day: string; visitors: number },
): Promise<void> {
  if (!isIsoDate(input.day)) throw new AppError("INVALID_DATE", { date: input.day });
  if (input.day > japanDate(ctx.now))
    throw new AppError("INVALID_DATE", { date: input.day, reason: "future" });
  await withTenant(ctx.db, ctx.librarySystemId, async (tx) => {
    const point = await requireServicePoint(tx, input.servicePoint);
    await upsertVisitorCount(tx, { servicePointCode: point.code, day: input.day, visitors: input.visitors });
  });
}

/** The figures as CSV (UTF-8 with BOM, for spreadsheet programs): one line per month and value, a column per kind. */
export function figuresCsv(
  figures: Figures,
  header: { month: string; key: string; kinds: Record<FigureKind, string> },
): string {
  const count = new Map(figures.rows.map((r) => [`${r.month}|${r.key}|${r.kind}`, r.count]));
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [[header.month, header.key, ...figureKinds.map((k) => header.kinds[k])].map(quote).join(",")];
  for (const month of figures.months) {
    for (const key of figures.keys) {
      const values = figureKinds.map((k) => count.get(`${month}|${key}|${k}`) ?? 0);
      if (values.every((v) => v === 0)) continue;
      lines.push([month, key, ...values.map(String)].map(quote).join(","));
    }
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
