import { japanDate } from "../../clock.ts";
import type { Db } from "../../db/client.ts";
import { insertAuditEntry } from "../../db/queries/audit-log.ts";
import { insertCard, listCards, setCardStatus } from "../../db/queries/patron-cards.ts";
import { lockPatron, updatePatron } from "../../db/queries/patrons.ts";
import { type TenantTx, withTenant } from "../../db/tenant.ts";
import { AppError } from "../../domain/errors.ts";
import { mustRenewBeforeWebUse } from "../../domain/patrons/card-lifecycle.ts";
import { decideEligibility } from "../../domain/patrons/eligibility.ts";
import { refuseWhenRenewalTooEarly, renewedExpiry } from "../../domain/patrons/registration-validity.ts";
import type { Policy } from "../../domain/policy/policy-schema.ts";
import { getPolicyInForce } from "../policies/get-policy-in-force.ts";
import { actorDetails, type StaffActor } from "../staff-actor.ts";
import { allocateCardNumber } from "./allocate-card-number.ts";
import { throwRefusals } from "./field-checks.ts";
import type { IdentityCheck } from "./patron-input.ts";
import { currentCard, loadPatronView, type PatronView } from "./patron-view.ts";
import { queueElibraryNotice } from "./queue-elibrary-notice.ts";
import { eligibilityFacts, patronDetailsOf } from "./register-patron.ts";

/**
 * Registration renewal at the counter with an identity check (000: 有効期限更新手続き — 本人確認の書類提示):
 * from the renewal window on, or at once after long disuse (002) or for a card of the series that must be
 * renewed (003: 07で始まる番号), which is replaced by a card with a new number. The patron must still be
 * eligible: one who moved away cannot renew. The new expiry follows the current one when renewed in time.
 */
export async function renewRegistration(
  options: RenewalInput & { db: Db; librarySystemId: number },
): Promise<RenewalResult> {
  const { policy } = await getPolicyInForce(options.db, options.librarySystemId, japanDate(options.now));
  return withTenant(options.db, options.librarySystemId, (tx) => renewRegistrationIn(tx, policy, options));
}

type RenewalInput = { actor: StaffActor; patronId: string; identity: IdentityCheck; now: Date };
type RenewalResult = { patron: PatronView; expiresOn: string; newCardNumber: string | null };

/** The renewal in the caller's transaction: the online review approves a renewal application through this. */
export async function renewRegistrationIn(
  tx: TenantTx,
  policy: Policy,
  input: RenewalInput,
): Promise<RenewalResult> {
  const { actor, patronId, identity, now } = input;
  const today = japanDate(now);
  const registration = policy.registration;
  const patron = await lockPatron(tx, patronId);
  if (!patron) throw new AppError("PATRON_NOT_FOUND", { id: patronId });
  const cards = await listCards(tx, patronId);
  const card = currentCard(cards);
  const seriesToRenew = card !== undefined && mustRenewBeforeWebUse(registration, card.number);
  const tooEarly = seriesToRenew
    ? null
    : refuseWhenRenewalTooEarly(
        registration,
        { expiresOn: patron.expiresOn, lastUsedOn: patron.lastUsedOn },
        today,
      );
  const eligibility = decideEligibility(
    policy.eligibility,
    eligibilityFacts({ ...patronDetailsOf(patron), ...identity }),
    today,
  );
  throwRefusals([...(tooEarly ? [tooEarly] : []), ...(eligibility.ok ? [] : eligibility.refusals)]);

  const expiresOn = renewedExpiry(registration.validity, patron.expiresOn, today, patron.birthDate);
  let newCardNumber: string | null = null;
  if (seriesToRenew && card) {
    newCardNumber = await allocateCardNumber(tx, registration.cardNumber);
    await setCardStatus(tx, card.id, { status: "replaced", at: now });
    await insertCard(tx, {
      patronId,
      number: newCardNumber,
      kind: "card",
      physical: true,
      status: "active",
      issuedOn: today,
      statusChangedAt: now,
    });
    if (patron.elibraryRegistered) {
      await queueElibraryNotice(
        tx,
        { kind: "cardNumberChanged", cardNumber: newCardNumber, previousCardNumber: card.number },
        now,
      );
    }
  }
  const row = await updatePatron(tx, patronId, {
    expiresOn,
    status: patron.status === "expired" ? "active" : patron.status,
    lastUsedOn: today,
    updatedAt: now,
  });
  await insertAuditEntry(tx, {
    actorStaffId: actor.staffId,
    action: "patron.renewRegistration",
    subjectType: "patron",
    subjectId: patronId,
    details: {
      ...actorDetails(actor),
      previousExpiresOn: patron.expiresOn,
      expiresOn,
      idDocument: identity.idDocument,
      newCardNumber,
    },
    at: now,
  });
  return { patron: await loadPatronView(tx, policy, row, today), expiresOn, newCardNumber };
}
