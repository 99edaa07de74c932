import type { IsoDate } from "../calendar/calendar-rules.ts";
import { addMonths, compareDates } from "../calendar/dates.ts";
import type { Policy } from "../policy/policy-schema.ts";
import type { Basis, IdDocumentType } from "../vocabulary.ts";

/**
 * Who may register (DOMAIN.md "Eligibility") and whether the identity document shown at the counter
 * will do ("Registration channels", counter). Pure: the policy, the facts staff entered and today in,
 * a decision out. Every broken rule is reported at once, so staff can tell the applicant everything
 * that is missing in one go.
 */

type Eligibility = Policy["eligibility"];

export type EligibilityFacts = {
  basis: Basis;
  homeMunicipality: string;
  homePrefecture: string;
  /** For workers and students: the municipality where they work or study. */
  workplaceMunicipality?: string | null;
  proofOfWorkOrSchool?: boolean;
  idDocument: { type: IdDocumentType; expiresOn?: IsoDate | null; showsCurrentAddress: boolean };
  supplementaryDocument?: { type: IdDocumentType; issuedOn: IsoDate } | null;
};

/** `area`: resident, worker or student of the system's own area; `wideArea`: resident of a partner municipality. */
export type EligibilityKind = "area" | "wideArea";

export type EligibilityRefusalCode =
  | "NOT_ELIGIBLE"
  | "PROOF_OF_WORK_OR_SCHOOL_REQUIRED"
  | "ID_DOCUMENT_NOT_ACCEPTED"
  | "ID_DOCUMENT_EXPIRED"
  | "SUPPLEMENTARY_DOCUMENT_REQUIRED";

export type EligibilityRefusal = { code: EligibilityRefusalCode; details: Record<string, unknown> };

export type NotEligibleReason = "outsideArea" | "basisNotAccepted" | "wideAreaResidentsOnly";

export type EligibilityDecision =
  | { ok: true; kind: EligibilityKind }
  | { ok: false; refusals: EligibilityRefusal[] };

// 000: ◎キャッシュカード、ポイントカード、会員証、施設利用証などは対象外となります — whatever a policy lists
export const neverAcceptedIdDocuments: readonly IdDocumentType[] = [
  "cashCard",
  "pointCard",
  "membershipCard",
];

export function decideEligibility(
  eligibility: Eligibility,
  facts: EligibilityFacts,
  today: IsoDate,
): EligibilityDecision {
  const area = placeInArea(eligibility, facts);
  const refusals = [
    area.ok ? null : area.refusal,
    refuseWhenProofOfWorkOrSchoolMissing(eligibility, facts),
    refuseWhenIdDocumentNotAccepted(eligibility, facts),
    refuseWhenIdDocumentExpired(facts, today),
    refuseWhenSupplementaryDocumentMissing(eligibility, facts, today),
  ].filter((refusal): refusal is EligibilityRefusal => refusal !== null);
  if (!area.ok || refusals.length > 0) return { ok: false, refusals };
  return { ok: true, kind: area.kind };
}

/**
 * A municipality or prefecture name as compared: NFKC (full-width and half-width forms), no spaces, and
 * the small ヶ written as ケ, since addresses are typed both ways (茅ヶ崎市 = 茅ケ崎市, 鎌ヶ谷市 = 鎌ケ谷市).
 */
export function normaliseMunicipalityName(name: string): string {
  return name
    .normalize("NFKC")
    .replace(/\s+/gu, "")
    .replace(/[ヶゖ]/gu, "ケ");
}

function sameName(a: string, b: string): boolean {
  return normaliseMunicipalityName(a) === normaliseMunicipalityName(b);
}

function includesName(names: readonly string[], name: string | null | undefined): boolean {
  return name != null && names.some((candidate) => sameName(candidate, name));
}

/** Where the applicant's home would place them as a resident, whatever basis they applied on. */
function homePlacement(eligibility: Eligibility, facts: EligibilityFacts): EligibilityKind | null {
  if (includesName(eligibility.areaMunicipalities, facts.homeMunicipality)) return "area";
  // 004 (assumed in the preset): a prefectural library's area is the whole prefecture
  if (eligibility.areaPrefecture !== null && sameName(eligibility.areaPrefecture, facts.homePrefecture)) {
    return "area";
  }
  // 000: 秦野市・伊勢原市…に在住の方 — wide-area registration is for residents only
  if (includesName(eligibility.wideAreaMunicipalities, facts.homeMunicipality)) return "wideArea";
  return null;
}

type Placement = { ok: true; kind: EligibilityKind } | { ok: false; refusal: EligibilityRefusal };

function notEligible(reason: NotEligibleReason, facts: EligibilityFacts, extra: object = {}): Placement {
  return {
    ok: false,
    refusal: {
      code: "NOT_ELIGIBLE",
      details: {
        reason,
        basis: facts.basis,
        homeMunicipality: facts.homeMunicipality,
        ...(facts.basis === "resident" ? {} : { workplaceMunicipality: facts.workplaceMunicipality ?? null }),
        ...extra,
      },
    },
  };
}

function placeInArea(eligibility: Eligibility, facts: EligibilityFacts): Placement {
  if (!eligibility.bases.includes(facts.basis)) {
    return notEligible("basisNotAccepted", facts, { acceptedBases: eligibility.bases });
  }
  const home = homePlacement(eligibility, facts);
  if (facts.basis === "resident") {
    return home === null ? notEligible("outsideArea", facts) : { ok: true, kind: home };
  }
  // 000: 平塚市に在住・在勤・在学の方 — workers and students qualify by where they work or study; home may be anywhere
  if (includesName(eligibility.areaMunicipalities, facts.workplaceMunicipality))
    return { ok: true, kind: "area" };
  // Staff may offer a registration as a resident instead when the home qualifies.
  const hint = home !== null && eligibility.bases.includes("resident") ? { homeQualifiesAs: home } : {};
  if (includesName(eligibility.wideAreaMunicipalities, facts.workplaceMunicipality)) {
    return notEligible("wideAreaResidentsOnly", facts, hint);
  }
  return notEligible("outsideArea", facts, hint);
}

// 000: 在勤・在学の方は、勤務先・学校のわかるものをお持ちください
export function refuseWhenProofOfWorkOrSchoolMissing(
  eligibility: Eligibility,
  facts: EligibilityFacts,
): EligibilityRefusal | null {
  if (!eligibility.workerStudentProofRequired || facts.basis === "resident") return null;
  if (facts.proofOfWorkOrSchool === true) return null;
  return { code: "PROOF_OF_WORK_OR_SCHOOL_REQUIRED", details: { basis: facts.basis } };
}

function acceptedIdDocuments(eligibility: Eligibility): IdDocumentType[] {
  return eligibility.acceptedIdDocuments.filter((type) => !neverAcceptedIdDocuments.includes(type));
}

// 000: マイナンバーカード・運転免許証・保険証・住民票など; cash, point and membership cards never
export function refuseWhenIdDocumentNotAccepted(
  eligibility: Eligibility,
  facts: EligibilityFacts,
): EligibilityRefusal | null {
  const accepted = acceptedIdDocuments(eligibility);
  if (accepted.includes(facts.idDocument.type)) return null;
  return { code: "ID_DOCUMENT_NOT_ACCEPTED", details: { type: facts.idDocument.type, accepted } };
}

// 000: ◎全て有効期限内のものに限ります — still valid on the expiry date itself
export function refuseWhenIdDocumentExpired(
  facts: EligibilityFacts,
  today: IsoDate,
): EligibilityRefusal | null {
  const { expiresOn } = facts.idDocument;
  if (expiresOn == null || compareDates(expiresOn, today) >= 0) return null;
  return { code: "ID_DOCUMENT_EXPIRED", details: { type: facts.idDocument.type, expiresOn, today } };
}

export type SupplementaryDocumentProblem = "missing" | "typeNotAccepted" | "tooOld" | "issuedAfterToday";

/**
 * 000: 住所が変更されていない場合は、住民票や公共料金の支払明細書など、現在の住所が記載されているもの
 * (発行3か月以内のもの)も一緒にご提示いただく. "Within N months": issued on or after the same day N
 * calendar months before today (the month's last day when that month is shorter), and not after today.
 */
export function refuseWhenSupplementaryDocumentMissing(
  eligibility: Eligibility,
  facts: EligibilityFacts,
  today: IsoDate,
): EligibilityRefusal | null {
  if (facts.idDocument.showsCurrentAddress) return null;
  const earliestIssuedOn = addMonths(today, -eligibility.supplementaryDocumentMaxAgeMonths);
  const problem = supplementaryDocumentProblem(
    eligibility,
    facts.supplementaryDocument,
    earliestIssuedOn,
    today,
  );
  if (problem === null) return null;
  return {
    code: "SUPPLEMENTARY_DOCUMENT_REQUIRED",
    details: {
      problem,
      maxAgeMonths: eligibility.supplementaryDocumentMaxAgeMonths,
      accepted: eligibility.supplementaryDocuments,
      earliestIssuedOn,
      provided: facts.supplementaryDocument ?? null,
    },
  };
}

function supplementaryDocumentProblem(
  eligibility: Eligibility,
  document: EligibilityFacts["supplementaryDocument"],
  earliestIssuedOn: IsoDate,
  today: IsoDate,
): SupplementaryDocumentProblem | null {
  if (document == null) return "missing";
  if (!eligibility.supplementaryDocuments.includes(document.type)) return "typeNotAccepted";
  if (compareDates(document.issuedOn, earliestIssuedOn) < 0) return "tooOld";
  if (compareDates(document.issuedOn, today) > 0) return "issuedAfterToday";
  return null;
}
