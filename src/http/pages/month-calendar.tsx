import type { CalendarDay } from "../../domain/calendar/calendar-rules.ts";
import { addDays, daysInMonth, weekdayOf } from "../../domain/calendar/dates.ts";
import { isHoliday } from "../../domain/calendar/holidays.ts";
import type { Lang } from "../context.ts";
import { closedReasonNames, t } from "./i18n.ts";

export type MonthCalendarProps = {
  lang: Lang;
  /** `YYYY-MM` */
  month: string;
  today: string;
  days: CalendarDay[];
  servicePointName: string;
  /** Builds the address of another month (same page, or the htmx fragment). */
  monthHref: (month: string) => string;
  fragmentHref: (month: string) => string;
};

export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const index = y * 12 + (m - 1) + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return { from: `${month}-01`, to: `${month}-${String(daysInMonth(y, m)).padStart(2, "0")}` };
}

/** A month as a table: closed days marked with their reason in words, not only by colour. */
export function MonthCalendar(props: MonthCalendarProps) {
  const { lang, month, days } = props;
  const [y, m] = month.split("-").map(Number) as [number, number];
  const caption =
    lang === "ja"
      ? `${y}年${m}月 ${props.servicePointName}`
      : `${props.servicePointName}, ${new Date(Date.UTC(y, m - 1, 1)).toLocaleString("en", { month: "long", year: "numeric", timeZone: "UTC" })}`;
  const first = `${month}-01`;
  const lead = weekdayOf(first);
  const cells: (CalendarDay | null)[] = [...Array.from({ length: lead }, () => null), ...days];
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (CalendarDay | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  const weekdayNames = t(lang, "weekdays").split(",");
  const prev = shiftMonth(month, -1);
  const next = shiftMonth(month, 1);
  return (
    <div id="calendar" class="month-calendar" aria-live="polite">
      <div class="calendar-nav">
        <a
          href={props.monthHref(prev)}
          hx-get={props.fragmentHref(prev)}
          hx-push-url={props.monthHref(prev)}
          hx-target="#calendar"
          hx-swap="outerHTML"
        >
          ← {t(lang, "previousMonth")}
        </a>
        <a
          href={props.monthHref(next)}
          hx-get={props.fragmentHref(next)}
          hx-push-url={props.monthHref(next)}
          hx-target="#calendar"
          hx-swap="outerHTML"
        >
          {t(lang, "nextMonth")} →
        </a>
      </div>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {weekdayNames.map((w, i) => (
              <th scope="col" class={i === 0 ? "sun" : i === 6 ? "sat" : undefined}>
                {w}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr>
              {week.map((day) => {
                if (!day) return <td class="empty" />;
                const reason = day.reason ? closedReasonNames[day.reason]?.[lang] : undefined;
                const label = [
                  day.open ? t(lang, "open") : t(lang, "closed"),
                  reason && reason !== t(lang, "closed") ? reason : undefined,
                  day.note?.[lang],
                ]
                  .filter(Boolean)
                  .join(" ");
                const weekday = weekdayOf(day.date);
                const classes = [
                  day.open ? "open" : "closed",
                  weekday === 0 || isHoliday(day.date) ? "sun" : weekday === 6 ? "sat" : "",
                  day.date === props.today ? "today" : "",
                ]
                  .filter(Boolean)
                  .join(" ");
                const shown = day.open ? (day.note ? day.note[lang] : "") : t(lang, "closed");
                return (
                  <td class={classes} aria-current={day.date === props.today ? "date" : undefined}>
                    <span class="day-number">{Number(day.date.slice(8))}</span>
                    {shown && (
                      <span class="day-state" aria-hidden="true">
                        {shown}
                      </span>
                    )}
                    <span class="visually-hidden">
                      {day.date === props.today ? `${t(lang, "today")} ${label}` : label}
                    </span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p class="calendar-legend">
        <span class="legend-item">
          <span class="legend-closed" aria-hidden="true">
            {t(lang, "closed")}
          </span>{" "}
          {t(lang, "calendarLegend")}
        </span>{" "}
        <span class="legend-item">
          <span class="legend-today" aria-hidden="true" /> {t(lang, "today")}
        </span>
      </p>
      <ClosingDays lang={lang} days={days} />
    </div>
  );
}

/** The month's closing days in words, grouped by reason, so the reason is shown and not only read out. */
function ClosingDays(props: { lang: Lang; days: CalendarDay[] }) {
  const { lang } = props;
  const groups = new Map<string, CalendarDay[][]>();
  for (const day of props.days) {
    if (day.open) continue;
    const reason = closingReason(lang, day);
    const runs = groups.get(reason) ?? [];
    const last = runs.at(-1);
    const previous = last?.at(-1);
    if (last && previous && addDays(previous.date, 1) === day.date) last.push(day);
    else runs.push([day]);
    groups.set(reason, runs);
  }
  if (groups.size === 0) return null;
  const separator = lang === "ja" ? "・" : ", ";
  return (
    <div class="closing-days">
      <h3>{t(lang, "closingDays")}</h3>
      <ul>
        {[...groups].map(([reason, runs]) => (
          <li>
            <span class="closing-reason">{reason}</span>
            <span class="closing-dates">
              {runs.map((run, i) => {
                const first = shortDate(lang, run[0]!.date);
                const last = shortDate(lang, run.at(-1)!.date);
                const text = run.length === 1 ? first : `${first}${lang === "ja" ? "～" : " – "}${last}`;
                return (
                  <>
                    {i > 0 && separator}
                    <span class="closing-run">{text}</span>
                  </>
                );
              })}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function closingReason(lang: Lang, day: CalendarDay): string {
  const reason = day.reason ? closedReasonNames[day.reason]?.[lang] : undefined;
  const note = day.note?.[lang];
  const named = reason && reason !== t(lang, "closed") ? reason : undefined;
  if (named && note) return lang === "ja" ? `${named}（${note}）` : `${named} (${note})`;
  return named ?? note ?? t(lang, "closed");
}

/** `2日（月）` or `Mon 2`. */
function shortDate(lang: Lang, date: string): string {
  const day = Number(date.slice(8));
  const weekday = t(lang, "weekdays").split(",")[weekdayOf(date)];
  return lang === "ja" ? `${day}日（${weekday}）` : `${weekday} ${day}`;
}
