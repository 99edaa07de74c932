import { isIsoDate } from "../../domain/calendar/dates.ts";
import { isAppError } from "../../domain/errors.ts";
import type { Lang } from "../context.ts";
import { describeError } from "../error-messages.ts";
import { describeFieldIssue } from "../field-messages.ts";
import { t } from "./i18n.ts";

/**
 * The staff patron forms as plain HTML forms: every field is named by its path in the API body
 * (`address.postalCode`), so the API's issues (422) and refusals (409) land on the field they are about.
 * What staff typed is kept as typed and shown again after an error.
 */
export type FormValues = Record<string, string>;

export function formValuesOf(body: Record<string, unknown>): FormValues {
  const values: FormValues = {};
  for (const [name, value] of Object.entries(body)) {
    if (name !== "_csrf" && typeof value === "string") values[name] = value;
  }
  return values;
}

/** A field's problem and the summary's line for it; `field` is absent when no one field is to blame. */
export type FormProblem = { field?: string; message: string };

export type FormErrors = { status: number; problems: FormProblem[] };

// ---- Counter conveniences: what staff type is folded to what the API asks for ----

/** Hiragana and half-width katakana as full-width katakana: a reading typed with any IME setting. */
export function katakanaOf(value: string): string {
  return value
    .normalize("NFKC")
    .trim()
    .replace(/[\u3041-\u3096]/gu, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0x60));
}

/** 6650014, ６６５－００１４ and 〒665-0014 are 665-0014. */
export function postalCodeOf(value: string): string {
  const folded = value
    .normalize("NFKC")
    .trim()
    .replace(/^〒\s*/u, "");
  return /^\d{7}$/u.test(folded) ? `${folded.slice(0, 3)}-${folded.slice(3)}` : folded;
}

const eraStarts: Record<string, number> = {
  明治: 1868,
  大正: 1912,
  昭和: 1926,
  平成: 1989,
  令和: 2019,
  M: 1868,
  T: 1912,
  S: 1926,
  H: 1989,
  R: 2019,
};

/**
 * A date as staff type it at the counter, as YYYY-MM-DD: 1990-05-15, 1990/5/15, 19900515, 1990年5月15日
 * and the Japanese era forms 平成2年5月15日, H2.5.15. Anything else is returned as typed, for the schema
 * to refuse with its own message.
 */
export function isoDateOf(value: string): string {
  const v = value.normalize("NFKC").trim();
  const iso = (y: number, m: string, d: string) =>
    `${String(y).padStart(4, "0")}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`;
  let m = /^(\d{4})(\d{2})(\d{2})$/u.exec(v);
  if (m) return iso(Number(m[1]), m[2]!, m[3]!);
  m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/u.exec(v);
  if (m) return iso(Number(m[1]), m[2]!, m[3]!);
  m =
    /^(明治|大正|昭和|平成|令和|[MTSHR])\s*(\d{1,2}|元)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/iu.exec(
      v,
    );
  if (m) {
    const start = eraStarts[m[1]!.toUpperCase()] ?? eraStarts[m[1]!]!;
    return iso(start + (m[2] === "元" ? 1 : Number(m[2])) - 1, m[3]!, m[4]!);
  }
  return v;
}

// ---- Form → API body ----

const text = (v: FormValues, name: string) => (v[name] ?? "").trim();
const optional = (v: FormValues, name: string) => text(v, name) || undefined;
export const isChecked = (v: FormValues, name: string) => v[name] === "on";

function detailsOf(v: FormValues) {
  return {
    familyName: text(v, "familyName"),
    givenName: text(v, "givenName"),
    familyNameKana: katakanaOf(v.familyNameKana ?? ""),
    givenNameKana: katakanaOf(v.givenNameKana ?? ""),
    birthDate: isoDateOf(v.birthDate ?? ""),
    address: {
      postalCode: postalCodeOf(v["address.postalCode"] ?? ""),
      prefecture: text(v, "address.prefecture"),
      city: text(v, "address.city"),
      street: text(v, "address.street"),
      building: optional(v, "address.building"),
    },
    phone: text(v, "phone").normalize("NFKC"),
    email: optional(v, "email") ?? null,
    municipality: text(v, "municipality"),
  };
}

function identityOf(v: FormValues) {
  const showsCurrentAddress = isChecked(v, "idDocument.showsCurrentAddress");
  const supplementaryType = optional(v, "supplementaryDocument.type");
  const supplementaryIssuedOn = isoDateOf(v["supplementaryDocument.issuedOn"] ?? "");
  return {
    idDocument: {
      type: optional(v, "idDocument.type"),
      expiresOn: isoDateOf(v["idDocument.expiresOn"] ?? "") || null,
      showsCurrentAddress,
    },
    // Typed supplementary fields count only while the document shows an old address (they are hidden otherwise).
    supplementaryDocument:
      !showsCurrentAddress && (supplementaryType || supplementaryIssuedOn)
        ? { type: supplementaryType, issuedOn: supplementaryIssuedOn }
        : null,
    proxy: isChecked(v, "proxy.present")
      ? {
          name: text(v, "proxy.name"),
          relationship: optional(v, "proxy.relationship"),
          idDocumentType: optional(v, "proxy.idDocumentType"),
          broughtPatronCard: isChecked(v, "proxy.broughtPatronCard"),
          letterOfAttorney: isChecked(v, "proxy.letterOfAttorney"),
          patronIdDocumentShown: isChecked(v, "proxy.patronIdDocumentShown"),
        }
      : null,
  };
}

/** The body of POST /patrons, without the guardian and household, which are looked up by card number first. */
export function registrationBodyOf(v: FormValues) {
  const basis = optional(v, "basis");
  const reason = optional(v, "duplicateOverride.reason");
  return {
    ...detailsOf(v),
    basis,
    workplaceOrSchool:
      basis && basis !== "resident"
        ? {
            name: text(v, "workplaceOrSchool.name"),
            municipality: text(v, "workplaceOrSchool.municipality"),
            proofShown: isChecked(v, "workplaceOrSchool.proofShown"),
          }
        : null,
    ...identityOf(v),
    duplicateOverride: reason ? { reason } : null,
    notes: optional(v, "notes"),
  };
}

/** The body of POST /patrons/{id}/registration-renewals: the identity document and any supplementary one. */
export function renewalBodyOf(v: FormValues) {
  const { idDocument, supplementaryDocument } = identityOf(v);
  return { idDocument, supplementaryDocument };
}

/**
 * The body of POST /patrons/{id}/cards (a reissue): the identity document only when one was chosen (showing
 * one is optional), the proxy when one is doing it, and whether a physical card is issued.
 */
export function reissueBodyOf(v: FormValues) {
  const { idDocument, proxy } = identityOf(v);
  return {
    reason: optional(v, "reason"),
    idDocument: idDocument.type ? { ...idDocument, showsCurrentAddress: true } : undefined,
    proxy,
    physical: isChecked(v, "physical"),
  };
}

/** The body of PATCH /patrons/{id}: the details the counter changes, with the identity document. */
export function changeBodyOf(v: FormValues) {
  const { birthDate: _birthDate, ...details } = detailsOf(v);
  return { ...details, ...identityOf(v) };
}

// ---- API answers → problems next to the fields ----

type Issue = Parameters<typeof describeFieldIssue>[0];

/** A field's name from an issue's path; an object-level issue is put on its first field. */
function fieldOfPath(path: string[]): string {
  const key = path.join(".");
  if (key === "workplaceOrSchool") return "workplaceOrSchool.name";
  if (key === "supplementaryDocument") return "supplementaryDocument.type";
  if (key === "proxy") return "proxy.name";
  if (key === "address") return "address.postalCode";
  if (key === "idDocument") return "idDocument.type";
  if (key === "duplicateOverride") return "duplicateOverride.reason";
  return key;
}

const selectFields = [
  "basis",
  "reason",
  "idDocument.type",
  "supplementaryDocument.type",
  "proxy.idDocumentType",
];

/**
 * The schema's issues beside their fields, one line per field: a field left empty says only that it is
 * required (not also that its format is wrong), and a list left at "choose one" asks for a choice.
 */
export function issueProblems(issues: Issue[], lang: Lang, values: FormValues): FormProblem[] {
  const byField = new Map<string, string[]>();
  for (const issue of issues) {
    const described = describeFieldIssue(issue, lang);
    const field = fieldOfPath(described.path);
    const empty = !(values[field] ?? "").trim();
    const message = !empty
      ? described.message
      : selectFields.includes(field)
        ? t(lang, "chooseRequired")
        : describeFieldIssue(
            { path: issue.path, code: "too_small", origin: "string", minimum: 1, message: "" },
            lang,
          ).message;
    const messages = byField.get(field) ?? [];
    if (!messages.includes(message) && !(empty && messages.length > 0)) messages.push(message);
    byField.set(field, messages);
  }
  return [...byField].map(([field, messages]) => ({ field, message: messages.join(" ") }));
}

type Refusal = { code: string; details: Record<string, unknown> };

/** The field a refused rule is about, so that its message stands next to it as well as in the summary. */
function fieldOfRefusal(refusal: Refusal, v: FormValues): string | undefined {
  const { code, details } = refusal;
  switch (code) {
    case "NOT_ELIGIBLE":
      if (details.reason === "basisNotAccepted") return "basis";
      return details.basis === "resident" || !("workplaceMunicipality" in details)
        ? "municipality"
        : "workplaceOrSchool.municipality";
    case "PROOF_OF_WORK_OR_SCHOOL_REQUIRED":
      return "workplaceOrSchool.proofShown";
    case "ID_DOCUMENT_NOT_ACCEPTED":
      return "idDocument.type";
    case "ID_DOCUMENT_EXPIRED":
      return "idDocument.expiresOn";
    case "SUPPLEMENTARY_DOCUMENT_REQUIRED":
      return details.problem === "tooOld" || details.problem === "issuedAfterToday"
        ? "supplementaryDocument.issuedOn"
        : "supplementaryDocument.type";
    case "POSSIBLE_DUPLICATE":
      return "duplicateOverride.reason";
    case "REGISTRATION_NOT_FOUND":
      return "familyNameKana";
    case "KIT_NUMBER_UNKNOWN":
    case "KIT_NUMBER_USED":
    case "INVALID_BARCODE":
    case "INVALID_BARCODE_CHECK_DIGIT":
      return "kitNumber";
    case "GUARDIAN_NOT_FOUND":
    case "CHILD_TOO_OLD_FOR_GUARDIAN":
      return "guardian";
    case "PATRON_NOT_FOUND":
      return details.field === "householdOf" ? "householdOf" : undefined;
    case "PROXY_NOT_ALLOWED":
    case "NOT_IN_PERSON":
      return "proxy.present";
    case "PROXY_LETTER_REQUIRED":
      return isChecked(v, "proxy.letterOfAttorney") ? "proxy.broughtPatronCard" : "proxy.letterOfAttorney";
    case "PROXY_NEEDS_CARD":
      return "proxy.patronIdDocumentShown";
    default:
      return undefined;
  }
}

/**
 * What a service's refusal means for the form: every issue (422) or every broken rule (409, listed in
 * `details.refusals`), worded in the page's language. Errors that are not the form's fault are rethrown.
 */
export function formErrorsOf(error: unknown, v: FormValues, lang: Lang): FormErrors {
  if (!isAppError(error)) throw error;
  const { status } = describeError(error.code);
  if (status >= 500 || status === 401 || status === 403) throw error;
  if (error.code === "VALIDATION_FAILED" && Array.isArray(error.details.issues)) {
    return { status, problems: issueProblems(error.details.issues as Issue[], lang, v) };
  }
  const refusals: Refusal[] = Array.isArray(error.details.refusals)
    ? (error.details.refusals as Refusal[])
    : [{ code: error.code, details: error.details }];
  return {
    status,
    problems: refusals.map((refusal) => ({
      field: fieldOfRefusal(refusal, v),
      message: `${describeError(refusal.code)[lang]}${refusalDateOf(refusal, lang)}`,
    })),
  };
}

/** The day a refusal that is only "not yet" names: when the renewal opens, when a lost card may be reissued. */
function refusalDateOf(refusal: Refusal, lang: Lang): string {
  const { code, details } = refusal;
  const date =
    code === "REGISTRATION_RENEWAL_TOO_EARLY"
      ? { label: t(lang, "renewableFrom"), on: details.opensOn }
      : code === "REISSUE_TOO_EARLY"
        ? { label: t(lang, "reissueAllowedFrom"), on: details.allowedFrom }
        : null;
  if (!date || typeof date.on !== "string") return "";
  return lang === "ja" ? `${date.label}: ${date.on}` : ` ${date.label}: ${date.on}.`;
}

/** A guardian or household member named by an ID (as the API takes it) rather than a card number. */
export function isPatronId(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu.test(value);
}

/** Whether a typed date is one the API will take; the search form checks before it searches. */
export const isTypedDate = (value: string) => isIsoDate(isoDateOf(value));
