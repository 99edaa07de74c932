import type { PatronCardRow } from "../../db/queries/patron-cards.ts";
import { listCards } from "../../db/queries/patron-cards.ts";
import type { PatronCredentialRow } from "../../db/queries/patron-credentials.ts";
import { listCredentials } from "../../db/queries/patron-credentials.ts";
import { findPatronsByIds, listChildren, type PatronRow } from "../../db/queries/patrons.ts";
import type { TenantTx } from "../../db/tenant.ts";
import type { IsoDate } from "../../domain/calendar/calendar-rules.ts";
import { compareDates } from "../../domain/calendar/dates.ts";
import { type CardRefusal, refuseCardUse, reissueAllowedFrom } from "../../domain/patrons/card-lifecycle.ts";
import {
  isRenewalMonthNear,
  mustRenewBecauseUnused,
  purgeDate,
  refuseWhenRenewalTooEarly,
  renewalWindow,
} from "../../domain/patrons/registration-validity.ts";
import type { Policy } from "../../domain/policy/policy-schema.ts";

/** A patron as staff see it: the registration, every card and credential, and what the patron may do today. */
export type PatronView = ReturnType<typeof patronSummary> & {
  address: { postalCode: string; prefecture: string; city: string; street: string; building: string };
  phone: string;
  email: string | null;
  workplaceOrSchool: { name: string; municipality: string | null } | null;
  registeredVia: PatronRow["registeredVia"];
  registeredOn: string;
  lastUsedOn: string;
  blockedReason: string | null;
  guardian: PatronSummary | null;
  children: PatronSummary[];
  householdId: string;
  preferences: Record<string, unknown>;
  notes: string;
  webPasswordSet: boolean;
  elibraryRegistered: boolean;
  registration: {
    renewalOpensOn: IsoDate;
    renewableNow: boolean;
    renewalMonthNear: boolean;
    mustRenewBecauseUnused: boolean;
    purgeOn: IsoDate | null;
  };
  cards: ReturnType<typeof cardView>[];
  credentials: ReturnType<typeof credentialView>[];
  /** What the current card allows today: every refusal for borrowing, reserving and the web services. */
  standing: { borrow: CardRefusal[]; reserve: CardRefusal[]; web: CardRefusal[] };
};

export type PatronSummary = ReturnType<typeof patronSummary>;

export function patronSummary(row: PatronRow, today: IsoDate, currentCardNumber: string | null = null) {
  return {
    id: row.id,
    familyName: row.familyName,
    givenName: row.givenName,
    familyNameKana: row.familyNameKana,
    givenNameKana: row.givenNameKana,
    birthDate: row.birthDate,
    basis: row.basis,
    registrationKind: row.registrationKind,
    municipality: row.municipality,
    status: effectiveStatus(row, today),
    expiresOn: row.expiresOn,
    cardNumber: currentCardNumber,
  };
}

/** A registration past its expiry reads as expired even before the nightly job has marked it. */
function effectiveStatus(row: PatronRow, today: IsoDate): PatronRow["status"] {
  return row.status === "active" && compareDates(row.expiresOn, today) < 0 ? "expired" : row.status;
}

function cardView(card: PatronCardRow, policy: Policy) {
  return {
    number: card.number,
    kind: card.kind,
    physical: card.physical,
    status: card.status,
    issuedOn: card.issuedOn,
    lostOn: card.lostOn,
    reissueAllowedFrom:
      card.status === "lost" && card.lostOn
        ? reissueAllowedFrom(policy.registration.loss, card.lostOn)
        : null,
  };
}

function credentialView(credential: PatronCredentialRow) {
  return {
    id: credential.id,
    kind: credential.kind,
    // The platform's user identifier is an internal key: staff need to know a link exists, not its value.
    value: credential.kind === "mynumber" ? null : credential.value,
    details: credential.details,
    linkedAt: credential.linkedAt.toISOString(),
    unlinkedAt: credential.unlinkedAt?.toISOString() ?? null,
    unlinkReason: credential.unlinkReason,
  };
}

/** The permanent card in use, else the temporary one: the number shown for the patron. */
export function currentCard(cards: PatronCardRow[]): PatronCardRow | undefined {
  const active = cards.filter((card) => card.status === "active");
  return active.find((card) => card.kind === "card") ?? active.find((card) => card.kind === "temporary");
}

export async function loadPatronView(
  tx: TenantTx,
  policy: Policy,
  row: PatronRow,
  today: IsoDate,
): Promise<PatronView> {
  // One after another: a transaction has one connection, and pg queues (and will refuse) overlapping queries.
  const cards = await listCards(tx, row.id);
  const credentials = await listCredentials(tx, row.id);
  const children = await listChildren(tx, row.id);
  const guardians = await findPatronsByIds(tx, row.guardianId ? [row.guardianId] : []);
  const card = currentCard(cards);
  const registration = policy.registration;
  const standingOf = (use: "borrow" | "reserve" | "web") =>
    card
      ? refuseCardUse(registration, { patron: row, card }, use, today)
      : [{ code: "NO_CURRENT_CARD", details: {} }];
  return {
    ...patronSummary(row, today, card?.number ?? null),
    address: {
      postalCode: row.postalCode,
      prefecture: row.prefecture,
      city: row.city,
      street: row.street,
      building: row.building,
    },
    phone: row.phone,
    email: row.email,
    workplaceOrSchool: row.workplaceOrSchool
      ? { name: row.workplaceOrSchool, municipality: row.workplaceMunicipality }
      : null,
    registeredVia: row.registeredVia,
    registeredOn: row.registeredOn,
    lastUsedOn: row.lastUsedOn,
    blockedReason: row.blockedReason,
    guardian: guardians[0] ? patronSummary(guardians[0], today) : null,
    children: children.map((child) => patronSummary(child, today)),
    householdId: row.householdId,
    preferences: row.preferences,
    notes: row.notes,
    webPasswordSet: row.webPasswordHash !== null,
    elibraryRegistered: row.elibraryRegistered,
    registration: {
      renewalOpensOn: renewalWindow(registration, row.expiresOn),
      renewableNow:
        refuseWhenRenewalTooEarly(
          registration,
          { expiresOn: row.expiresOn, lastUsedOn: row.lastUsedOn },
          today,
        ) === null,
      renewalMonthNear: isRenewalMonthNear(registration, row.expiresOn, today),
      mustRenewBecauseUnused: mustRenewBecauseUnused(registration, row.lastUsedOn, today),
      purgeOn: purgeDate(registration, row.expiresOn),
    },
    cards: cards.map((c) => cardView(c, policy)),
    credentials: credentials.map(credentialView),
    standing: { borrow: standingOf("borrow"), reserve: standingOf("reserve"), web: standingOf("web") },
  };
}
