import { japanDate } from "../../clock.ts";
import type { Db } from "../../db/client.ts";
import { insertAuditEntry } from "../../db/queries/audit-log.ts";
import { findCardByNumber } from "../../db/queries/patron-cards.ts";
import { findLinkedCredential } from "../../db/queries/patron-credentials.ts";
import { findPatron } from "../../db/queries/patrons.ts";
import type { TenantTx } from "../../db/tenant.ts";
import { withTenant } from "../../db/tenant.ts";
import { AppError } from "../../domain/errors.ts";
import { normaliseFelicaIdm } from "../../domain/patrons/felica.ts";
import type { CredentialKind } from "../../domain/vocabulary.ts";
import { getPolicyInForce } from "../policies/get-policy-in-force.ts";
import { actorDetails, type StaffActor } from "../staff-actor.ts";
import { normaliseCredential } from "./credential-value.ts";
import { loadPatronView, type PatronView } from "./patron-view.ts";

/** The patron behind a FeliCa IDm, a My Number platform identifier or a LINE user ID, if linked now. */
export async function findPatronIdByCredential(
  tx: TenantTx,
  kind: Exclude<CredentialKind, "card">,
  value: string,
): Promise<string | undefined> {
  const stored = kind === "felica" ? normaliseFelicaIdm(value) : value;
  return (await findLinkedCredential(tx, kind, stored))?.patronId;
}

export type ResolvedCredential = {
  credential: { kind: CredentialKind; cardKind: string | null };
  patron: PatronView;
};

/**
 * Any credential identifies the patron at the counter (DOMAIN.md "Shared model"): an active card (printed,
 * smartphone or temporary) or a linked FeliCa chip, My Number card or LINE account. A lost or replaced card
 * no longer identifies anyone: it answers CARD_LOST so that staff can ask for the current one.
 */
export async function resolveCredential(options: {
  db: Db;
  librarySystemId: number;
  actor: StaffActor;
  kind: CredentialKind;
  value: string;
  now: Date;
}): Promise<ResolvedCredential> {
  const { db, librarySystemId, actor, kind, now } = options;
  const today = japanDate(now);
  const { policy } = await getPolicyInForce(db, librarySystemId, today);
  const { value } = normaliseCredential(policy, { kind, value: options.value });
  return withTenant(db, librarySystemId, async (tx) => {
    let patronId: string | undefined;
    let cardKind: string | null = null;
    if (kind === "card") {
      const card = await findCardByNumber(tx, value);
      if (card && card.status !== "active") {
        throw new AppError("CARD_LOST", { cardNumber: value, cardStatus: card.status });
      }
      patronId = card?.patronId;
      cardKind = card?.kind ?? null;
    } else {
      patronId = await findPatronIdByCredential(tx, kind, value);
    }
    const row = patronId ? await findPatron(tx, patronId) : undefined;
    if (!row) throw new AppError("CREDENTIAL_NOT_FOUND", { kind });
    await insertAuditEntry(tx, {
      actorStaffId: actor.staffId,
      action: "patron.view",
      subjectType: "patron",
      subjectId: row.id,
      details: { ...actorDetails(actor), purpose: "credential", kind },
      at: now,
    });
    return { credential: { kind, cardKind }, patron: await loadPatronView(tx, policy, row, today) };
  });
}
