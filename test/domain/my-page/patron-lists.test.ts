import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  normaliseComment,
  offeredLists,
  refuseListEntry,
  shelfLeftBy,
} from "../../../src/domain/my-page/patron-lists.ts";
import type { Policy } from "../../../src/domain/policy/policy-schema.ts";

const web = (offered: Partial<Pick<Policy["webServices"], "favourites" | "myBookshelf" | "readLaterList">>) =>
  ({ favourites: false, myBookshelf: false, readLaterList: false, ...offered }) as Policy["webServices"];
const entry = (overrides: Partial<Parameters<typeof refuseListEntry>[1]> = {}) => ({
  list: "favourites",
  comment: "",
  alreadyListed: false,
  entriesInList: 0,
  ...overrides,
});

describe("the patron's lists", () => {
  test("offeredLists follows the policy: My bookshelf is two shelves", () => {
    assert.deepEqual(offeredLists(web({ favourites: true, myBookshelf: true })), [
      "favourites",
      "wantToRead",
      "haveRead",
    ]);
    assert.deepEqual(offeredLists(web({ readLaterList: true })), ["readLater"]);
    assert.deepEqual(offeredLists(web({})), []);
  });

  test("refuseListEntry refuses a list the library does not offer, or one that does not exist", () => {
    assert.equal(
      refuseListEntry(web({ favourites: true }), entry({ list: "readLater" }))?.code,
      "LIST_NOT_OFFERED",
    );
    assert.equal(
      refuseListEntry(web({ favourites: true }), entry({ list: "wishlist" }))?.code,
      "LIST_NOT_OFFERED",
    );
    assert.equal(refuseListEntry(web({ favourites: true }), entry()), null);
  });

  test("refuseListEntry allows comments of 400 characters on My bookshelf only", () => {
    const shelf = web({ myBookshelf: true, favourites: true });
    assert.equal(refuseListEntry(shelf, entry({ list: "haveRead", comment: "あ".repeat(400) })), null);
    assert.equal(
      refuseListEntry(shelf, entry({ list: "haveRead", comment: "あ".repeat(401) }))?.code,
      "LIST_COMMENT_TOO_LONG",
    );
    assert.equal(
      refuseListEntry(shelf, entry({ list: "favourites", comment: "よい" }))?.code,
      "LIST_COMMENT_NOT_ON_BOOKSHELF",
    );
  });

  test("refuseListEntry stops a full list from growing but lets a listed book's comment change", () => {
    const shelf = web({ myBookshelf: true });
    assert.equal(refuseListEntry(shelf, entry({ list: "wantToRead", entriesInList: 1_999 })), null);
    assert.equal(
      refuseListEntry(shelf, entry({ list: "wantToRead", entriesInList: 2_000 }))?.code,
      "LIST_FULL",
    );
    assert.equal(
      refuseListEntry(shelf, entry({ list: "wantToRead", entriesInList: 2_000, alreadyListed: true })),
      null,
    );
  });

  test("shelfLeftBy moves a book between the bookshelf's shelves only", () => {
    assert.equal(shelfLeftBy("haveRead"), "wantToRead");
    assert.equal(shelfLeftBy("wantToRead"), "haveRead");
    assert.equal(shelfLeftBy("favourites"), null);
    assert.equal(shelfLeftBy("readLater"), null);
  });

  test("normaliseComment trims and unifies line breaks", () => {
    assert.equal(normaliseComment("  一行目\r\n二行目 "), "一行目\n二行目");
    assert.equal(normaliseComment("   "), "");
    assert.equal(normaliseComment(undefined), "");
  });
});
