import { AppError } from "../errors.ts";

/**
 * Photocopies at the counter (001 複写サービス) within copyright law art. 31: a library may copy, for a
 * user's research, one copy per person of a part of a published work; a whole article of a periodical may be
 * copied once the issue is no longer the current one (発行後相当期間を経過したもの). The patron confirms the
 * checklist on the request form; a request that breaks one of its rules is refused with the rule.
 */

/** What of the work is copied. */
export const photocopyScopes = ["partOfWork", "wholeArticle", "wholeWork"] as const;
export type PhotocopyScope = (typeof photocopyScopes)[number];

/** The statements the patron confirms on the form (著作権法第31条の範囲内であることの確認). */
export const photocopyChecklist = ["forResearch", "onePerPerson", "withinScope"] as const;
export type PhotocopyChecklistItem = (typeof photocopyChecklist)[number];

export type PhotocopyRule = "checklistNotConfirmed" | "oneCopyPerPerson" | "partOfWorkOnly" | "currentIssue";

export type PhotocopySource = {
  /** A periodical (magazine, weekly magazine, newspaper); its articles may be copied whole once past. */
  periodical: boolean;
  /** The issue is the current one (the item carries `latestIssue`). */
  currentIssue: boolean;
};

export type PhotocopyRequest = {
  source: PhotocopySource;
  scope: PhotocopyScope;
  copies: number;
  confirmed: readonly string[];
};

/** Throws `PHOTOCOPY_NOT_PERMITTED` with the rule the request breaks. */
export function refusePhotocopy(request: PhotocopyRequest): void {
  const unconfirmed = photocopyChecklist.filter((item) => !request.confirmed.includes(item));
  if (unconfirmed.length > 0) refuse("checklistNotConfirmed", { unconfirmed });
  if (request.copies !== 1) refuse("oneCopyPerPerson", { copies: request.copies });
  if (request.scope === "wholeWork") refuse("partOfWorkOnly", { scope: request.scope });
  if (request.scope === "wholeArticle") {
    if (!request.source.periodical) refuse("partOfWorkOnly", { scope: request.scope });
    if (request.source.currentIssue) refuse("currentIssue", { scope: request.scope });
  }
}

function refuse(rule: PhotocopyRule, facts: Record<string, unknown>): never {
  throw new AppError("PHOTOCOPY_NOT_PERMITTED", { rule, ...facts });
}

export type PhotocopyPages = { mono: number; colour: number };
export type PhotocopyPrices = { photocopyMonoYen: number; photocopyColourYen: number };

/** The fee: black-and-white and colour pages at the policy's prices (001: 10 and 30 yen). */
export function photocopyFee(pages: PhotocopyPages, prices: PhotocopyPrices): number {
  return pages.mono * prices.photocopyMonoYen + pages.colour * prices.photocopyColourYen;
}
