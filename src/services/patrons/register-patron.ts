import { randomUUID } from "node:crypto";
import { japanDate } from "../../clock.ts";
import type { Db } from "../../db/client.ts";
import { insertAuditEntry } from "../../db/queries/audit-log.ts";
import { recordEvent } from "../../db/queries/circulation-events.ts";
import { insertCard } from "../../db/queries/patron-cards.ts";
import {
  findPatron,
  findPatronsByNameAndBirthDate,
  insertPatron,
  type PatronRow,
} from "../../db/queries/patrons.ts";
import { type TenantTx, withTenant } from "../../db/tenant.ts";
import { AppError } from "../../domain/errors.ts";
import { decideEligibility, type EligibilityFacts } from "../../domain/patrons/eligibility.ts";
import { refuseWhenChildTooOldForGuardian } from "../../domain/patrons/guardians.ts";
import { nameKey, phoneKey } from "../../domain/patrons/patron-names.ts";
import { refuseProxy } from "../../domain/patrons/proxies.ts";
import { firstExpiry } from "../../domain/patrons/registration-validity.ts";
import type { Policy } from "../../domain/policy/policy-schema.ts";
import { getPolicyInForce } from "../policies/get-policy-in-force.ts";
import { actorDetails, type StaffActor } from "../staff-actor.ts";
import { allocateCardNumber } from "./allocate-card-number.ts";
import {
  birthDateIssue,
  municipalityIssue,
  prefectureIssue,
  throwFieldIssues,
  throwRefusals,
} from "./field-checks.ts";
import type { IdentityCheck, PatronDetails, ProxyInput } from "./patron-input.ts";
import { queueElibraryNotice } from "./queue-elibrary-notice.ts";

export type PatronRegistration = PatronDetails &
  IdentityCheck &
  ProxyInput & {
    /** A guardian registering a child up to the end of primary school (000). */
    guardianId?: string | null;
    /** Joins this patron's household (postal and batch registration of household members). */
    householdOf?: string | null;
    /** Staff register a possible duplicate knowingly, with the reason. */
    duplicateOverride?: { reason: string } | null;
    notes?: string;
    preferences?: Record<string, unknown>;
  };

export type RegisteredPatron = { id: string; cardNumber: string; expiresOn: string };

/**
 * Counter registration (DOMAIN.md "Registration channels", counter): eligibility by the policy, the identity
 * document's type recorded, the duplicate check, and the card issued on the spot.
 */
export async function registerPatron(options: {
  db: Db;
  librarySystemId: number;
  actor: StaffActor;
  registration: PatronRegistration;
  now: Date;
}): Promise<RegisteredPatron> {
  const { db, librarySystemId, actor, registration: input, now } = options;
  const { policy } = await getPolicyInForce(db, librarySystemId, japanDate(now));
  const kind = checkRegistration(policy, input, now);
  return withTenant(db, librarySystemId, (tx) =>
    insertRegistration(tx, { policy, actor, registration: input, kind, now, channel: counterChannel }),
  );
}

/** How a registration arrived: at the counter with a plastic card, or online with the smartphone card only. */
export type RegistrationChannel = { via: "counter" | "online" | "postal" | "kit"; physicalCard: boolean };
const counterChannel: RegistrationChannel = { via: "counter", physicalCard: true };

/**
 * What every channel checks before anything is written: the fields, eligibility, the proxy and the guardian's
 * child. Answers the registration kind (area or wide area).
 */
export function checkRegistration(policy: Policy, input: PatronRegistration, now: Date): "area" | "wideArea" {
  const today = japanDate(now);

  throwFieldIssues([
    birthDateIssue(input.birthDate, today),
    prefectureIssue(input.address.prefecture, ["address", "prefecture"]),
    municipalityIssue(policy, input.municipality, ["municipality"]),
    municipalityIssue(policy, input.workplaceOrSchool?.municipality, ["workplaceOrSchool", "municipality"]),
  ]);

  const eligibility = decideEligibility(policy.eligibility, eligibilityFacts(input), today);
  const proxyRefusal = input.proxy ? refuseProxy(policy.registration.proxies, "register", input.proxy) : null;
  const guardianRefusal = input.guardianId ? refuseWhenChildTooOldForGuardian(input.birthDate, today) : null;
  throwRefusals([
    ...(eligibility.ok ? [] : eligibility.refusals),
    ...(proxyRefusal ? [proxyRefusal] : []),
    ...(guardianRefusal ? [guardianRefusal] : []),
  ]);
  if (!eligibility.ok) throw new Error("unreachable: refusals were thrown");
  return eligibility.kind;
}

/**
 * Writes a checked registration in the caller's transaction: the duplicate check, the patron, the card, the
 * audit entry and the anonymous figure. The online review approves through this too.
 */
export async function insertRegistration(
  tx: TenantTx,
  options: {
    policy: Policy;
    actor: StaffActor;
    registration: PatronRegistration;
    kind: "area" | "wideArea";
    now: Date;
    channel: RegistrationChannel;
    /** A number printed beforehand (a registration kit's card, 004); allocated from the sequence otherwise. */
    cardNumber?: string;
  },
): Promise<RegisteredPatron> {
  const { policy, actor, registration: input, kind, now, channel } = options;
  const today = japanDate(now);

  const key = nameKey(input.familyNameKana, input.givenNameKana);
  const duplicates = await findPatronsByNameAndBirthDate(tx, key, input.birthDate);
  if (duplicates.length > 0 && !input.duplicateOverride) {
    throw new AppError("POSSIBLE_DUPLICATE", {
      patrons: duplicates.map((p) => ({ id: p.id, familyName: p.familyName, givenName: p.givenName })),
    });
  }
  const guardian = input.guardianId ? await findPatron(tx, input.guardianId) : undefined;
  if (input.guardianId && !guardian)
    throw new AppError("GUARDIAN_NOT_FOUND", { guardianId: input.guardianId });
  const householdHead = input.householdOf ? await findPatron(tx, input.householdOf) : undefined;
  if (input.householdOf && !householdHead) {
    throw new AppError("PATRON_NOT_FOUND", { id: input.householdOf, field: "householdOf" });
  }

  const id = randomUUID();
  const expiresOn = firstExpiry(policy.registration.validity, today, input.birthDate);
  await insertPatron(tx, {
    id,
    familyName: input.familyName,
    givenName: input.givenName,
    familyNameKana: input.familyNameKana,
    givenNameKana: input.givenNameKana,
    nameKey: key,
    writtenNameKey: nameKey(input.familyName, input.givenName),
    birthDate: input.birthDate,
    postalCode: input.address.postalCode,
    prefecture: input.address.prefecture,
    city: input.address.city,
    street: input.address.street,
    building: input.address.building ?? "",
    phone: input.phone ?? "",
    phoneKey: phoneKey(input.phone ?? ""),
    email: input.email ?? null,
    basis: input.basis,
    registrationKind: kind,
    municipality: input.municipality,
    workplaceOrSchool: input.workplaceOrSchool?.name ?? null,
    workplaceMunicipality: input.workplaceOrSchool?.municipality ?? null,
    registeredVia: channel.via,
    registeredOn: today,
    expiresOn,
    lastUsedOn: today,
    guardianId: guardian?.id ?? null,
    householdId: guardian?.householdId ?? householdHead?.householdId ?? id,
    preferences: input.preferences ?? {},
    notes: input.notes ?? "",
    elibraryRegistered: policy.registration.elibrary,
    createdAt: now,
    updatedAt: now,
  });
  const cardNumber = options.cardNumber ?? (await allocateCardNumber(tx, policy.registration.cardNumber));
  await insertCard(tx, {
    patronId: id,
    number: cardNumber,
    kind: "card",
    physical: channel.physicalCard,
    status: "active",
    issuedOn: today,
    statusChangedAt: now,
  });
  await insertAuditEntry(tx, {
    actorStaffId: actor.staffId,
    action: "patron.register",
    subjectType: "patron",
    subjectId: id,
    details: {
      ...actorDetails(actor),
      channel: channel.via,
      idDocument: input.idDocument,
      supplementaryDocument: input.supplementaryDocument ?? null,
      proxy: input.proxy ?? null,
      guardianId: guardian?.id ?? null,
      duplicateOverride: input.duplicateOverride ?? null,
      possibleDuplicates: duplicates.map((p) => p.id),
    },
    at: now,
  });
  await recordEvent(tx, {
    kind: "registration",
    day: today,
    servicePointId: null,
    materialType: null,
    recordId: null,
  });
  // 000: 図書館登録カード兼電子図書館登録カード — one registration for both
  if (policy.registration.elibrary) {
    await queueElibraryNotice(tx, { kind: "register", cardNumber }, now);
  }
  return { id, cardNumber, expiresOn };
}

export function eligibilityFacts(input: PatronDetails & IdentityCheck): EligibilityFacts {
  return {
    basis: input.basis,
    homeMunicipality: input.municipality,
    homePrefecture: input.address.prefecture,
    workplaceMunicipality: input.workplaceOrSchool?.municipality ?? null,
    proofOfWorkOrSchool: input.workplaceOrSchool?.proofShown ?? false,
    idDocument: {
      type: input.idDocument.type,
      expiresOn: input.idDocument.expiresOn ?? null,
      showsCurrentAddress: input.idDocument.showsCurrentAddress ?? true,
    },
    supplementaryDocument: input.supplementaryDocument ?? null,
  };
}

/** A stored registration in the shape of the counter's input, for the checks a renewal repeats. */
export function patronDetailsOf(row: PatronRow): PatronDetails {
  return {
    familyName: row.familyName,
    givenName: row.givenName,
    familyNameKana: row.familyNameKana,
    givenNameKana: row.givenNameKana,
    birthDate: row.birthDate,
    address: {
      postalCode: row.postalCode,
      prefecture: row.prefecture,
      city: row.city,
      street: row.street,
      building: row.building,
    },
    phone: row.phone,
    email: row.email,
    basis: row.basis,
    municipality: row.municipality,
    // Proof of work or school is shown again at each renewal; staff record it as checked here.
    workplaceOrSchool: row.workplaceMunicipality
      ? { name: row.workplaceOrSchool ?? "", municipality: row.workplaceMunicipality, proofShown: true }
      : null,
  };
}
