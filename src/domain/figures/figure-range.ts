import { AppError } from "../errors.ts";

/** The longest range the figures answer: ten years of months. */
export const figuresMaxMonths = 120;

/**
 * A range of months `YYYY-MM` to `YYYY-MM`, as the first days of its first and last months. Refused when
 * malformed (`INVALID_DATE`), reversed (`INVALID_RANGE`) or longer than ten years (`FIGURES_RANGE_TOO_LONG`).
 */
export function monthRangeOf(
  from: string,
  to: string,
): { fromMonth: string; toMonth: string; months: string[] } {
  const pattern = /^(\d{4})-(0[1-9]|1[0-2])$/;
  const a = pattern.exec(from);
  const b = pattern.exec(to);
  if (!a) throw new AppError("INVALID_DATE", { date: from });
  if (!b) throw new AppError("INVALID_DATE", { date: to });
  const index = (m: RegExpExecArray) => Number(m[1]) * 12 + Number(m[2]) - 1;
  const span = index(b) - index(a) + 1;
  if (span < 1) throw new AppError("INVALID_RANGE", { from, to });
  if (span > figuresMaxMonths)
    throw new AppError("FIGURES_RANGE_TOO_LONG", { from, to, maxMonths: figuresMaxMonths });
  const months = Array.from({ length: span }, (_, i) => {
    const n = index(a) + i;
    return `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, "0")}`;
  });
  return { fromMonth: `${from}-01`, toMonth: `${to}-01`, months };
}
