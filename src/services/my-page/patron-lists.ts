import { japanDate } from "../../clock.ts";
import type { Db } from "../../db/client.ts";
import { findRecord } from "../../db/queries/bibliographic-records.ts";
import {
  deleteListEntry,
  type ListEntryRow,
  listEntries,
  listsHoldingRecord,
  readListFacts,
  upsertListEntry,
} from "../../db/queries/patron-lists.ts";
import { withTenant } from "../../db/tenant.ts";
import { AppError } from "../../domain/errors.ts";
import {
  normaliseComment,
  offeredLists,
  type PatronList,
  refuseListEntry,
  shelfLeftBy,
} from "../../domain/my-page/patron-lists.ts";
import { throwRefusals } from "../patrons/field-checks.ts";
import { getPolicyInForce } from "../policies/get-policy-in-force.ts";

type MyListsContext = { db: Db; librarySystemId: number; patronId: string; now: Date };

export type ListEntryView = Omit<ListEntryRow, "list">;
export type MyListsView = { lists: { list: PatronList; entries: ListEntryView[] }[] };

async function offered(ctx: MyListsContext): Promise<PatronList[]> {
  const { policy } = await getPolicyInForce(ctx.db, ctx.librarySystemId, japanDate(ctx.now));
  return offeredLists(policy.webServices);
}

/** Every list the library offers, each with its books, newest first; `only` narrows to one list. */
export async function getMyLists(ctx: MyListsContext, only?: string): Promise<MyListsView> {
  const lists = await offered(ctx);
  if (only !== undefined && !lists.includes(only as PatronList)) {
    throw new AppError("LIST_NOT_OFFERED", { list: only });
  }
  const wanted = only === undefined ? lists : [only as PatronList];
  const rows = await withTenant(ctx.db, ctx.librarySystemId, (tx) => listEntries(tx, ctx.patronId, wanted));
  return {
    lists: wanted.map((list) => ({
      list,
      entries: rows.filter((r) => r.list === list).map(({ list: _, ...entry }) => entry),
    })),
  };
}

/**
 * Puts a book on a list, or changes its comment there. On My bookshelf the book leaves the other shelf (and
 * keeps its comment when none is given: a book read after wanting to read it keeps what was written).
 */
export async function putListEntry(
  ctx: MyListsContext & { list: string; recordId: number; comment?: string },
): Promise<void> {
  const { policy } = await getPolicyInForce(ctx.db, ctx.librarySystemId, japanDate(ctx.now));
  let comment = normaliseComment(ctx.comment);
  await withTenant(ctx.db, ctx.librarySystemId, async (tx) => {
    if (!(await findRecord(tx, ctx.recordId))) throw new AppError("RECORD_NOT_FOUND", { id: ctx.recordId });
    const list = ctx.list as PatronList;
    const facts = offeredLists(policy.webServices).includes(list)
      ? await readListFacts(tx, ctx.patronId, list, ctx.recordId)
      : { entries: 0, listed: false };
    const refusal = refuseListEntry(policy.webServices, {
      list: ctx.list,
      comment,
      alreadyListed: facts.listed,
      entriesInList: facts.entries,
    });
    throwRefusals(refusal ? [refusal] : []);
    const other = shelfLeftBy(list);
    if (other) {
      const moved = await deleteListEntry(tx, ctx.patronId, other, ctx.recordId);
      if (moved && ctx.comment === undefined) comment = moved.comment;
    }
    await upsertListEntry(tx, {
      patronId: ctx.patronId,
      list,
      recordId: ctx.recordId,
      comment,
      now: ctx.now,
    });
  });
}

/** Takes a book off a list; a book that was not there is LIST_ENTRY_NOT_FOUND. */
export async function removeListEntry(
  ctx: MyListsContext & { list: string; recordId: number },
): Promise<void> {
  const lists = await offered(ctx);
  if (!lists.includes(ctx.list as PatronList)) throw new AppError("LIST_NOT_OFFERED", { list: ctx.list });
  const removed = await withTenant(ctx.db, ctx.librarySystemId, (tx) =>
    deleteListEntry(tx, ctx.patronId, ctx.list as PatronList, ctx.recordId),
  );
  if (!removed) throw new AppError("LIST_ENTRY_NOT_FOUND", { list: ctx.list, recordId: ctx.recordId });
}

/** What the record page needs: the lists offered, and which of them already hold the record. */
export async function recordListState(
  ctx: MyListsContext & { recordId: number },
): Promise<{ offered: PatronList[]; holding: PatronList[] }> {
  const lists = await offered(ctx);
  if (lists.length === 0) return { offered: [], holding: [] };
  const holding = await withTenant(ctx.db, ctx.librarySystemId, (tx) =>
    listsHoldingRecord(tx, ctx.patronId, ctx.recordId),
  );
  return { offered: lists, holding };
}
