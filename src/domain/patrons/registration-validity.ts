import type { IsoDate } from "../calendar/calendar-rules.ts";
import {
  addDays,
  addMonths,
  compareDates,
  daysInMonth,
  formatIsoDate,
  parseIsoDate,
} from "../calendar/dates.ts";
import type { Policy } from "../policy/policy-schema.ts";

/**
 * Registration validity (DOMAIN.md "Card lifecycle"): the first expiry, registration renewal, the renewal
 * window, the renewal forced by disuse, the counter reminder and the purge after expiry. Every expiry is
 * the last day on which the registration is valid; the day after, it has expired.
 */

type Registration = Policy["registration"];
export type Validity = Registration["validity"];

/**
 * The last valid day of a registration made on `registeredOn`.
 *
 * - `fixedYears` — 000: 「有効期限は5年間です」「ご登録から5年毎に登録内容の確認を行い、有効期限を更新します」.
 *   A period of N years that counts the registration day (the card is usable on it), so it ends the day
 *   before the same date N years later: registered 2026-04-10, valid up to and including 2031-04-09, and
 *   due for renewal on the 5th anniversary. A 29 February start ends on 28 February in a common year
 *   (as periods in years end under 民法143条 when the last month has no corresponding day).
 * - `birthMonthCycle` — 001: 「更新月(3年ごとの誕生月)に住所・電話番号等の変更がないか確認させていただきます」.
 *   The renewal month is the birth month of the year N years after the registration year, and the
 *   registration is valid to its last day: renewal months then fall every N years in the same calendar
 *   years (registered 2026 → 2029, 2032 …), whatever the month of registration, so the first period is
 *   between N−1 and N+1 years (3 years on average). A 29 February birthday is simply a February birth month.
 */
export function firstExpiry(validity: Validity, registeredOn: IsoDate, birthDate: IsoDate): IsoDate {
  if (validity.kind === "fixedYears") return lastDayOfYears(registeredOn, validity.years);
  return endOfBirthMonth(birthDate, parseIsoDate(registeredOn).year + validity.years);
}

/**
 * The new expiry after a registration renewal on `renewedOn`. Renewed on or before the expiry (in the
 * window), the next period follows the current one, so renewing early costs no days and the cycle 000
 * describes (ご登録から5年毎に) keeps its dates; renewed after the expiry, a new period starts on the
 * renewal day, as a new registration would. Whether renewal is allowed yet is `refuseWhenRenewalTooEarly`.
 */
export function renewedExpiry(
  validity: Validity,
  expiresOn: IsoDate,
  renewedOn: IsoDate,
  birthDate: IsoDate,
): IsoDate {
  const lapsed = compareDates(renewedOn, expiresOn) > 0;
  if (validity.kind === "fixedYears") {
    return lastDayOfYears(lapsed ? renewedOn : addDays(expiresOn, 1), validity.years);
  }
  // 001: 3年ごとの誕生月 — the next renewal month is N years after the one just renewed in
  const baseYear = parseIsoDate(lapsed ? renewedOn : expiresOn).year;
  return endOfBirthMonth(birthDate, baseYear + validity.years);
}

/** The first day on which the registration may be renewed (002: 1か月前から更新可). */
export function renewalWindow(
  registration: Pick<Registration, "renewalWindowDaysBeforeExpiry">,
  expiresOn: IsoDate,
): IsoDate {
  return addDays(expiresOn, -registration.renewalWindowDaysBeforeExpiry);
}

/**
 * 002: 利用カードを3年以上使っていなかったかた — renewal is needed (and allowed at any time) once N whole
 * years have passed since the last use: last used 2026-04-10, due from 2029-04-10. `lastUsedOn` is the
 * last loan, loan renewal or reservation, or the registration (or its renewal) when nothing since.
 */
export function mustRenewBecauseUnused(
  registration: Pick<Registration, "renewAfterUnusedYears">,
  lastUsedOn: IsoDate,
  today: IsoDate,
): boolean {
  if (registration.renewAfterUnusedYears === null) return false;
  return compareDates(today, sameDateYearsLater(lastUsedOn, registration.renewAfterUnusedYears)) >= 0;
}

export type RegistrationRenewalRefusal = {
  code: "REGISTRATION_RENEWAL_TOO_EARLY";
  details: { opensOn: IsoDate; expiresOn: IsoDate };
};

/** Renewal is allowed from the window's first day on (expired included), or at once after long disuse [002]. */
export function refuseWhenRenewalTooEarly(
  registration: Pick<Registration, "renewalWindowDaysBeforeExpiry" | "renewAfterUnusedYears">,
  registrationState: { expiresOn: IsoDate; lastUsedOn: IsoDate },
  today: IsoDate,
): RegistrationRenewalRefusal | null {
  const opensOn = renewalWindow(registration, registrationState.expiresOn);
  if (compareDates(today, opensOn) >= 0) return null;
  if (mustRenewBecauseUnused(registration, registrationState.lastUsedOn, today)) return null;
  return {
    code: "REGISTRATION_RENEWAL_TOO_EARLY",
    details: { opensOn, expiresOn: registrationState.expiresOn },
  };
}

/**
 * 001: 更新月が近づきましたら、窓口でお知らせします — true from `counterReminderDaysBeforeExpiry` days before
 * the expiry up to and including the expiry day; after it the registration is expired, which the counter
 * shows instead.
 */
export function isRenewalMonthNear(
  registration: Pick<Registration, "counterReminderDaysBeforeExpiry">,
  expiresOn: IsoDate,
  today: IsoDate,
): boolean {
  if (registration.counterReminderDaysBeforeExpiry === null) return false;
  const from = addDays(expiresOn, -registration.counterReminderDaysBeforeExpiry);
  return compareDates(today, from) >= 0 && compareDates(today, expiresOn) <= 0;
}

/**
 * 000: 有効期限が切れてから一定期間経過後に、図書館カードの登録情報(読書記録含む)は削除されます — the first
 * day on which the registration and its records may be deleted; null when the policy never purges.
 */
export function purgeDate(
  registration: Pick<Registration, "purgeAfterExpiryDays">,
  expiresOn: IsoDate,
): IsoDate | null {
  if (registration.purgeAfterExpiryDays === null) return null;
  return addDays(expiresOn, registration.purgeAfterExpiryDays);
}

/** The same date `years` later, or the last day of that month when it has no such day (29 February). */
function sameDateYearsLater(date: IsoDate, years: number): IsoDate {
  return addMonths(date, years * 12);
}

/** The last day of a period of `years` years that starts on (and counts) `start`. */
function lastDayOfYears(start: IsoDate, years: number): IsoDate {
  const { year, month, day } = parseIsoDate(start);
  const target = year + years;
  if (day > daysInMonth(target, month)) return formatIsoDate(target, month, daysInMonth(target, month));
  return addDays(formatIsoDate(target, month, day), -1);
}

function endOfBirthMonth(birthDate: IsoDate, year: number): IsoDate {
  const { month } = parseIsoDate(birthDate);
  return formatIsoDate(year, month, daysInMonth(year, month));
}
