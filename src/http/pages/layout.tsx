import type { Child } from "hono/jsx";
import { t } from "./i18n.ts";
import type { Preferences } from "./preferences.ts";

export type PageShell = {
  prefs: Preferences;
  csrf: string;
  /** The path to come back to after a display setting changes. */
  path: string;
  system?: { slug: string; name: { ja: string; en: string } };
};

export function Layout(props: {
  shell: PageShell;
  title: string;
  children: Child;
  query?: string;
  /** What a page adds to the head: the smartphone card's manifest and script. */
  head?: Child;
}) {
  const { prefs, system } = props.shell;
  const lang = prefs.lang;
  const siteTitle = system ? system.name[lang] : t(lang, "siteName");
  const section = system ? currentSection(props.shell.path, system.slug) : undefined;
  return (
    <html lang={lang} data-size={prefs.size} data-bg={prefs.bg}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} | ${siteTitle}`}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href="/assets/shiori.css" />
        <script src="/assets/htmx.js" defer />
        <script src="/assets/desk.js" defer />
        {props.head}
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t(lang, "skipToContent")}
        </a>
        <header class="site-header">
          <div class="site-title">
            <a class="site-name" href={system ? `/${system.slug}` : "/"}>
              {siteTitle}
            </a>
            {system && (
              <a class="site-all" href="/">
                {t(lang, "allSystems")}
              </a>
            )}
          </div>
          <DisplaySettings shell={props.shell} />
          {system && <HeaderSearch slug={system.slug} lang={lang} query={props.query} />}
        </header>
        {system && (
          <nav class="site-nav" aria-label={t(lang, "siteNavigation")}>
            <ul>
              <li>
                <a href={`/${system.slug}`} aria-current={section === "home" ? "page" : undefined}>
                  {t(lang, "home")}
                </a>
              </li>
              <li>
                <a
                  href={`/${system.slug}/new-arrivals`}
                  aria-current={section === "newArrivals" ? "page" : undefined}
                >
                  {t(lang, "newArrivals")}
                </a>
              </li>
              <li>
                <a href={`/${system.slug}/staff`} aria-current={section === "staff" ? "page" : undefined}>
                  {t(lang, "staffDashboard")}
                </a>
              </li>
            </ul>
          </nav>
        )}
        <main id="main" tabindex={-1}>
          {props.children}
        </main>
        <footer class="site-footer">
          <p>
            栞 Shiori · <a href="/api/docs">{t(lang, "apiDocs")}</a>
          </p>
        </footer>
      </body>
    </html>
  );
}

/** Which entry of the site navigation the path belongs to, marked with aria-current. */
function currentSection(path: string, slug: string): "home" | "staff" | "newArrivals" | undefined {
  const pathname = path.split("?")[0] ?? "";
  if (pathname === `/${slug}` || pathname === `/${slug}/`) return "home";
  if (pathname.startsWith(`/${slug}/new-arrivals`)) return "newArrivals";
  if (pathname.startsWith(`/${slug}/staff`)) return "staff";
  return undefined;
}

/**
 * Language, text size and background colour; plain forms, so they work without scripts. The language
 * buttons are always shown; on a phone the size and colour choices fold into a disclosure (a wide
 * screen shows them all in the header, see shiori.css).
 */
function DisplaySettings(props: { shell: PageShell }) {
  const { prefs, csrf, path } = props.shell;
  const lang = prefs.lang;
  const choice = (name: string, value: string, label: string, current: string, extra?: string) => (
    <button
      type="submit"
      name={name}
      value={value}
      aria-pressed={current === value ? "true" : "false"}
      class={extra}
    >
      {label}
    </button>
  );
  return (
    <form
      class="display-settings"
      method="post"
      action="/preferences"
      aria-label={t(lang, "displaySettings")}
    >
      <input type="hidden" name="_csrf" value={csrf} />
      <input type="hidden" name="return" value={path} />
      <fieldset class="ds-language">
        <legend>{t(lang, "language")}</legend>
        <div class="ds-choices">
          <button
            type="submit"
            name="lang"
            value="ja"
            lang="ja"
            aria-pressed={lang === "ja" ? "true" : "false"}
          >
            日本語
          </button>
          <button
            type="submit"
            name="lang"
            value="en"
            lang="en"
            aria-pressed={lang === "en" ? "true" : "false"}
          >
            English
          </button>
        </div>
      </fieldset>
      <details class="ds-more">
        <summary>{t(lang, "displayMenu")}</summary>
        <div class="ds-panel">
          <fieldset>
            <legend>{t(lang, "textSize")}</legend>
            <div class="ds-choices">
              {choice("size", "l", t(lang, "sizeLarge"), prefs.size)}
              {choice("size", "m", t(lang, "sizeMedium"), prefs.size)}
              {choice("size", "s", t(lang, "sizeSmall"), prefs.size)}
            </div>
          </fieldset>
          <fieldset>
            <legend>{t(lang, "background")}</legend>
            <div class="ds-choices">
              {choice("bg", "white", t(lang, "bgWhite"), prefs.bg, "swatch swatch-white")}
              {choice("bg", "yellow", t(lang, "bgYellow"), prefs.bg, "swatch swatch-yellow")}
              {choice("bg", "black", t(lang, "bgBlack"), prefs.bg, "swatch swatch-black")}
              {choice("bg", "blue", t(lang, "bgBlue"), prefs.bg, "swatch swatch-blue")}
            </div>
          </fieldset>
        </div>
      </details>
    </form>
  );
}

/** The simple search box every public page of a system carries (document 002's site convention). */
function HeaderSearch(props: { slug: string; lang: "ja" | "en"; query?: string }) {
  const { slug, lang } = props;
  return (
    <div class="header-search">
      <form method="get" action={`/${slug}/search`} role="search" aria-label={t(lang, "catalogueSearch")}>
        <label for="header-q" class="visually-hidden">
          {t(lang, "searchTerms")}
        </label>
        <input
          id="header-q"
          type="search"
          name="q"
          value={props.query ?? ""}
          maxlength={200}
          placeholder={t(lang, "searchPlaceholder")}
          autocomplete="off"
          enterkeyhint="search"
        />
        <button type="submit">{t(lang, "search")}</button>
        <button type="submit" formaction={`/${slug}/site-search`} class="secondary-button">
          {lang === "ja" ? "サイト内" : "Site"}
        </button>
        <a href={`/${slug}/search/advanced`} class="advanced-link">
          {t(lang, "advancedSearch")}
        </a>
      </form>
    </div>
  );
}
