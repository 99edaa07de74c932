import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { stockTitle } from "../support/circulation-fixtures.ts";
import { signInOnWeb } from "../support/my-page-fixtures.ts";
import {
  registerAtCounter,
  takarazukaResident,
  uniqueKana,
  userpageResident,
} from "../support/patron-fixtures.ts";
import { scenario } from "../support/scenario.ts";
import { json, startTestApp, type TestApp } from "../support/test-app.ts";

// The patron's lists (DOMAIN.md "Patron web services"): Takarazuka (001) offers favourites and My bookshelf with
// "want to read" and "have read" shelves and a comment per book; the user-page library (003) the read-later list.
describe("My lists: favourites, My bookshelf and read later", () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof scenario>>;

  before(async () => {
    t = await startTestApp({ testClock: true });
    s = await scenario(t, "takarazuka");
    await s.at("2026-06-01");
  });
  after(() => t.close());

  const reader = async () => {
    const p = await registerAtCounter(t, "takarazuka", s.token, takarazukaResident(uniqueKana()));
    return { ...p, token: await signInOnWeb(t, "takarazuka", p) };
  };
  const put = (token: string, list: string, recordId: number, body?: unknown) =>
    t.request(`/api/v1/takarazuka/me/lists/${list}/${recordId}`, { method: "PUT", token, json: body ?? {} });
  const lists = async (token: string) =>
    (await json(await t.request("/api/v1/takarazuka/me/lists", { token }))).lists as {
      list: string;
      entries: { recordId: number; comment: string; title: string }[];
    }[];
  const entriesOf = async (token: string, list: string) =>
    (await lists(token)).find((l) => l.list === list)?.entries ?? [];
  const codeOf = async (res: Response) => (await json(res)).error?.code;
  const title = () => stockTitle(t, "takarazuka", s.token, [{ servicePoint: "central" }]);

  test("the lists offered here, and a book put on them; putting it twice changes nothing but the comment", async () => {
    const p = await reader();
    assert.deepEqual(
      (await lists(p.token)).map((l) => l.list),
      ["favourites", "wantToRead", "haveRead"],
      "001: no read-later list",
    );
    const book = await title();
    assert.equal((await put(p.token, "favourites", book.recordId)).status, 204);
    assert.equal((await put(p.token, "favourites", book.recordId)).status, 204);
    const favourites = await entriesOf(p.token, "favourites");
    assert.equal(favourites.length, 1);
    assert.match(favourites[0]!.title, /予約試験資料/);
    assert.equal(await codeOf(await put(p.token, "readLater", book.recordId)), "LIST_NOT_OFFERED");
    assert.equal(await codeOf(await put(p.token, "favourites", 99_999_999)), "RECORD_NOT_FOUND");
    assert.equal(
      await codeOf(await put(p.token, "favourites", book.recordId, { comment: "よい本" })),
      "LIST_COMMENT_NOT_ON_BOOKSHELF",
    );
  });

  test("My bookshelf: a comment per book, at most 400 characters; a book read moves shelves with its comment", async () => {
    const p = await reader();
    const book = await title();
    const tooLong = await put(p.token, "wantToRead", book.recordId, { comment: "あ".repeat(401) });
    assert.equal(tooLong.status, 422);
    assert.equal(await codeOf(tooLong), "LIST_COMMENT_TOO_LONG");
    assert.equal((await entriesOf(p.token, "wantToRead")).length, 0, "nothing written by a refusal");

    assert.equal(
      (await put(p.token, "wantToRead", book.recordId, { comment: "  友人のおすすめ  " })).status,
      204,
    );
    assert.deepEqual(
      (await entriesOf(p.token, "wantToRead")).map((e) => e.comment),
      ["友人のおすすめ"],
    );
    assert.equal((await put(p.token, "haveRead", book.recordId)).status, 204);
    assert.deepEqual(await entriesOf(p.token, "wantToRead"), [], "one shelf at a time");
    assert.deepEqual(
      (await entriesOf(p.token, "haveRead")).map((e) => e.comment),
      ["友人のおすすめ"],
      "the comment goes along",
    );
    assert.equal((await put(p.token, "haveRead", book.recordId, { comment: "面白かった" })).status, 204);
    assert.deepEqual(
      (await entriesOf(p.token, "haveRead")).map((e) => e.comment),
      ["面白かった"],
    );

    const removed = await t.request(`/api/v1/takarazuka/me/lists/haveRead/${book.recordId}`, {
      method: "DELETE",
      token: p.token,
    });
    assert.equal(removed.status, 204);
    const again = await t.request(`/api/v1/takarazuka/me/lists/haveRead/${book.recordId}`, {
      method: "DELETE",
      token: p.token,
    });
    assert.equal(await codeOf(again), "LIST_ENTRY_NOT_FOUND");
  });

  test("one patron never sees another's lists; a token of another system reads nothing here", async () => {
    const a = await reader();
    const b = await reader();
    const book = await title();
    await put(a.token, "favourites", book.recordId);
    assert.deepEqual(await entriesOf(b.token, "favourites"), []);
    const removed = await t.request(`/api/v1/takarazuka/me/lists/favourites/${book.recordId}`, {
      method: "DELETE",
      token: b.token,
    });
    assert.equal(removed.status, 404, "b cannot take a's book off a's list");
    assert.equal((await entriesOf(a.token, "favourites")).length, 1);

    const elsewhere = await registerAtCounter(
      t,
      "userpage",
      await t.signIn("userpage"),
      userpageResident({ ...uniqueKana() }),
    );
    const foreign = await signInOnWeb(t, "userpage", elsewhere);
    const res = await t.request("/api/v1/takarazuka/me/lists", { token: foreign });
    assert.ok([401, 403].includes(res.status), String(res.status));
    const upLists = (await json(await t.request("/api/v1/userpage/me/lists", { token: foreign }))).lists;
    assert.deepEqual(
      upLists.map((l: { list: string }) => l.list),
      ["readLater"],
      "003: the read-later list only",
    );
  });
});
