import { japanDate } from "../../clock.ts";
import type { Db } from "../../db/client.ts";
import { insertAuditEntry } from "../../db/queries/audit-log.ts";
import { insertCard, listCards, type PatronCardRow, setCardStatus } from "../../db/queries/patron-cards.ts";
import { lockPatron, type PatronRow, updatePatron } from "../../db/queries/patrons.ts";
import { type TenantTx, withTenant } from "../../db/tenant.ts";
import { AppError } from "../../domain/errors.ts";
import { refuseWhenReissueTooEarly } from "../../domain/patrons/card-lifecycle.ts";
import {
  refuseWhenIdDocumentExpired,
  refuseWhenIdDocumentNotAccepted,
} from "../../domain/patrons/eligibility.ts";
import { refuseProxy } from "../../domain/patrons/proxies.ts";
import type { Policy } from "../../domain/policy/policy-schema.ts";
import { getPolicyInForce } from "../policies/get-policy-in-force.ts";
import { actorDetails, type StaffActor } from "../staff-actor.ts";
import { allocateCardNumber } from "./allocate-card-number.ts";
import { throwRefusals } from "./field-checks.ts";
import type { IdentityCheck, ProxyInput } from "./patron-input.ts";
import { loadPatronView, type PatronView } from "./patron-view.ts";
import { queueElibraryNotice } from "./queue-elibrary-notice.ts";
import { eligibilityFacts, patronDetailsOf } from "./register-patron.ts";

/**
 * Loss, temporary card, reissue and a found card (DOMAIN.md "Card lifecycle"). Every card a patron ever had
 * stays on record with its status; only active ones identify the patron.
 */

type CardChange = { patron: PatronView; cardNumber: string | null; temporaryCardNumber: string | null };

type CardContext = { db: Db; librarySystemId: number; actor: StaffActor; patronId: string; now: Date };

async function withPatronCards(
  context: CardContext,
  fn: (c: {
    tx: TenantTx;
    policy: Policy;
    patron: PatronRow;
    cards: PatronCardRow[];
    today: string;
  }) => Promise<Omit<CardChange, "patron">>,
): Promise<CardChange> {
  const { policy } = await getPolicyInForce(context.db, context.librarySystemId, japanDate(context.now));
  return withTenant(context.db, context.librarySystemId, (tx) => withPatronCardsIn(tx, policy, context, fn));
}

type CardChangeBody = (c: {
  tx: TenantTx;
  policy: Policy;
  patron: PatronRow;
  cards: PatronCardRow[];
  today: string;
}) => Promise<Omit<CardChange, "patron">>;

async function withPatronCardsIn(
  tx: TenantTx,
  policy: Policy,
  context: Omit<CardContext, "db" | "librarySystemId">,
  fn: CardChangeBody,
): Promise<CardChange> {
  const today = japanDate(context.now);
  const patron = await lockPatron(tx, context.patronId);
  if (!patron) throw new AppError("PATRON_NOT_FOUND", { id: context.patronId });
  const cards = await listCards(tx, patron.id);
  const result = await fn({ tx, policy, patron, cards, today });
  const row = await updatePatron(tx, patron.id, { updatedAt: context.now });
  return { ...result, patron: await loadPatronView(tx, policy, row, today) };
}

function audit(
  tx: TenantTx,
  context: Pick<CardContext, "actor" | "patronId" | "now">,
  action: string,
  details: Record<string, unknown>,
) {
  return insertAuditEntry(tx, {
    actorStaffId: context.actor.staffId,
    action,
    subjectType: "patron",
    subjectId: context.patronId,
    details: { ...actorDetails(context.actor), ...details },
    at: context.now,
  });
}

function findCard(cards: PatronCardRow[], number: string): PatronCardRow {
  const card = cards.find((c) => c.number === number);
  if (!card) throw new AppError("CARD_NOT_FOUND", { cardNumber: number });
  return card;
}

/**
 * A loss report blocks the card at once (001: 利用券紛失届); where the policy offers it, a temporary card is
 * issued on the spot and can borrow (001: 仮の利用券を発行します…紛失届を出されても貸出しできます).
 */
export async function reportCardLost(context: CardContext & { cardNumber: string }): Promise<CardChange> {
  return withPatronCards(context, async ({ tx, policy, cards, today }) => {
    const card = findCard(cards, context.cardNumber);
    if (card.status !== "active")
      throw new AppError("CARD_LOST", { cardNumber: card.number, cardStatus: card.status });
    await setCardStatus(tx, card.id, { status: "lost", lostOn: today, at: context.now });
    let temporaryCardNumber: string | null = null;
    const hasTemporary = cards.some((c) => c.kind === "temporary" && c.status === "active");
    if (policy.registration.loss.temporaryCard && card.kind === "card" && !hasTemporary) {
      temporaryCardNumber = await allocateCardNumber(tx, policy.registration.cardNumber);
      await insertCard(tx, {
        patronId: context.patronId,
        number: temporaryCardNumber,
        kind: "temporary",
        physical: true,
        status: "active",
        issuedOn: today,
        statusChangedAt: context.now,
      });
    }
    await audit(tx, context, "card.reportLost", { cardNumber: card.number, temporaryCardNumber });
    return { cardNumber: null, temporaryCardNumber };
  });
}

/** A lost card that turns up before the reissue is used again; the temporary card is retired. */
export async function reactivateFoundCard(
  context: CardContext & { cardNumber: string },
): Promise<CardChange> {
  return withPatronCards(context, async ({ tx, cards }) => {
    const card = findCard(cards, context.cardNumber);
    if (card.status !== "lost")
      throw new AppError("CARD_NOT_LOST", { cardNumber: card.number, cardStatus: card.status });
    await setCardStatus(tx, card.id, { status: "active", lostOn: null, at: context.now });
    await retireTemporaryCards(tx, cards, context.now);
    await audit(tx, context, "card.found", { cardNumber: card.number });
    return { cardNumber: card.number, temporaryCardNumber: null };
  });
}

export type ReissueReason = "lost" | "nameChange" | "damaged" | "plasticCard";

/**
 * The permanent reissue. After a loss only once the waiting period has passed (001: 1ヶ月経過しても見つからない
 * 場合は再発行, `REISSUE_TOO_EARLY`) or at once (002); after a name change, for a damaged card, or for a patron
 * registered online who wants a plastic card (002: 窓口で再発行) at once. The number changes where the policy
 * says so (002: 利用者番号が変わる), and then the e-library is told (its loans and reservations do not carry
 * over). Showing an identity document is optional (000: カード再発行時の提示は必須ではありません); when shown it
 * is checked and recorded. A proxy may ask for a reissue (000).
 */
export async function reissueCard(context: CardContext & ReissueInput): Promise<CardChange> {
  const { policy } = await getPolicyInForce(context.db, context.librarySystemId, japanDate(context.now));
  return withTenant(context.db, context.librarySystemId, (tx) => reissueCardIn(tx, policy, context));
}

type ReissueInput = {
  reason: ReissueReason;
  /** The reissue reports the loss of the active card itself (an online application, 002). */
  reportLoss?: boolean;
  identity: Partial<IdentityCheck> & ProxyInput;
  physical?: boolean;
};

/** The reissue in the caller's transaction: the online review approves a reissue application through this. */
export async function reissueCardIn(
  tx: TenantTx,
  policy: Policy,
  context: Omit<CardContext, "db" | "librarySystemId"> & ReissueInput,
): Promise<CardChange> {
  return withPatronCardsIn(tx, policy, context, async ({ patron, cards, today }) => {
    const { identity } = context;
    const refusals = [];
    if (identity.proxy) {
      const proxyRefusal = refuseProxy(policy.registration.proxies, "reissue", identity.proxy);
      if (proxyRefusal) refusals.push(proxyRefusal);
    }
    if (identity.idDocument) {
      const facts = eligibilityFacts({ ...patronDetailsOf(patron), idDocument: identity.idDocument });
      const notAccepted = refuseWhenIdDocumentNotAccepted(policy.eligibility, facts);
      const expired = refuseWhenIdDocumentExpired(facts, today);
      if (notAccepted) refusals.push(notAccepted);
      if (expired) refusals.push(expired);
    }
    const loss = policy.registration.loss;
    const active = cards.find((c) => c.kind === "card" && c.status === "active");
    const lost = cards.filter((c) => c.kind === "card" && c.status === "lost");
    if (context.reason === "lost" && context.reportLoss && active) {
      // 002: an online reissue after a loss is the loss report too; the card stops working now
      await setCardStatus(tx, active.id, { status: "lost", lostOn: today, at: context.now });
      lost.push({ ...active, status: "lost", lostOn: today });
    }
    const replaced = context.reason === "lost" ? lost.at(-1) : active;
    if (!replaced) {
      throw new AppError(context.reason === "lost" ? "CARD_NOT_LOST" : "NO_CURRENT_CARD", {
        reason: context.reason,
      });
    }
    if (context.reason === "lost" && replaced.lostOn) {
      const tooEarly = refuseWhenReissueTooEarly(loss, replaced.lostOn, today);
      if (tooEarly) refusals.push(tooEarly);
    }
    throwRefusals(refusals);

    const physical = context.physical ?? true;
    let number = replaced.number;
    if (loss.reissueChangesCardNumber) {
      number = await allocateCardNumber(tx, policy.registration.cardNumber);
      await setCardStatus(tx, replaced.id, { status: "replaced", at: context.now });
      await insertCard(tx, {
        patronId: patron.id,
        number,
        kind: "card",
        physical,
        status: "active",
        issuedOn: today,
        statusChangedAt: context.now,
      });
      if (patron.elibraryRegistered) {
        await queueElibraryNotice(
          tx,
          { kind: "cardNumberChanged", cardNumber: number, previousCardNumber: replaced.number },
          context.now,
        );
      }
    } else {
      // The same number on a new card: the lost one, if found, is the same card again.
      await setCardStatus(tx, replaced.id, { status: "active", lostOn: null, at: context.now });
    }
    await retireTemporaryCards(tx, cards, context.now);
    await audit(tx, context, "card.reissue", {
      reason: context.reason,
      previousCardNumber: replaced.number,
      cardNumber: number,
      idDocument: identity.idDocument ?? null,
      proxy: identity.proxy ?? null,
    });
    return { cardNumber: number, temporaryCardNumber: null };
  });
}

async function retireTemporaryCards(tx: TenantTx, cards: PatronCardRow[], at: Date): Promise<void> {
  for (const card of cards) {
    if (card.kind === "temporary" && card.status === "active")
      await setCardStatus(tx, card.id, { status: "retired", at });
  }
}
