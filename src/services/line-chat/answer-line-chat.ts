import { japanDate } from "../../clock.ts";
import type { Db } from "../../db/client.ts";
import { findRecord } from "../../db/queries/bibliographic-records.ts";
import type { HoldContact } from "../../db/queries/holds.ts";
import { findPatron, type PatronRow } from "../../db/queries/patrons.ts";
import { withTenant } from "../../db/tenant.ts";
import { AppError } from "../../domain/errors.ts";
import { type ChatCommand, chatPageSize } from "../../domain/line-chat/chat-commands.ts";
import type { Policy } from "../../domain/policy/policy-schema.ts";
import type { LineMessaging } from "../../integrations/line-messaging.ts";
import { type SearchResult, searchCatalogue } from "../catalogue/search-catalogue.ts";
import { placeHold } from "../holds/place-hold.ts";
import { getMyAccount } from "../my-page/my-account.ts";
import { unlinkMyLine } from "../my-page/my-links.ts";
import { findPatronIdByCredential } from "../patrons/resolve-credential.ts";
import { getPolicyInForce } from "../policies/get-policy-in-force.ts";
import { listServicePoints } from "../service-points/list-service-points.ts";

export type ChatContext = {
  db: Db;
  librarySystemId: number;
  messaging: LineMessaging;
  /** The LINE user who wrote (the webhook event's source). */
  userId: string;
  now: Date;
};

type Named = { code: string; name: { ja: string; en: string } };

/** What the chat answers; the webhook turns it into LINE messages in the patron's language pair. */
export type ChatAnswer =
  | { kind: "help"; linked: boolean }
  | { kind: "notLinked" }
  | { kind: "card"; name: string; cardNumber: string; expiresOn: string }
  | { kind: "noCard" }
  | { kind: "portal" }
  | { kind: "linkOffer"; linkToken: string }
  | { kind: "alreadyLinked" }
  | { kind: "unlinkConfirm" }
  | { kind: "unlinked" }
  | { kind: "searchResults"; query: string; offset: number; result: SearchResult }
  | { kind: "choosePickup"; recordId: number; title: string; points: Named[] }
  | { kind: "reserved"; title: string; position: number | null; pickupPoint: Named | null }
  | { kind: "recordNotFound" }
  | { kind: "refused"; code: string; details: Record<string, unknown> };

/**
 * One command in the library's LINE chat (001 LINE連携). Search is open to anyone who writes; the card, a
 * reservation and unlinking need a linked account. A reservation made here has the channel `line`, so every
 * limit and exception of a web reservation applies; a refusal is answered, not thrown.
 */
export async function answerLineChat(ctx: ChatContext, command: ChatCommand): Promise<ChatAnswer> {
  try {
    return await answer(ctx, command);
  } catch (error) {
    if (error instanceof AppError) return { kind: "refused", code: error.code, details: error.details };
    throw error;
  }
}

async function answer(ctx: ChatContext, command: ChatCommand): Promise<ChatAnswer> {
  const patronId = await linkedPatronId(ctx);
  switch (command.kind) {
    case "help":
      return { kind: "help", linked: Boolean(patronId) };
    case "portal":
      return { kind: "portal" };
    case "search": {
      const page = Math.floor(command.offset / chatPageSize) + 1;
      const result = await searchCatalogue(ctx.db, ctx.librarySystemId, {
        q: command.query,
        page,
        pageSize: chatPageSize,
      });
      return { kind: "searchResults", query: command.query, offset: (page - 1) * chatPageSize, result };
    }
    case "link":
      if (patronId) return { kind: "alreadyLinked" };
      return { kind: "linkOffer", linkToken: await ctx.messaging.issueLinkToken(ctx.userId) };
  }
  if (!patronId) return { kind: "notLinked" };
  switch (command.kind) {
    case "card": {
      const account = await getMyAccount({ ...ctx, patronId });
      if (!account.cardNumber || account.status !== "active") return { kind: "noCard" };
      return {
        kind: "card",
        name: account.name,
        cardNumber: account.cardNumber,
        expiresOn: account.expiresOn,
      };
    }
    case "unlink":
      if (!command.confirmed) return { kind: "unlinkConfirm" };
      await unlinkMyLine({ ...ctx, patronId });
      return { kind: "unlinked" };
    case "reserve":
      return reserve(ctx, patronId, command.recordId, command.pickupPoint);
  }
}

async function linkedPatronId(ctx: ChatContext): Promise<string | undefined> {
  return withTenant(ctx.db, ctx.librarySystemId, (tx) => findPatronIdByCredential(tx, "line", ctx.userId));
}

/** A reservation from a result: the pickup point is asked first, unless only one hands reservations out. */
async function reserve(
  ctx: ChatContext,
  patronId: string,
  recordId: number,
  pickupPoint: string | null,
): Promise<ChatAnswer> {
  const { policy } = await getPolicyInForce(ctx.db, ctx.librarySystemId, japanDate(ctx.now));
  const found = await withTenant(ctx.db, ctx.librarySystemId, async (tx) => ({
    record: await findRecord(tx, recordId),
    patron: await findPatron(tx, patronId),
  }));
  if (!found.record || !found.patron) return { kind: "recordNotFound" };
  const points = (await listServicePoints(ctx.db, ctx.librarySystemId))
    .filter((p) => policy.holds.pickup.pickupServicePointTypes.includes(p.type))
    .sort((a, b) => Number(b.type === "main") - Number(a.type === "main"))
    .map((p) => ({ code: p.code, name: p.name }));
  const chosen = pickupPoint ?? (points.length === 1 ? points[0]!.code : null);
  if (!chosen) return { kind: "choosePickup", recordId, title: found.record.title, points };
  const hold = await placeHold({
    db: ctx.db,
    librarySystemId: ctx.librarySystemId,
    actor: { kind: "patron", patronId, channel: "line" },
    patronId,
    recordId,
    pickupPoint: chosen,
    contact: contactFor(policy, found.patron),
    now: ctx.now,
  });
  return { kind: "reserved", title: hold.title, position: hold.position, pickupPoint: hold.pickupPoint };
}

/**
 * How the library tells the patron the reservation is ready: never LINE (001: 予約確保などの通知は従来通り
 * メールなどで), but the registered e-mail address where there is one, else the phone.
 */
function contactFor(policy: Policy, patron: PatronRow): HoldContact {
  const offered = policy.holds.contactMethods;
  if (patron.email && offered.includes("email")) return "email";
  if (offered.includes("phone")) return "phone";
  return offered[0] ?? "none";
}
