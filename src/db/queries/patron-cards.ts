import { and, asc, eq, inArray } from "drizzle-orm";
import { patronCards } from "../schema.ts";
import type { TenantTx } from "../tenant.ts";

export type PatronCardRow = typeof patronCards.$inferSelect;
export type CardStatus = PatronCardRow["status"];

export async function insertCard(
  tx: TenantTx,
  card: Omit<typeof patronCards.$inferInsert, "librarySystemId" | "id">,
): Promise<PatronCardRow> {
  const [row] = await tx
    .insert(patronCards)
    .values({ ...card, librarySystemId: tx.librarySystemId })
    .returning();
  return row as PatronCardRow;
}

/** Every card the patron ever had, oldest first. */
export async function listCards(tx: TenantTx, patronId: string): Promise<PatronCardRow[]> {
  return tx
    .select()
    .from(patronCards)
    .where(and(eq(patronCards.librarySystemId, tx.librarySystemId), eq(patronCards.patronId, patronId)))
    .orderBy(asc(patronCards.issuedOn), asc(patronCards.statusChangedAt));
}

/** A card by its number, whatever its status: a lost card scanned at the counter is told apart from a typo. */
export async function findCardByNumber(tx: TenantTx, number: string): Promise<PatronCardRow | undefined> {
  const [row] = await tx
    .select()
    .from(patronCards)
    .where(and(eq(patronCards.librarySystemId, tx.librarySystemId), eq(patronCards.number, number)));
  return row;
}

export async function setCardStatus(
  tx: TenantTx,
  cardId: string,
  change: { status: CardStatus; lostOn?: string | null; at: Date },
): Promise<void> {
  await tx
    .update(patronCards)
    .set({
      status: change.status,
      statusChangedAt: change.at,
      ...(change.lostOn !== undefined ? { lostOn: change.lostOn } : {}),
    })
    .where(and(eq(patronCards.librarySystemId, tx.librarySystemId), eq(patronCards.id, cardId)));
}

/** The active cards of several patrons in one query (search results). */
export async function listActiveCardsOf(tx: TenantTx, patronIds: string[]): Promise<PatronCardRow[]> {
  if (patronIds.length === 0) return [];
  return tx
    .select()
    .from(patronCards)
    .where(
      and(
        eq(patronCards.librarySystemId, tx.librarySystemId),
        inArray(patronCards.patronId, patronIds),
        eq(patronCards.status, "active"),
      ),
    );
}
