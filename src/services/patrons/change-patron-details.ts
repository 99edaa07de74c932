import { japanDate } from "../../clock.ts";
import type { Db } from "../../db/client.ts";
import { insertAuditEntry } from "../../db/queries/audit-log.ts";
import { lockPatron, type PatronRow, updatePatron } from "../../db/queries/patrons.ts";
import { type TenantTx, withTenant } from "../../db/tenant.ts";
import { compareDates } from "../../domain/calendar/dates.ts";
import { AppError } from "../../domain/errors.ts";
import { decideEligibility, type EligibilityKind } from "../../domain/patrons/eligibility.ts";
import { nameKey, phoneKey } from "../../domain/patrons/patron-names.ts";
import { refuseProxy } from "../../domain/patrons/proxies.ts";
import type { Policy } from "../../domain/policy/policy-schema.ts";
import { getPolicyInForce } from "../policies/get-policy-in-force.ts";
import { actorDetails, type StaffActor } from "../staff-actor.ts";
import {
  birthDateIssue,
  municipalityIssue,
  prefectureIssue,
  throwFieldIssues,
  throwRefusals,
} from "./field-checks.ts";
import type { IdentityCheck, PatronDetails, ProxyInput } from "./patron-input.ts";
import { loadPatronView, type PatronView } from "./patron-view.ts";
import { eligibilityFacts } from "./register-patron.ts";

export type PatronChanges = Partial<Omit<PatronDetails, "address">> & {
  address?: PatronDetails["address"];
  notes?: string;
  preferences?: Record<string, unknown>;
};

/** What the change means for the registration: a move re-checks eligibility (000). */
export type EligibilityAfterChange = {
  rechecked: boolean;
  kind: EligibilityKind | "none";
  previousKind: EligibilityKind;
  /** What follows: `wideAreaRestrictions` (003: the blue card may not reserve), `registrationEnds`. */
  consequences: ("wideAreaRestrictions" | "registrationEnds")[];
  refusals: { code: string; details: Record<string, unknown> }[];
};

/**
 * 000: 住所・電話番号などが変更になったときは、受付カウンターで手続きをしてください — registered details are
 * changed with an identity document. A move re-checks eligibility: a patron who moved to a partner
 * municipality becomes a wide-area patron, and one who moved out of every area keeps the registration
 * only to the end of today (the record stays, as after any expiry, until the purge).
 */
export async function changePatronDetails(
  options: ChangeInput & { db: Db; librarySystemId: number },
): Promise<ChangeResult> {
  const { policy } = await getPolicyInForce(options.db, options.librarySystemId, japanDate(options.now));
  return withTenant(options.db, options.librarySystemId, (tx) => changePatronDetailsIn(tx, policy, options));
}

type ChangeInput = {
  actor: StaffActor;
  patronId: string;
  changes: PatronChanges;
  identity: IdentityCheck & ProxyInput;
  now: Date;
};
type ChangeResult = { patron: PatronView; eligibility: EligibilityAfterChange };

/** The change in the caller's transaction: the online review approves a change of details through this. */
export async function changePatronDetailsIn(
  tx: TenantTx,
  policy: Policy,
  input: ChangeInput,
): Promise<ChangeResult> {
  const { actor, patronId, changes, identity, now } = input;
  const today = japanDate(now);
  throwFieldIssues([
    birthDateIssue(changes.birthDate, today),
    prefectureIssue(changes.address?.prefecture, ["address", "prefecture"]),
    municipalityIssue(policy, changes.municipality, ["municipality"]),
    municipalityIssue(policy, changes.workplaceOrSchool?.municipality, ["workplaceOrSchool", "municipality"]),
  ]);
  const proxyRefusal = identity.proxy
    ? refuseProxy(policy.registration.proxies, "changeDetails", identity.proxy)
    : null;
  throwRefusals(proxyRefusal ? [proxyRefusal] : []);

  const before = await lockPatron(tx, patronId);
  if (!before) throw new AppError("PATRON_NOT_FOUND", { id: patronId });
  const after = applyChanges(before, changes);
  // A new workplace or school needs its proof; one already on record was proven at registration.
  const proofShown = changes.workplaceOrSchool?.proofShown ?? true;
  const eligibility = recheckEligibility(policy, before, after, { ...identity, proofShown }, today);
  // The identity document must do whatever the change (000: 登録内容の変更手続き — 本人確認の書類提示)
  throwRefusals(eligibility.refusals.filter((r) => r.code !== "NOT_ELIGIBLE"));
  const ends = eligibility.kind === "none" && compareDates(before.expiresOn, today) > 0;
  const row = await updatePatron(tx, patronId, {
    ...after,
    registrationKind: eligibility.kind === "none" ? before.registrationKind : eligibility.kind,
    expiresOn: ends ? today : before.expiresOn,
    updatedAt: now,
  });
  await insertAuditEntry(tx, {
    actorStaffId: actor.staffId,
    action: "patron.change",
    subjectType: "patron",
    subjectId: patronId,
    details: {
      ...actorDetails(actor),
      fields: changedFields(before, after),
      idDocument: identity.idDocument,
      supplementaryDocument: identity.supplementaryDocument ?? null,
      proxy: identity.proxy ?? null,
      eligibility: { kind: eligibility.kind, consequences: eligibility.consequences },
    },
    at: now,
  });
  return { patron: await loadPatronView(tx, policy, row, today), eligibility };
}

type PatronFields = Omit<PatronRow, "id" | "librarySystemId" | "createdAt" | "updatedAt">;

function applyChanges(row: PatronRow, changes: PatronChanges): PatronFields {
  const { id: _id, librarySystemId: _system, createdAt: _created, updatedAt: _updated, ...fields } = row;
  const next: PatronFields = {
    ...fields,
    familyName: changes.familyName ?? row.familyName,
    givenName: changes.givenName ?? row.givenName,
    familyNameKana: changes.familyNameKana ?? row.familyNameKana,
    givenNameKana: changes.givenNameKana ?? row.givenNameKana,
    birthDate: changes.birthDate ?? row.birthDate,
    phone: changes.phone ?? row.phone,
    email: changes.email === undefined ? row.email : changes.email,
    basis: changes.basis ?? row.basis,
    municipality: changes.municipality ?? row.municipality,
    notes: changes.notes ?? row.notes,
    preferences: changes.preferences ?? row.preferences,
  };
  if (changes.address) {
    next.postalCode = changes.address.postalCode;
    next.prefecture = changes.address.prefecture;
    next.city = changes.address.city;
    next.street = changes.address.street;
    next.building = changes.address.building ?? "";
  }
  if (changes.workplaceOrSchool !== undefined) {
    next.workplaceOrSchool = changes.workplaceOrSchool?.name ?? null;
    next.workplaceMunicipality = changes.workplaceOrSchool?.municipality ?? null;
  }
  if (next.basis === "resident") {
    next.workplaceOrSchool = null;
    next.workplaceMunicipality = null;
  }
  next.nameKey = nameKey(next.familyNameKana, next.givenNameKana);
  next.writtenNameKey = nameKey(next.familyName, next.givenName);
  next.phoneKey = phoneKey(next.phone);
  return next;
}

// A new workplace or school, even in the same city, is checked again with its proof.
const eligibilityFields = [
  "basis",
  "municipality",
  "prefecture",
  "workplaceOrSchool",
  "workplaceMunicipality",
] as const;

function recheckEligibility(
  policy: Policy,
  before: PatronRow,
  after: PatronFields,
  identity: IdentityCheck & { proofShown: boolean },
  today: string,
): EligibilityAfterChange {
  const moved = eligibilityFields.some((field) => before[field] !== after[field]);
  const decision = decideEligibility(
    policy.eligibility,
    eligibilityFacts({
      ...identity,
      basis: after.basis,
      municipality: after.municipality,
      address: {
        postalCode: after.postalCode,
        prefecture: after.prefecture,
        city: after.city,
        street: after.street,
      },
      familyName: after.familyName,
      givenName: after.givenName,
      familyNameKana: after.familyNameKana,
      givenNameKana: after.givenNameKana,
      birthDate: after.birthDate,
      workplaceOrSchool: after.workplaceMunicipality
        ? {
            name: after.workplaceOrSchool ?? "",
            municipality: after.workplaceMunicipality,
            proofShown: identity.proofShown,
          }
        : null,
    }),
    today,
  );
  const refusals = decision.ok ? [] : decision.refusals;
  // Without a move, only the identity document is checked; the registration stands as it is.
  const kind: EligibilityKind | "none" = !moved
    ? before.registrationKind
    : decision.ok
      ? decision.kind
      : refusals.some((r) => r.code === "NOT_ELIGIBLE")
        ? "none"
        : before.registrationKind;
  const consequences: EligibilityAfterChange["consequences"] = [];
  if (kind === "wideArea" && !policy.holds.wideAreaMayReserve) consequences.push("wideAreaRestrictions");
  if (kind === "none") consequences.push("registrationEnds");
  return {
    rechecked: moved,
    kind,
    previousKind: before.registrationKind,
    consequences,
    refusals: moved
      ? refusals
      : refusals.filter((r) => r.code !== "NOT_ELIGIBLE" && r.code !== "PROOF_OF_WORK_OR_SCHOOL_REQUIRED"),
  };
}

function changedFields(before: PatronRow, after: PatronFields): string[] {
  return (Object.keys(after) as (keyof PatronFields)[]).filter(
    (key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]),
  );
}
