import { japanDate } from "../../clock.ts";
import type { Db } from "../../db/client.ts";
import { insertAuditEntry } from "../../db/queries/audit-log.ts";
import { findCardByNumber, listActiveCardsOf } from "../../db/queries/patron-cards.ts";
import { findPatronsByIds, type PatronRow, searchPatronRows } from "../../db/queries/patrons.ts";
import { withTenant } from "../../db/tenant.ts";
import { nameKey, phoneKey } from "../../domain/patrons/patron-names.ts";
import type { CredentialKind } from "../../domain/vocabulary.ts";
import { actorDetails, type StaffActor } from "../staff-actor.ts";
import { currentCard, type PatronSummary, patronSummary } from "./patron-view.ts";
import { findPatronIdByCredential } from "./resolve-credential.ts";

export type PatronQuery = {
  /** A card number (any card ever issued, so a lost card still finds its owner). */
  cardNumber?: string;
  credential?: { kind: Exclude<CredentialKind, "card">; value: string };
  /** Name or reading, from the start, with width and kana folded. */
  name?: string;
  phone?: string;
  birthDate?: string;
  limit?: number;
};

/** The counter's patron search; the search itself is audited with its criteria and the number of hits. */
export async function searchPatrons(options: {
  db: Db;
  librarySystemId: number;
  actor: StaffActor;
  query: PatronQuery;
  now: Date;
}): Promise<PatronSummary[]> {
  const { db, librarySystemId, actor, query, now } = options;
  const today = japanDate(now);
  const limit = Math.min(query.limit ?? 50, 200);
  return withTenant(db, librarySystemId, async (tx) => {
    let rows: PatronRow[];
    if (query.cardNumber) {
      const card = await findCardByNumber(tx, query.cardNumber.trim());
      rows = card ? await findPatronsByIds(tx, [card.patronId]) : [];
    } else if (query.credential) {
      const patronId = await findPatronIdByCredential(tx, query.credential.kind, query.credential.value);
      rows = patronId ? await findPatronsByIds(tx, [patronId]) : [];
    } else {
      rows = await searchPatronRows(tx, {
        nameKey: query.name ? nameKey(query.name) : undefined,
        phoneKey: query.phone ? phoneKey(query.phone) : undefined,
        birthDate: query.birthDate,
        limit,
      });
    }
    await insertAuditEntry(tx, {
      actorStaffId: actor.staffId,
      action: "patron.search",
      subjectType: "patron",
      subjectId: rows.length === 1 ? (rows[0]?.id ?? "") : "",
      details: { ...actorDetails(actor), query, hits: rows.length },
      at: now,
    });
    const cards = await listActiveCardsOf(
      tx,
      rows.map((row) => row.id),
    );
    return rows.map((row): PatronSummary => {
      const card = currentCard(cards.filter((c) => c.patronId === row.id));
      return patronSummary(row, today, card?.number ?? null);
    });
  });
}
