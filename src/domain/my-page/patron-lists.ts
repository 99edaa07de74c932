import type { Policy } from "../policy/policy-schema.ts";

/**
 * The patron's lists (DOMAIN.md "Patron web services"): favourites; My bookshelf (001: My本棚) with a "want to
 * read" and a "have read" shelf and a comment per book; 003's read-later list. Each exists only where the
 * policy offers it. A book stands on one bookshelf shelf at a time: putting it on the other moves it.
 */

export const patronLists = ["favourites", "wantToRead", "haveRead", "readLater"] as const;
export type PatronList = (typeof patronLists)[number];

export const bookshelfShelves: readonly PatronList[] = ["wantToRead", "haveRead"];

/** Enough for any reader's shelves; a bound so that one account cannot grow without end. */
export const maxEntriesPerList = 2_000;
export const maxCommentLength = 400;

export function isPatronList(value: string): value is PatronList {
  return (patronLists as readonly string[]).includes(value);
}

export function offeredLists(web: Policy["webServices"]): PatronList[] {
  return patronLists.filter((list) =>
    list === "favourites" ? web.favourites : list === "readLater" ? web.readLaterList : web.myBookshelf,
  );
}

/** The other shelf of My bookshelf that a book leaves when it is put on `list`, if any. */
export function shelfLeftBy(list: PatronList): PatronList | null {
  if (list === "wantToRead") return "haveRead";
  if (list === "haveRead") return "wantToRead";
  return null;
}

export type ListRefusal =
  | { code: "LIST_NOT_OFFERED"; details: { list: string } }
  | { code: "LIST_COMMENT_TOO_LONG"; details: { maxLength: number } }
  | { code: "LIST_COMMENT_NOT_ON_BOOKSHELF"; details: { list: string } }
  | { code: "LIST_FULL"; details: { list: string; max: number } };

/**
 * Why a book cannot be put on `list` (or its comment changed): the list not offered here, a comment too long or
 * on a list without comments (only My bookshelf has them), or a list already holding the maximum.
 */
export function refuseListEntry(
  web: Policy["webServices"],
  entry: { list: string; comment: string; alreadyListed: boolean; entriesInList: number },
): ListRefusal | null {
  if (!isPatronList(entry.list) || !offeredLists(web).includes(entry.list)) {
    return { code: "LIST_NOT_OFFERED", details: { list: entry.list } };
  }
  if (entry.comment.length > maxCommentLength) {
    return { code: "LIST_COMMENT_TOO_LONG", details: { maxLength: maxCommentLength } };
  }
  if (entry.comment !== "" && !bookshelfShelves.includes(entry.list)) {
    return { code: "LIST_COMMENT_NOT_ON_BOOKSHELF", details: { list: entry.list } };
  }
  if (!entry.alreadyListed && entry.entriesInList >= maxEntriesPerList) {
    return { code: "LIST_FULL", details: { list: entry.list, max: maxEntriesPerList } };
  }
  return null;
}

/** A comment as kept: trimmed, line breaks unified, nothing but spaces counted as none. */
export function normaliseComment(comment: string | undefined): string {
  return (comment ?? "").replace(/\r\n?/g, "\n").trim();
}
