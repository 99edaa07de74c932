import type { Context } from "hono";
import { Hono } from "hono";
import { bookshelfShelves, type PatronList } from "../../domain/my-page/patron-lists.ts";
import {
  getMyLists,
  putListEntry,
  recordListState,
  removeListEntry,
} from "../../services/my-page/patron-lists.ts";
import { type AppEnv, type Lang, useCaseContext } from "../context.ts";
import { describeError } from "../error-messages.ts";
import { csrfCheckedBody, one } from "./circulation-form-data.ts";
import { type Refusal, RefusalNotice, refusalOf } from "./hold-page-parts.tsx";
import { Layout } from "./layout.tsx";
import { currentPatron, patronLoginPath, requirePatronPage, safeNextPath } from "./patron-session.ts";
import { shell } from "./shell.ts";

/** The lists' words, Japanese first. */
const words = {
  myLists: { ja: "お気に入り・My本棚", en: "Favourites and My bookshelf" },
  myPage: { ja: "利用者のページ", en: "My page" },
  empty: {
    ja: "まだありません。資料の詳細ページから追加できます。",
    en: "Nothing yet. Add books from a record's page.",
  },
  added: { ja: "追加日", en: "Added" },
  comment: { ja: "コメント", en: "Comment" },
  saveComment: { ja: "コメントを保存", en: "Save comment" },
  remove: { ja: "外す", en: "Remove" },
  toHaveRead: { ja: "読んだ本へ移す", en: "Move to “Have read”" },
  toWantToRead: { ja: "読みたい本へ戻す", en: "Move back to “Want to read”" },
  saved: { ja: "リストを更新しました。", en: "Your list was updated." },
  addTo: { ja: "リストに追加", en: "Add to my lists" },
  onList: { ja: "登録済み", en: "on the list" },
  signInToAdd: { ja: "ログインしてリストに追加", en: "Sign in to add to your lists" },
} as const;

const listNames: Record<PatronList, { ja: string; en: string }> = {
  favourites: { ja: "お気に入り", en: "Favourites" },
  wantToRead: { ja: "My本棚:読みたい本", en: "My bookshelf: want to read" },
  haveRead: { ja: "My本棚:読んだ本", en: "My bookshelf: have read" },
  readLater: { ja: "あとで読む", en: "Read later" },
};

const w = (lang: Lang, key: keyof typeof words) => words[key][lang];

/**
 * /my/lists: every list the library offers with its books; My bookshelf's books carry a comment and move
 * between the two shelves. The record page's "add to my lists" buttons post here and come back.
 */
export function myListPages() {
  const app = new Hono<AppEnv>();
  app.use("/my/lists", requirePatronPage);
  app.use("/my/lists/*", requirePatronPage);

  app.get("/my/lists", (c) => myListsPage(c, {}));

  app.post("/my/lists/:list/:recordId{[0-9]+}", async (c) => {
    const body = await csrfCheckedBody(c);
    const list = c.req.param("list");
    const recordId = Number(c.req.param("recordId"));
    // A comment field left out (the record page's buttons) keeps the comment; an empty one clears it.
    const comment = "comment" in body ? one(body, "comment").slice(0, 2000) : undefined;
    try {
      await putListEntry({
        ...useCaseContext(c),
        patronId: c.get("patron").patronId,
        list,
        recordId,
        comment,
      });
      return c.redirect(backTo(c, one(body, "return"), recordId), 303);
    } catch (error) {
      const refusal = refusalOf(error);
      return myListsPage(c, { refusal }, describeError(refusal.code).status);
    }
  });

  app.post("/my/lists/:list/:recordId{[0-9]+}/remove", async (c) => {
    const body = await csrfCheckedBody(c);
    const list = c.req.param("list");
    const recordId = Number(c.req.param("recordId"));
    try {
      await removeListEntry({ ...useCaseContext(c), patronId: c.get("patron").patronId, list, recordId });
      return c.redirect(backTo(c, one(body, "return"), recordId), 303);
    } catch (error) {
      const refusal = refusalOf(error);
      return myListsPage(c, { refusal }, describeError(refusal.code).status);
    }
  });

  return app;
}

/** Back to the page the form was on (the record or the lists), with a word that the list changed. */
function backTo(c: Context<AppEnv>, requested: string, recordId: number): string {
  const slug = c.get("system").slug;
  const path = safeNextPath(slug, requested) ?? `/${slug}/my/lists`;
  const [base] = path.split("?");
  return base === `/${slug}/records/${recordId}` ? `${base}?listed=1#my-lists-block` : `${base}?saved=1`;
}

async function myListsPage(c: Context<AppEnv>, state: { refusal?: Refusal }, status = 200) {
  const s = shell(c);
  const lang = s.prefs.lang;
  const slug = c.get("system").slug;
  const { lists } = await getMyLists({ ...useCaseContext(c), patronId: c.get("patron").patronId });
  const here = `/${slug}/my/lists`;
  c.header("Cache-Control", "no-store");
  return c.html(
    <Layout shell={s} title={w(lang, "myLists")}>
      <p>
        <a href={`/${slug}/my`}>{w(lang, "myPage")}</a>
      </p>
      <h1>{w(lang, "myLists")}</h1>
      <div role="status">{c.req.query("saved") && <p class="notice notice-ok">{w(lang, "saved")}</p>}</div>
      {state.refusal && <RefusalNotice lang={lang} refusal={state.refusal} id="lists-refusal" />}
      {lists.map(({ list, entries }) => (
        <section aria-labelledby={`list-${list}`} id={`section-${list}`}>
          <h2 id={`list-${list}`}>
            {listNames[list][lang]} <span class="result-count">({entries.length})</span>
          </h2>
          {entries.length === 0 ? (
            <p>{w(lang, "empty")}</p>
          ) : (
            <ul class="results my-list">
              {entries.map((e) => {
                const action = `/${slug}/my/lists/${list}/${e.recordId}`;
                const other = list === "wantToRead" ? "haveRead" : list === "haveRead" ? "wantToRead" : null;
                const titleId = `${list}-${e.recordId}`;
                return (
                  <li class="result">
                    <p class="result-title" id={titleId}>
                      <a href={`/${slug}/records/${e.recordId}`}>{e.title}</a>
                    </p>
                    <p class="result-meta">
                      {[e.author, e.publicationYear].filter(Boolean).join(" · ")}
                      {" · "}
                      {w(lang, "added")} {e.addedAt.slice(0, 10)}
                    </p>
                    {bookshelfShelves.includes(list) && (
                      <form method="post" action={action} class="stacked-form">
                        <input type="hidden" name="_csrf" value={s.csrf} />
                        <input type="hidden" name="return" value={here} />
                        <label for={`comment-${titleId}`}>{w(lang, "comment")}</label>
                        <textarea id={`comment-${titleId}`} name="comment" maxlength={400} rows={2}>
                          {e.comment}
                        </textarea>
                        <button type="submit" class="button-secondary" aria-describedby={titleId}>
                          {w(lang, "saveComment")}
                        </button>
                      </form>
                    )}
                    <div class="action-links">
                      {other && (
                        <form method="post" action={`/${slug}/my/lists/${other}/${e.recordId}`}>
                          <input type="hidden" name="_csrf" value={s.csrf} />
                          <input type="hidden" name="return" value={here} />
                          <button type="submit" class="button-secondary" aria-describedby={titleId}>
                            {w(lang, other === "haveRead" ? "toHaveRead" : "toWantToRead")}
                          </button>
                        </form>
                      )}
                      <form method="post" action={`${action}/remove`}>
                        <input type="hidden" name="_csrf" value={s.csrf} />
                        <input type="hidden" name="return" value={here} />
                        <button type="submit" class="button-secondary" aria-describedby={titleId}>
                          {w(lang, "remove")}
                        </button>
                      </form>
                    </div>
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      ))}
    </Layout>,
    status as 200,
  );
}

/**
 * The record page's "add to my lists" block: one button per list the library offers (a list already holding
 * the book shows it and offers to take it off), or, signed out, a link to sign in and come back.
 */
export async function recordListBlock(c: Context<AppEnv>, recordId: number) {
  const s = shell(c);
  const lang = s.prefs.lang;
  const slug = c.get("system").slug;
  const here = `/${slug}/records/${recordId}`;
  const patron = await currentPatron(c);
  if (!patron) {
    return (
      <p class="my-lists-block" id="my-lists-block">
        <a href={patronLoginPath(slug, here)}>{w(lang, "signInToAdd")}</a>
      </p>
    );
  }
  const state = await recordListState({ ...useCaseContext(c), patronId: patron.patronId, recordId });
  if (state.offered.length === 0) return null;
  return (
    <section class="my-lists-block" id="my-lists-block" aria-labelledby="my-lists-heading">
      <h2 id="my-lists-heading">{w(lang, "addTo")}</h2>
      <div role="status">{c.req.query("listed") && <p class="notice notice-ok">{w(lang, "saved")}</p>}</div>
      <div class="action-links">
        {state.offered.map((list) => {
          const on = state.holding.includes(list);
          const action = `/${slug}/my/lists/${list}/${recordId}${on ? "/remove" : ""}`;
          return (
            <form method="post" action={action}>
              <input type="hidden" name="_csrf" value={s.csrf} />
              <input type="hidden" name="return" value={here} />
              <button type="submit" class="button-secondary" aria-pressed={on ? "true" : "false"}>
                {listNames[list][lang]}
                {on && ` ✓ ${w(lang, "onList")}`}
              </button>
            </form>
          );
        })}
      </div>
    </section>
  );
}
