import { Hono } from "hono";
import { raw } from "hono/html";
import type { AnnouncementRow } from "../../db/queries/site-content.ts";
import { isAppError } from "../../domain/errors.ts";
import { renderMarkdown } from "../../services/site/render-markdown.ts";
import {
  getAnnouncement,
  getGuidePage,
  getGuidePages,
  listHomeAnnouncements,
  searchSite,
} from "../../services/site/site-content.ts";
import { type AppEnv, type Lang, useCaseContext } from "../context.ts";
import { describeError } from "../error-messages.ts";
import { Layout } from "./layout.tsx";
import { formatDate } from "./patron-record.tsx";
import { shell } from "./shell.ts";

const words = {
  announcements: { ja: "お知らせ", en: "Announcements" },
  important: { ja: "重要", en: "Important" },
  importantHeading: { ja: "重要なお知らせ", en: "Important notices" },
  allAnnouncements: { ja: "お知らせ一覧", en: "All announcements" },
  noAnnouncements: { ja: "現在お知らせはありません。", en: "No announcements at the moment." },
  back: { ja: "お知らせ一覧へ", en: "Back to announcements" },
  siteSearch: { ja: "サイト内検索", en: "Site search" },
  searchTerms: { ja: "検索語", en: "Search terms" },
  search: { ja: "検索", en: "Search" },
  siteSearchHint: {
    ja: "利用案内などのページとお知らせを探します。本や雑誌は蔵書検索で探してください。",
    en: "Searches the guide pages and announcements. Look for books and magazines with the catalogue search.",
  },
  hits: { ja: "{n}件見つかりました。", en: "{n} found." },
  noHits: { ja: "見つかりませんでした。", en: "Nothing found." },
  catalogueInstead: { ja: "「{q}」を蔵書検索で探す", en: "Search the catalogue for “{q}”" },
  page: { ja: "ページ", en: "Page" },
  guide: { ja: "ご利用案内", en: "Guide" },
} as const;
const w = (lang: Lang, key: keyof typeof words) => words[key][lang];

/** One announcement in a list: its date, the important mark, and the title leading to it. */
export function AnnouncementLine(props: { lang: Lang; slug: string; a: AnnouncementRow }) {
  const { lang, slug, a } = props;
  return (
    <li class={a.important ? "announcement announcement-important" : "announcement"}>
      <time datetime={a.publishedOn}>{formatDate(lang, a.publishedOn)}</time>{" "}
      {a.important && <strong class="badge-important">{w(lang, "important")}</strong>}{" "}
      <a href={`/${slug}/announcements/${a.id}`}>{lang === "ja" ? a.titleJa : a.titleEn}</a>
    </li>
  );
}

/** The home page's announcements: the important ones in a box of their own, then the latest others. */
export function HomeAnnouncements(props: { lang: Lang; slug: string; rows: AnnouncementRow[] }) {
  const { lang, slug, rows } = props;
  const important = rows.filter((a) => a.important);
  const others = rows.filter((a) => !a.important).slice(0, 5);
  return (
    <>
      {important.length > 0 && (
        <section class="notice notice-important" aria-labelledby="important-heading">
          <h2 id="important-heading">{w(lang, "importantHeading")}</h2>
          <ul class="announcement-list">
            {important.map((a) => (
              <AnnouncementLine lang={lang} slug={slug} a={a} />
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="announcements-heading">
        <h2 id="announcements-heading">{w(lang, "announcements")}</h2>
        {others.length === 0 && important.length === 0 ? (
          <p>{w(lang, "noAnnouncements")}</p>
        ) : (
          <ul class="announcement-list">
            {others.map((a) => (
              <AnnouncementLine lang={lang} slug={slug} a={a} />
            ))}
          </ul>
        )}
        <p>
          <a href={`/${slug}/announcements`}>{w(lang, "allAnnouncements")}</a>
        </p>
      </section>
    </>
  );
}

/**
 * The library's information pages: /announcements and each announcement, /guide/{slug} for the pages staff
 * write (利用案内, FAQ, access …), and /site-search beside the catalogue search.
 */
export function sitePages() {
  const app = new Hono<AppEnv>();

  app.get("/announcements", async (c) => {
    const s = shell(c);
    const lang = s.prefs.lang;
    const slug = c.get("system").slug;
    const rows = await listHomeAnnouncements(useCaseContext(c), 200);
    return c.html(
      <Layout shell={s} title={w(lang, "announcements")}>
        <h1>{w(lang, "announcements")}</h1>
        {rows.length === 0 ? (
          <p>{w(lang, "noAnnouncements")}</p>
        ) : (
          <ul class="announcement-list">
            {rows.map((a) => (
              <AnnouncementLine lang={lang} slug={slug} a={a} />
            ))}
          </ul>
        )}
      </Layout>,
    );
  });

  app.get("/announcements/:id{[0-9]+}", async (c) => {
    const s = shell(c);
    const lang = s.prefs.lang;
    const slug = c.get("system").slug;
    const a = await getAnnouncement(useCaseContext(c), Number(c.req.param("id")));
    const title = lang === "ja" ? a.titleJa : a.titleEn;
    return c.html(
      <Layout shell={s} title={title}>
        <p>
          <a href={`/${slug}/announcements`}>{w(lang, "back")}</a>
        </p>
        <article class="site-article">
          <h1>
            {a.important && <strong class="badge-important">{w(lang, "important")}</strong>} {title}
          </h1>
          <p>
            <time datetime={a.publishedOn}>{formatDate(lang, a.publishedOn)}</time>
          </p>
          {raw(renderMarkdown(lang === "ja" ? a.bodyJa : a.bodyEn))}
        </article>
      </Layout>,
    );
  });

  app.get("/guide", async (c) => {
    const s = shell(c);
    const lang = s.prefs.lang;
    const slug = c.get("system").slug;
    const pages = await getGuidePages(useCaseContext(c));
    return c.html(
      <Layout shell={s} title={w(lang, "guide")}>
        <h1>{w(lang, "guide")}</h1>
        <ul>
          {pages.map((p) => (
            <li>
              <a href={`/${slug}/guide/${p.slug}`}>{lang === "ja" ? p.titleJa : p.titleEn}</a>
            </li>
          ))}
          <li>
            <a href={`/${slug}/services`}>{lang === "ja" ? "図書館のサービス" : "Library services"}</a>
          </li>
        </ul>
      </Layout>,
    );
  });

  app.get("/guide/:page{[a-z0-9][a-z0-9-]{0,62}}", async (c) => {
    const s = shell(c);
    const lang = s.prefs.lang;
    const slug = c.get("system").slug;
    const page = await getGuidePage(useCaseContext(c), c.req.param("page"));
    const title = lang === "ja" ? page.titleJa : page.titleEn;
    return c.html(
      <Layout shell={s} title={title}>
        <p>
          <a href={`/${slug}/guide`}>{w(lang, "guide")}</a>
        </p>
        <article class="site-article">
          <h1>{title}</h1>
          {raw(renderMarkdown(lang === "ja" ? page.bodyJa : page.bodyEn))}
        </article>
      </Layout>,
    );
  });

  app.get("/site-search", async (c) => {
    const s = shell(c);
    const lang = s.prefs.lang;
    const slug = c.get("system").slug;
    const q = (c.req.query("q") ?? "").trim();
    let hits: Awaited<ReturnType<typeof searchSite>> = [];
    let refusal: string | null = null;
    try {
      hits = await searchSite(useCaseContext(c), q);
    } catch (error) {
      if (!isAppError(error)) throw error;
      refusal = error.code;
    }
    return c.html(
      <Layout shell={s} title={w(lang, "siteSearch")}>
        <h1>{w(lang, "siteSearch")}</h1>
        <p>{w(lang, "siteSearchHint")}</p>
        <form
          method="get"
          action={`/${slug}/site-search`}
          role="search"
          aria-label={w(lang, "siteSearch")}
          class="inline-form"
        >
          <label for="site-q">{w(lang, "searchTerms")}</label>
          <input id="site-q" type="search" name="q" value={q} maxlength={200} />
          <button type="submit">{w(lang, "search")}</button>
        </form>
        {refusal && (
          <p class="notice notice-error" role="alert">
            {describeError(refusal)[lang]}
          </p>
        )}
        {q && !refusal && (
          <section aria-live="polite">
            <p role="status">
              {hits.length === 0 ? w(lang, "noHits") : w(lang, "hits").replace("{n}", String(hits.length))}
            </p>
            <ol class="results">
              {hits.map((h) => (
                <li class="result">
                  <p class="result-title">
                    <a
                      href={h.kind === "page" ? `/${slug}/guide/${h.key}` : `/${slug}/announcements/${h.key}`}
                    >
                      {h.title[lang]}
                    </a>
                  </p>
                  <p class="result-meta">
                    {h.kind === "page"
                      ? w(lang, "page")
                      : `${w(lang, "announcements")} · ${formatDate(lang, h.day)}`}
                  </p>
                  <p>{h.snippet[lang]}</p>
                </li>
              ))}
            </ol>
            <p>
              <a href={`/${slug}/search?${new URLSearchParams({ q })}`}>
                {w(lang, "catalogueInstead").replace("{q}", q)}
              </a>
            </p>
          </section>
        )}
      </Layout>,
    );
  });

  return app;
}
