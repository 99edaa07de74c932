import type { Context } from "hono";
import { Hono } from "hono";
import { japanDate } from "../../clock.ts";
import type { AnnouncementRow, GuidePageRow } from "../../db/queries/site-content.ts";
import { AppError, isAppError } from "../../domain/errors.ts";
import {
  changeAnnouncement,
  createAnnouncement,
  getAnnouncement,
  getGuidePage,
  getGuidePages,
  listAnnouncementsForStaff,
  removeAnnouncement,
  removeGuidePage,
  saveGuidePage,
} from "../../services/site/site-content.ts";
import { staffActor } from "../client-address.ts";
import { type AppEnv, type Lang, useCaseContext } from "../context.ts";
import { administratorStaff } from "./circulation-counter.ts";
import { type Body, csrfCheckedBody, one } from "./circulation-form-data.ts";
import { Layout } from "./layout.tsx";
import { formatDate } from "./patron-record.tsx";
import { RefusalBox } from "./refusal-box.tsx";
import { shell } from "./shell.ts";

const words = {
  title: { ja: "お知らせとページの編集", en: "Announcements and pages" },
  staffMenu: { ja: "職員メニュー", en: "Staff menu" },
  markdownHint: {
    ja: "本文は Markdown で書きます(## 見出し、- 箇条書き、[リンク](https://…))。HTML やスクリプトは表示されません。",
    en: "Write in Markdown (## heading, - list, [link](https://…)). HTML and scripts are not shown.",
  },
  announcements: { ja: "お知らせ", en: "Announcements" },
  newAnnouncement: { ja: "お知らせを書く", en: "New announcement" },
  editAnnouncement: { ja: "お知らせを直す", en: "Edit announcement" },
  pages: { ja: "ページ(利用案内・FAQ・アクセスなど)", en: "Pages (guide, FAQ, access …)" },
  newPage: { ja: "ページを作る", en: "New page" },
  editPage: { ja: "ページを直す", en: "Edit page" },
  titleJa: { ja: "題名(日本語)", en: "Title (Japanese)" },
  titleEn: { ja: "題名(英語)", en: "Title (English)" },
  bodyJa: { ja: "本文(日本語)", en: "Text (Japanese)" },
  bodyEn: { ja: "本文(英語)", en: "Text (English)" },
  important: {
    ja: "重要なお知らせとしてトップページの先頭に表示する",
    en: "Important: shown first on the home page",
  },
  publishedOn: { ja: "掲載開始日", en: "Shown from" },
  until: { ja: "掲載終了日(任意)", en: "Shown until (optional)" },
  slug: { ja: "アドレス名(英小文字・数字・ハイフン)", en: "Address (lower-case letters, digits, hyphens)" },
  position: { ja: "並び順", en: "Order" },
  save: { ja: "保存する", en: "Save" },
  delete: { ja: "削除する", en: "Delete" },
  edit: { ja: "直す", en: "Edit" },
  view: { ja: "表示", en: "View" },
  hidden: { ja: "(掲載期間外)", en: "(not shown now)" },
  none: { ja: "ありません。", en: "None." },
  done: { ja: "保存しました。", en: "Saved." },
  refused: { ja: "保存できませんでした", en: "Not saved" },
  back: { ja: "一覧へ", en: "Back to the list" },
} as const;
const w = (lang: Lang, key: keyof typeof words) => words[key][lang];

/**
 * /staff/site: administrators write the announcements (dated, some important) and the guide pages in
 * Markdown; what they type is rendered without HTML and sanitised on every public page.
 */
export function staffSitePages() {
  const app = new Hono<AppEnv>();
  app.use("/staff/site", administratorStaff);
  app.use("/staff/site/*", administratorStaff);

  app.get("/staff/site", (c) => listPage(c, {}));

  app.get("/staff/site/announcements/:id{[0-9]+}", async (c) => {
    const a = await getAnnouncement(useCaseContext(c), Number(c.req.param("id")), true);
    return announcementPage(c, { announcement: a });
  });

  app.post("/staff/site/announcements", async (c) => {
    const body = await csrfCheckedBody(c);
    return act(
      c,
      () => createAnnouncement(staffContext(c), announcementOf(body)),
      (error) => announcementPage(c, { refusal: error }, 409),
    );
  });

  app.post("/staff/site/announcements/:id{[0-9]+}", async (c) => {
    const body = await csrfCheckedBody(c);
    const id = Number(c.req.param("id"));
    if (one(body, "action") === "delete") {
      return act(
        c,
        () => removeAnnouncement(staffContext(c), id),
        (error) => listPage(c, { refusal: error }, 404),
      );
    }
    return act(
      c,
      () => changeAnnouncement(staffContext(c), id, announcementOf(body)),
      async (error) =>
        announcementPage(
          c,
          { refusal: error, announcement: await getAnnouncement(useCaseContext(c), id, true) },
          409,
        ),
    );
  });

  app.get("/staff/site/pages/:page{[a-z0-9][a-z0-9-]{0,62}}", async (c) => {
    const page = await getGuidePage(useCaseContext(c), c.req.param("page"));
    return guidePageForm(c, { page });
  });

  app.post("/staff/site/pages", async (c) => {
    const body = await csrfCheckedBody(c);
    const slug = one(body, "slug").trim();
    if (one(body, "action") === "delete") {
      return act(
        c,
        () => removeGuidePage(staffContext(c), slug),
        (error) => listPage(c, { refusal: error }, 404),
      );
    }
    return act(
      c,
      () =>
        saveGuidePage(staffContext(c), slug, {
          titleJa: required(body, "titleJa", 200),
          titleEn: required(body, "titleEn", 200),
          bodyJa: required(body, "bodyJa", 50_000),
          bodyEn: required(body, "bodyEn", 50_000),
          position: Math.max(0, Math.min(1000, Number(one(body, "position")) || 0)),
        }),
      (error) => guidePageForm(c, { refusal: error }, 409),
    );
  });

  return app;
}

const staffContext = (c: Context<AppEnv>) => ({ ...useCaseContext(c), staff: staffActor(c) });

function required(body: Body, field: string, max: number): string {
  const value = one(body, field).trim();
  if (!value || value.length > max) throw new AppError("VALIDATION_FAILED", { field });
  return value;
}

function announcementOf(body: Body) {
  return {
    titleJa: required(body, "titleJa", 200),
    titleEn: required(body, "titleEn", 200),
    bodyJa: required(body, "bodyJa", 20_000),
    bodyEn: required(body, "bodyEn", 20_000),
    important: one(body, "important") === "yes",
    publishedOn: one(body, "publishedOn"),
    until: one(body, "until") || null,
  };
}

type Refusal = { code: string };

async function act(
  c: Context<AppEnv>,
  action: () => Promise<unknown>,
  onRefusal: (refusal: Refusal) => Response | Promise<Response>,
) {
  try {
    await action();
  } catch (error) {
    if (!isAppError(error)) throw error;
    return onRefusal({ code: error.code });
  }
  return c.redirect(`/${c.get("system").slug}/staff/site?done=1`, 303);
}

function RefusalNotice(props: { lang: Lang; refusal?: Refusal }) {
  if (!props.refusal) return null;
  return <RefusalBox lang={props.lang} heading={w(props.lang, "refused")} code={props.refusal.code} />;
}

async function listPage(c: Context<AppEnv>, state: { refusal?: Refusal }, status: 200 | 404 = 200) {
  const s = shell(c);
  const lang = s.prefs.lang;
  const slug = c.get("system").slug;
  const ctx = useCaseContext(c);
  const today = japanDate(ctx.now);
  const [announcements, pages] = await Promise.all([listAnnouncementsForStaff(ctx), getGuidePages(ctx)]);
  const shownNow = (a: AnnouncementRow) => a.publishedOn <= today && (a.until === null || a.until >= today);
  c.header("Cache-Control", "no-store");
  return c.html(
    <Layout shell={s} title={w(lang, "title")}>
      <p>
        <a href={`/${slug}/staff`}>{w(lang, "staffMenu")}</a>
      </p>
      <h1>{w(lang, "title")}</h1>
      {c.req.query("done") && (
        <p class="notice" role="status">
          {w(lang, "done")}
        </p>
      )}
      <RefusalNotice lang={lang} refusal={state.refusal} />
      <section aria-labelledby="ann-heading">
        <h2 id="ann-heading">{w(lang, "announcements")}</h2>
        {announcements.length === 0 ? (
          <p>{w(lang, "none")}</p>
        ) : (
          <ul class="announcement-list">
            {announcements.map((a) => (
              <li>
                <time datetime={a.publishedOn}>{formatDate(lang, a.publishedOn)}</time>{" "}
                {a.important && (
                  <strong class="badge-important">{lang === "ja" ? "重要" : "Important"}</strong>
                )}{" "}
                <a href={`/${slug}/staff/site/announcements/${a.id}`}>
                  {lang === "ja" ? a.titleJa : a.titleEn}
                </a>
                {!shownNow(a) && <> {w(lang, "hidden")}</>}
              </li>
            ))}
          </ul>
        )}
        <details>
          <summary>{w(lang, "newAnnouncement")}</summary>
          <AnnouncementForm
            lang={lang}
            action={`/${slug}/staff/site/announcements`}
            csrf={s.csrf}
            today={today}
          />
        </details>
      </section>
      <section aria-labelledby="pages-heading">
        <h2 id="pages-heading">{w(lang, "pages")}</h2>
        {pages.length === 0 ? (
          <p>{w(lang, "none")}</p>
        ) : (
          <ul>
            {pages.map((p) => (
              <li>
                <a href={`/${slug}/staff/site/pages/${p.slug}`}>{lang === "ja" ? p.titleJa : p.titleEn}</a> (
                <a href={`/${slug}/guide/${p.slug}`}>/{p.slug}</a>)
              </li>
            ))}
          </ul>
        )}
        <details>
          <summary>{w(lang, "newPage")}</summary>
          <PageForm lang={lang} action={`/${slug}/staff/site/pages`} csrf={s.csrf} />
        </details>
      </section>
    </Layout>,
    status,
  );
}

function AnnouncementForm(props: {
  lang: Lang;
  action: string;
  csrf: string;
  today: string;
  a?: AnnouncementRow;
}) {
  const { lang, a } = props;
  const id = a ? `a${a.id}` : "new";
  return (
    <form method="post" action={props.action} class="stacked-form">
      <input type="hidden" name="_csrf" value={props.csrf} />
      <label for={`${id}-title-ja`}>{w(lang, "titleJa")}</label>
      <input id={`${id}-title-ja`} name="titleJa" required maxlength={200} value={a?.titleJa} />
      <label for={`${id}-title-en`}>{w(lang, "titleEn")}</label>
      <input id={`${id}-title-en`} name="titleEn" required maxlength={200} value={a?.titleEn} />
      <p class="field-hint" id={`${id}-md`}>
        {w(lang, "markdownHint")}
      </p>
      <label for={`${id}-body-ja`}>{w(lang, "bodyJa")}</label>
      <textarea id={`${id}-body-ja`} name="bodyJa" required rows={6} aria-describedby={`${id}-md`}>
        {a?.bodyJa ?? ""}
      </textarea>
      <label for={`${id}-body-en`}>{w(lang, "bodyEn")}</label>
      <textarea id={`${id}-body-en`} name="bodyEn" required rows={6} aria-describedby={`${id}-md`}>
        {a?.bodyEn ?? ""}
      </textarea>
      <label class="check">
        <input type="checkbox" name="important" value="yes" checked={a?.important} /> {w(lang, "important")}
      </label>
      <label for={`${id}-from`}>{w(lang, "publishedOn")}</label>
      <input
        id={`${id}-from`}
        name="publishedOn"
        type="date"
        required
        value={a?.publishedOn ?? props.today}
      />
      <label for={`${id}-until`}>{w(lang, "until")}</label>
      <input id={`${id}-until`} name="until" type="date" value={a?.until ?? ""} />
      <button type="submit">{w(lang, "save")}</button>
    </form>
  );
}

function PageForm(props: { lang: Lang; action: string; csrf: string; page?: GuidePageRow }) {
  const { lang, page } = props;
  const id = page ? `p-${page.slug}` : "p-new";
  return (
    <form method="post" action={props.action} class="stacked-form">
      <input type="hidden" name="_csrf" value={props.csrf} />
      {page ? (
        <input type="hidden" name="slug" value={page.slug} />
      ) : (
        <>
          <label for={`${id}-slug`}>{w(lang, "slug")}</label>
          <input id={`${id}-slug`} name="slug" required pattern="[a-z0-9][a-z0-9-]{0,62}" maxlength={63} />
        </>
      )}
      <label for={`${id}-title-ja`}>{w(lang, "titleJa")}</label>
      <input id={`${id}-title-ja`} name="titleJa" required maxlength={200} value={page?.titleJa} />
      <label for={`${id}-title-en`}>{w(lang, "titleEn")}</label>
      <input id={`${id}-title-en`} name="titleEn" required maxlength={200} value={page?.titleEn} />
      <p class="field-hint" id={`${id}-md`}>
        {w(lang, "markdownHint")}
      </p>
      <label for={`${id}-body-ja`}>{w(lang, "bodyJa")}</label>
      <textarea id={`${id}-body-ja`} name="bodyJa" required rows={10} aria-describedby={`${id}-md`}>
        {page?.bodyJa ?? ""}
      </textarea>
      <label for={`${id}-body-en`}>{w(lang, "bodyEn")}</label>
      <textarea id={`${id}-body-en`} name="bodyEn" required rows={10} aria-describedby={`${id}-md`}>
        {page?.bodyEn ?? ""}
      </textarea>
      <label for={`${id}-position`}>{w(lang, "position")}</label>
      <input
        id={`${id}-position`}
        name="position"
        type="number"
        min={0}
        max={1000}
        value={String(page?.position ?? 0)}
      />
      <button type="submit">{w(lang, "save")}</button>
    </form>
  );
}

async function announcementPage(
  c: Context<AppEnv>,
  state: { announcement?: AnnouncementRow; refusal?: Refusal },
  status: 200 | 409 = 200,
) {
  const s = shell(c);
  const lang = s.prefs.lang;
  const slug = c.get("system").slug;
  const a = state.announcement;
  const action = a ? `/${slug}/staff/site/announcements/${a.id}` : `/${slug}/staff/site/announcements`;
  c.header("Cache-Control", "no-store");
  return c.html(
    <Layout shell={s} title={a ? w(lang, "editAnnouncement") : w(lang, "newAnnouncement")}>
      <p>
        <a href={`/${slug}/staff/site`}>{w(lang, "back")}</a>
      </p>
      <h1>{a ? w(lang, "editAnnouncement") : w(lang, "newAnnouncement")}</h1>
      <RefusalNotice lang={lang} refusal={state.refusal} />
      <AnnouncementForm
        lang={lang}
        action={action}
        csrf={s.csrf}
        today={japanDate(useCaseContext(c).now)}
        a={a}
      />
      {a && (
        <form method="post" action={action} class="inline-form">
          <input type="hidden" name="_csrf" value={s.csrf} />
          <input type="hidden" name="action" value="delete" />
          <button type="submit">{w(lang, "delete")}</button>
        </form>
      )}
    </Layout>,
    status,
  );
}

async function guidePageForm(
  c: Context<AppEnv>,
  state: { page?: GuidePageRow; refusal?: Refusal },
  status: 200 | 409 = 200,
) {
  const s = shell(c);
  const lang = s.prefs.lang;
  const slug = c.get("system").slug;
  const page = state.page;
  c.header("Cache-Control", "no-store");
  return c.html(
    <Layout shell={s} title={page ? w(lang, "editPage") : w(lang, "newPage")}>
      <p>
        <a href={`/${slug}/staff/site`}>{w(lang, "back")}</a>
        {page && (
          <>
            {" · "}
            <a href={`/${slug}/guide/${page.slug}`}>{w(lang, "view")}</a>
          </>
        )}
      </p>
      <h1>{page ? w(lang, "editPage") : w(lang, "newPage")}</h1>
      <RefusalNotice lang={lang} refusal={state.refusal} />
      <PageForm lang={lang} action={`/${slug}/staff/site/pages`} csrf={s.csrf} page={page} />
      {page && (
        <form method="post" action={`/${slug}/staff/site/pages`} class="inline-form">
          <input type="hidden" name="_csrf" value={s.csrf} />
          <input type="hidden" name="slug" value={page.slug} />
          <input type="hidden" name="action" value="delete" />
          <button type="submit">{w(lang, "delete")}</button>
        </form>
      )}
    </Layout>,
    status,
  );
}
