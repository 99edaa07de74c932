import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { isIsoDate } from "../../domain/calendar/dates.ts";
import { isAppError } from "../../domain/errors.ts";
import { type CredentialKind, credentialKinds } from "../../domain/vocabulary.ts";
import type { ReturnResult } from "../../services/circulation/return-item.ts";
import type { AppEnv, Lang } from "../context.ts";
import { describeError } from "../error-messages.ts";
import { verifyCsrf } from "./csrf.ts";

/**
 * The counter's circulation forms as plain HTML forms. Each form carries what the desk has done so far in
 * hidden fields (the loans made, the returns taken), so that a page rendered again without scripts shows
 * the same list as the one htmx grows row by row.
 */
export type Body = Record<string, string | File | (string | File)[]>;

/** The posted form, every field kept as a list (a list of loans repeats its field); CSRF checked first. */
export async function csrfCheckedBody(c: Context<AppEnv>): Promise<Body> {
  const body = (await c.req.parseBody({ all: true })) as Body;
  verifyCsrf(c, one(body, "_csrf") || undefined);
  return body;
}

export function one(body: Body, name: string): string {
  const value = body[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === "string" ? first : "";
}

export function many(body: Body, name: string): string[] {
  const value = body[name];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((v): v is string => typeof v === "string");
}

/**
 * A number as a scanner or a person gives it: full-width digits folded (NFKC), spaces trimmed, and the NW-7
 * start and stop letters dropped when a scanner sends them (A1234567890A).
 */
export function scannedNumber(value: string): string {
  const text = value.normalize("NFKC").trim();
  const framed = /^[A-D](\d+)[A-D]$/iu.exec(text);
  return framed ? framed[1]! : text;
}

/** Which step of the checkout a form is: reading the patron, scanning an item, or lending with a reason. */
export type CheckoutStep = "patron" | "item" | "override";

export type CheckoutForm = {
  step: CheckoutStep;
  servicePoint: string;
  credentialKind: CredentialKind;
  credential: string;
  itemBarcode: string;
  overrideReason: string;
  /** The loans this desk has made for the patron, oldest first. */
  loanIds: number[];
};

const MAX_SESSION_ROWS = 100;

export function checkoutFormOf(body: Body): CheckoutForm {
  const step = one(body, "step");
  const kind = one(body, "credentialKind");
  const credentialKind = (credentialKinds as readonly string[]).includes(kind)
    ? (kind as CredentialKind)
    : "card";
  const credential = one(body, "credential");
  return {
    step: step === "item" || step === "override" ? step : "patron",
    servicePoint: one(body, "servicePoint").trim(),
    credentialKind,
    // Only a card number is printed as NW-7; the other credentials are identifiers read by a device.
    credential: credentialKind === "card" ? scannedNumber(credential) : credential.trim(),
    itemBarcode: scannedNumber(one(body, "itemBarcode")),
    overrideReason: one(body, "overrideReason").trim().slice(0, 500),
    loanIds: many(body, "loan")
      .map(Number)
      .filter((id) => Number.isSafeInteger(id) && id > 0)
      .slice(-MAX_SESSION_ROWS),
  };
}

/** A return as the results list shows it: the service's answer without the loan's id. */
export type ReturnRow = Omit<ReturnResult, "loanId">;

const pointNameSchema = z.object({ code: z.string(), name: z.object({ ja: z.string(), en: z.string() }) });
const returnRowSchema = z.object({
  barcode: z.string().max(32),
  title: z.string().max(2000),
  status: z.enum(["returned", "notOnLoan", "arrived"]),
  returnedOn: z.string().nullable(),
  overdueDays: z.number().int().min(0),
  exceptions: z.array(z.string().max(64)).max(8),
  transitTo: pointNameSchema.nullable(),
  holdTrapped: z
    .object({ holdId: z.number().int(), pickupPoint: z.string().nullable(), ready: z.boolean() })
    .nullable(),
  sendBackTo: z.string().nullable(),
});

export type ReturnForm = {
  servicePoint: string;
  via: "counter" | "bookDrop";
  bookDrop: string;
  /** As typed; empty means today. */
  emptiedOn: string;
  itemBarcode: string;
  /** What this desk has taken back so far, oldest first (only ever shown back to the staff who scanned it). */
  done: ReturnRow[];
};

export function returnFormOf(body: Body): ReturnForm {
  const done: ReturnRow[] = [];
  for (const value of many(body, "done").slice(-MAX_SESSION_ROWS)) {
    try {
      const parsed = returnRowSchema.safeParse(JSON.parse(value));
      if (parsed.success) done.push(parsed.data as ReturnRow);
    } catch {
      // A row that does not parse is dropped: it is a copy of what was shown, never a record.
    }
  }
  return {
    servicePoint: one(body, "servicePoint").trim(),
    via: one(body, "via") === "bookDrop" ? "bookDrop" : "counter",
    bookDrop: one(body, "bookDrop").trim(),
    emptiedOn: one(body, "emptiedOn").trim(),
    itemBarcode: scannedNumber(one(body, "itemBarcode")),
    done,
  };
}

/** The day typed for the emptied book drop, when it is a date; the service refuses a day in the future. */
export function emptiedOnOf(form: ReturnForm): string | null {
  return form.emptiedOn && isIsoDate(form.emptiedOn) ? form.emptiedOn : null;
}

/** A refusal and every rule behind it, worded for the page; errors that are not a refusal are rethrown. */
export type Refused = {
  code: string;
  status: number;
  refusals: { code: string; details: Record<string, unknown>; overridable: boolean }[];
};

export function refusedOf(error: unknown): Refused {
  if (!isAppError(error)) throw error;
  const { status } = describeError(error.code);
  // A session or a role that fails is not the form's problem: the error page (or a sign-in) answers it.
  if (status >= 500 || status === 401) throw error;
  const listed = Array.isArray(error.details.refusals)
    ? (error.details.refusals as Refused["refusals"])
    : [{ code: error.code, details: error.details, overridable: false }];
  return {
    code: error.code,
    status,
    refusals: listed.map((r) => ({
      code: r.code,
      details: r.details ?? {},
      overridable: r.overridable === true,
    })),
  };
}

/** Staff may lend despite the refusals only when every one of them is overridable. */
export const overridable = (refused: Refused) =>
  refused.refusals.length > 0 && refused.refusals.every((r) => r.overridable);

export function refusalMessage(refusal: Refused["refusals"][number], lang: Lang): string {
  return describeError(refusal.code)[lang];
}
