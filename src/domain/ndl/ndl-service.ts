import type { IsoDate } from "../calendar/calendar-rules.ts";
import { AppError } from "../errors.ts";

/**
 * The NDL digital transmission service (001): at a participating service point only, card holders only, on
 * an application form whose rules the patron accepts (no data download, no screen copies, no photographs);
 * at most the policy's minutes per person per day. Prints are made by staff within copyright law art. 31
 * and handed over on a later day (大量の複写や窓口が混雑している場合は後日の引渡し).
 */

export const ndlRules = ["noDownload", "noScreenCopy", "noPhotographs", "printsByStaff"] as const;
export type NdlRule = (typeof ndlRules)[number];

export function refuseNdlSession(facts: {
  servicePoint: { code: string; ndlDigitalService: boolean };
  accepted: readonly string[];
  minutes: number;
  minutesUsedToday: number;
  minutesPerDay: number;
}): void {
  if (!facts.servicePoint.ndlDigitalService) {
    throw new AppError("NDL_SERVICE_NOT_HERE", { servicePoint: facts.servicePoint.code });
  }
  const missing = ndlRules.filter((rule) => !facts.accepted.includes(rule));
  if (missing.length > 0) throw new AppError("NDL_RULES_NOT_ACCEPTED", { missing });
  const left = facts.minutesPerDay - facts.minutesUsedToday;
  if (facts.minutes > left) {
    throw new AppError("NDL_DAILY_LIMIT_REACHED", {
      minutesPerDay: facts.minutesPerDay,
      minutesLeft: Math.max(left, 0),
    });
  }
}

/** A print may be handed over from its ready day on, never on the day it was asked for. */
export function refuseNdlHandOver(print: { status: string; readyOn: IsoDate }, today: IsoDate): void {
  if (print.status !== "requested") throw new AppError("NDL_PRINT_ALREADY_HANDED_OVER", {});
  if (today < print.readyOn) throw new AppError("NDL_PRINT_NOT_READY", { readyOn: print.readyOn });
}
