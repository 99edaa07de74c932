import type { IsoDate } from "../calendar/calendar-rules.ts";
import { addDays, weekdayOf } from "../calendar/dates.ts";
import { normaliseForSearch } from "../catalogue/search-text.ts";
import type { Policy } from "../policy/policy-schema.ts";

/**
 * New-arrival mail: saved keywords (001: 登録されたキーワードに関する新着資料) or authors and genres (003), a
 * mail on the policy's weekday (001: 毎週月曜日) with the arrivals of the seven days before it. A holiday
 * Monday changes nothing: the mail is not a counter service, and the week it covers stays the same.
 */

export type AlertKind = "keyword" | "author" | "genre";
export type Alert = { kind: AlertKind; value: string };

export const maxAlertsPerPatron = 10;
const maxLength = 50;

export type AlertRefusal =
  | { code: "ARRIVAL_MAIL_NOT_OFFERED"; details: Record<string, never> }
  | { code: "ARRIVAL_ALERT_KIND_NOT_OFFERED"; details: { kind: string; offered: AlertKind[] } }
  | { code: "ARRIVAL_ALERT_INVALID"; details: { kind: string; rule: string } }
  | { code: "ARRIVAL_ALERT_LIMIT_REACHED"; details: { max: number } };

/** The criterion as kept (trimmed; a genre as NDC digits), or why it cannot be saved. */
export function checkAlert(
  mail: Policy["webServices"]["newArrivalMail"],
  alert: { kind: string; value: string },
  existing: number,
): { ok: true; alert: Alert } | { ok: false; refusal: AlertRefusal } {
  if (!mail.offered) return { ok: false, refusal: { code: "ARRIVAL_MAIL_NOT_OFFERED", details: {} } };
  if (!(mail.by as string[]).includes(alert.kind)) {
    return {
      ok: false,
      refusal: {
        code: "ARRIVAL_ALERT_KIND_NOT_OFFERED",
        details: { kind: alert.kind, offered: [...mail.by] },
      },
    };
  }
  const kind = alert.kind as AlertKind;
  const value = alert.value.normalize("NFKC").trim().replace(/\s+/g, " ");
  if (kind === "genre" ? !/^\d{1,3}$/.test(value) : value.length === 0 || value.length > maxLength) {
    const rule = kind === "genre" ? "ndc1to3digits" : `1to${maxLength}characters`;
    return { ok: false, refusal: { code: "ARRIVAL_ALERT_INVALID", details: { kind, rule } } };
  }
  if (kind !== "genre" && normaliseForSearch(value) === "") {
    return {
      ok: false,
      refusal: { code: "ARRIVAL_ALERT_INVALID", details: { kind, rule: "lettersOrDigits" } },
    };
  }
  if (existing >= maxAlertsPerPatron) {
    return {
      ok: false,
      refusal: { code: "ARRIVAL_ALERT_LIMIT_REACHED", details: { max: maxAlertsPerPatron } },
    };
  }
  return { ok: true, alert: { kind, value } };
}

/** Whether `today` is the policy's mail day. */
export function isArrivalMailDay(mail: Policy["webServices"]["newArrivalMail"], today: IsoDate): boolean {
  return mail.offered && weekdayOf(today) === mail.weekday;
}

/** The seven days the mail of `runDay` covers: the week before it, run day excluded. */
export function arrivalWeek(runDay: IsoDate): { from: IsoDate; to: IsoDate } {
  return { from: addDays(runDay, -7), to: addDays(runDay, -1) };
}

export type ArrivalRecord = {
  recordId: number;
  title: string;
  titleReading: string | null;
  authors: { name: string; reading?: string | null }[];
  responsibility: string | null;
  ndc: string | null;
};

/**
 * Matches arrivals against criteria; each distinct criterion is worked out once, so a hundred thousand
 * subscribers who share keywords cost little more than the keywords themselves.
 */
export function arrivalMatcher(arrivals: readonly ArrivalRecord[]) {
  const texts = arrivals.map((r) => ({
    id: r.recordId,
    keyword: normaliseForSearch(
      [r.title, r.titleReading, r.responsibility, ...r.authors.flatMap((a) => [a.name, a.reading])].join(" "),
    ).replaceAll(" ", ""),
    author: normaliseForSearch(
      [r.responsibility, ...r.authors.flatMap((a) => [a.name, a.reading])].join(" "),
    ).replaceAll(" ", ""),
    ndc: (r.ndc ?? "").replace(/[^\d.]/g, ""),
  }));
  const memo = new Map<string, number[]>();
  return (alert: Alert): number[] => {
    const key = `${alert.kind}\u0000${alert.value}`;
    const known = memo.get(key);
    if (known) return known;
    let ids: number[];
    if (alert.kind === "genre") {
      ids = texts.filter((t) => t.ndc.startsWith(alert.value)).map((t) => t.id);
    } else {
      // Every word of the criterion must appear (in any order): 村上 春樹 finds 村上春樹 and 春樹, 村上.
      const words = normaliseForSearch(alert.value).split(" ").filter(Boolean);
      const field = alert.kind === "author" ? "author" : "keyword";
      ids = texts.filter((t) => words.every((w) => t[field].includes(w))).map((t) => t.id);
    }
    memo.set(key, ids);
    return ids;
  };
}

/** The records one subscriber hears of: every match of any of their criteria, each once, in arrival order. */
export function matchesFor(alerts: readonly Alert[], match: (alert: Alert) => number[]): Set<number> {
  const found = new Set<number>();
  for (const alert of alerts) for (const id of match(alert)) found.add(id);
  return found;
}
