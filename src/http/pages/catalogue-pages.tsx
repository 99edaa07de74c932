import type { Context } from "hono";
import { Hono } from "hono";
import type { Child } from "hono/jsx";
import { isAppError } from "../../domain/errors.ts";
import { type MaterialType, materialTypes } from "../../domain/vocabulary.ts";
import { getRecord, type RecordView } from "../../services/catalogue/get-record.ts";
import { findNewArrivals } from "../../services/catalogue/list-new-arrivals.ts";
import {
  type SearchInput,
  type SearchResult,
  searchCatalogue,
} from "../../services/catalogue/search-catalogue.ts";
import {
  listServicePoints,
  type ServicePointView,
} from "../../services/service-points/list-service-points.ts";
import type { AppEnv, Lang } from "../context.ts";
import { describeError } from "../error-messages.ts";
import { CartCheckbox, CartForm, ReservePanel, reservePanelProps } from "./hold-pages.tsx";
import { availabilityNames, materialTypeNames, ndcMainClasses, t } from "./i18n.ts";
import { Layout } from "./layout.tsx";
import { recordListBlock } from "./my-list-pages.tsx";
import { shell } from "./shell.ts";

const searchParams = [
  "q",
  "title",
  "author",
  "publisher",
  "subject",
  "isbn",
  "ndc",
  "callNumber",
  "materialType",
  "servicePoint",
  "available",
  "yearFrom",
  "yearTo",
  "sort",
] as const;

/** The search criteria of a page address; unknown or malformed values are dropped, not refused. */
function searchInputOf(c: Context<AppEnv>): SearchInput & { raw: Record<string, string> } {
  const raw: Record<string, string> = {};
  for (const name of searchParams) {
    const value = c.req.query(name)?.trim();
    if (value) raw[name] = value;
  }
  const year = (v: string | undefined) => (v && /^\d{1,4}$/.test(v) ? Number(v) : undefined);
  const page = Number(c.req.query("page"));
  return {
    raw,
    q: raw.q,
    title: raw.title,
    author: raw.author,
    publisher: raw.publisher,
    subject: raw.subject,
    isbn: raw.isbn,
    ndc: raw.ndc,
    callNumber: raw.callNumber,
    materialType: (materialTypes as readonly string[]).includes(raw.materialType ?? "")
      ? (raw.materialType as MaterialType)
      : undefined,
    servicePoint: raw.servicePoint,
    availableOnly: raw.available === "true",
    yearFrom: year(raw.yearFrom),
    yearTo: year(raw.yearTo),
    sort: raw.sort === "newest" ? "newest" : "relevance",
    page: Number.isInteger(page) && page > 0 && page <= 10000 ? page : 1,
    pageSize: 20,
  };
}

function href(slug: string, path: string, params: Record<string, string | undefined>): string {
  const query = new URLSearchParams(
    Object.entries(params).filter((e): e is [string, string] => Boolean(e[1])),
  ).toString();
  return `/${slug}${path}${query ? `?${query}` : ""}`;
}

const pointName = (points: ServicePointView[], code: string, lang: Lang) =>
  points.find((p) => p.code === code)?.name[lang] ?? code;

export function cataloguePages() {
  const app = new Hono<AppEnv>();

  app.get("/search", async (c) => {
    const s = shell(c);
    const lang = s.prefs.lang;
    const slug = c.get("system").slug;
    const db = c.get("deps").database.db;
    const input = searchInputOf(c);
    const points = await listServicePoints(db, c.get("system").id);
    let result: SearchResult | null = null;
    let error: { message: string; status: number } | null = null;
    try {
      result = await searchCatalogue(db, c.get("system").id, input);
    } catch (e) {
      if (!isAppError(e)) throw e;
      const described = describeError(e.code);
      error = { message: described[lang], status: described.status };
    }
    const hasCriteria = Object.keys(input.raw).some((k) => k !== "sort");
    const title = input.q ? `${t(lang, "searchResults")}: ${input.q}` : t(lang, "searchResults");
    return c.html(
      <Layout shell={s} title={title} query={input.q}>
        <h1>{t(lang, "searchResults")}</h1>
        {error && (
          <p class="error" role="alert">
            {error.message}
          </p>
        )}
        {!error && !hasCriteria && <p>{t(lang, "enterSearchTerms")}</p>}
        {result && hasCriteria && (
          <SearchResults
            slug={slug}
            lang={lang}
            csrf={s.csrf}
            returnTo={s.path}
            input={input}
            result={result}
            points={points}
          />
        )}
      </Layout>,
      (error?.status ?? 200) as 200,
    );
  });

  app.get("/search/advanced", async (c) => {
    const s = shell(c);
    const lang = s.prefs.lang;
    const slug = c.get("system").slug;
    const points = await listServicePoints(c.get("deps").database.db, c.get("system").id);
    const field = (name: keyof typeof fieldLabels, extra: Record<string, string> = {}) => (
      <div class="field">
        <label for={`adv-${name}`}>{t(lang, fieldLabels[name])}</label>
        <input id={`adv-${name}`} name={name} maxlength={200} {...extra} />
      </div>
    );
    return c.html(
      <Layout shell={s} title={t(lang, "advancedSearch")}>
        <h1>{t(lang, "advancedSearch")}</h1>
        <form method="get" action={`/${slug}/search`} class="advanced-search">
          {field("title")}
          {field("author")}
          {field("publisher")}
          {field("subject")}
          {field("isbn", { inputmode: "numeric", autocomplete: "off" })}
          {field("ndc", { inputmode: "decimal" })}
          {field("callNumber")}
          <div class="field">
            <label for="adv-materialType">{t(lang, "materialType")}</label>
            <select id="adv-materialType" name="materialType">
              <option value="">{t(lang, "any")}</option>
              {materialTypes.map((m) => (
                <option value={m}>{materialTypeNames[m]?.[lang] ?? m}</option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="adv-servicePoint">{t(lang, "location")}</label>
            <select id="adv-servicePoint" name="servicePoint">
              <option value="">{t(lang, "allServicePoints")}</option>
              {points
                .filter((p) => p.type !== "partner")
                .map((p) => (
                  <option value={p.code}>{p.name[lang]}</option>
                ))}
            </select>
          </div>
          <div class="field field-pair">
            <span>
              <label for="adv-yearFrom">{t(lang, "yearFrom")}</label>
              <input id="adv-yearFrom" name="yearFrom" inputmode="numeric" pattern="\d{4}" maxlength={4} />
            </span>
            <span>
              <label for="adv-yearTo">{t(lang, "yearTo")}</label>
              <input id="adv-yearTo" name="yearTo" inputmode="numeric" pattern="\d{4}" maxlength={4} />
            </span>
          </div>
          <div class="field field-check">
            <input id="adv-available" type="checkbox" name="available" value="true" />
            <label for="adv-available">{t(lang, "availableOnly")}</label>
          </div>
          <div class="field">
            <label for="adv-sort">{t(lang, "sort")}</label>
            <select id="adv-sort" name="sort">
              <option value="relevance">{t(lang, "sortRelevance")}</option>
              <option value="newest">{t(lang, "sortNewest")}</option>
            </select>
          </div>
          <button type="submit">{t(lang, "search")}</button>
        </form>
      </Layout>,
    );
  });

  app.get("/records/:id{[0-9]+}", async (c) => {
    const s = shell(c);
    const lang = s.prefs.lang;
    const record = await getRecord(c.get("deps").database.db, c.get("system").id, Number(c.req.param("id")));
    const reserve = await reservePanelProps(c, record.id);
    const lists = await recordListBlock(c, record.id);
    return c.html(
      <Layout shell={s} title={record.title}>
        <RecordPage
          record={record}
          lang={lang}
          actions={
            <>
              <ReservePanel {...reserve} />
              {lists}
            </>
          }
        />
      </Layout>,
    );
  });

  app.get("/new-arrivals", async (c) => {
    const s = shell(c);
    const lang = s.prefs.lang;
    const slug = c.get("system").slug;
    const deps = c.get("deps");
    const points = (await listServicePoints(deps.database.db, c.get("system").id)).filter(
      (p) => p.type !== "partner",
    );
    const ndc = /^\d$/.test(c.req.query("ndc") ?? "") ? c.req.query("ndc") : undefined;
    const servicePoint = points.some((p) => p.code === c.req.query("servicePoint"))
      ? c.req.query("servicePoint")
      : undefined;
    const pageNumber = Number(c.req.query("page"));
    const page = Number.isInteger(pageNumber) && pageNumber > 0 && pageNumber <= 10000 ? pageNumber : 1;
    const result = await findNewArrivals({
      db: deps.database.db,
      librarySystemId: c.get("system").id,
      now: deps.clock.now(),
      ndc,
      servicePoint,
      page,
      pageSize: 20,
    });
    return c.html(
      <Layout shell={s} title={t(lang, "newArrivals")}>
        <h1>{t(lang, "newArrivals")}</h1>
        <p>{t(lang, "newArrivalsIntro")}</p>
        <form method="get" action={`/${slug}/new-arrivals`} class="filter-form">
          <label for="na-ndc">{t(lang, "ndc")}</label>
          <select id="na-ndc" name="ndc">
            <option value="">{t(lang, "allClasses")}</option>
            {ndcMainClasses.map((n) => (
              <option value={n.code} selected={n.code === ndc}>
                {n[lang]}
              </option>
            ))}
          </select>
          <label for="na-sp">{t(lang, "location")}</label>
          <select id="na-sp" name="servicePoint">
            <option value="">{t(lang, "allServicePoints")}</option>
            {points.map((p) => (
              <option value={p.code} selected={p.code === servicePoint}>
                {p.name[lang]}
              </option>
            ))}
          </select>
          <button type="submit">{t(lang, "show")}</button>
        </form>
        <p class="result-count" aria-live="polite">
          {result.total} {t(lang, "resultCount")}
        </p>
        <ol class="results">
          {result.results.map((r) => (
            <li class="result">
              <a href={`/${slug}/records/${r.recordId}`} class="result-title">
                {r.title}
              </a>
              <p class="result-meta">
                {[r.authors.map((a) => a.name).join("・"), r.publisher, r.year].filter(Boolean).join(" / ")}
              </p>
              <p class="result-meta">
                {t(lang, "receivedOn")}: <time datetime={r.receivedOn}>{r.receivedOn}</time>
                {r.ndc ? ` · NDC ${r.ndc}` : ""}
              </p>
            </li>
          ))}
        </ol>
        <Pagination
          lang={lang}
          page={result.page}
          pageCount={Math.ceil(result.total / result.pageSize)}
          link={(p) => href(slug, "/new-arrivals", { ndc, servicePoint, page: String(p) })}
        />
      </Layout>,
    );
  });

  return app;
}

const fieldLabels = {
  title: "title",
  author: "author",
  publisher: "publisher",
  subject: "subject",
  isbn: "isbn",
  ndc: "ndc",
  callNumber: "callNumber",
} as const;

function SearchResults(props: {
  slug: string;
  lang: Lang;
  csrf: string;
  returnTo: string;
  input: SearchInput & { raw: Record<string, string> };
  result: SearchResult;
  points: ServicePointView[];
}) {
  const { slug, lang, input, result, points } = props;
  const withParam = (name: string, value: string | undefined) =>
    href(slug, "/search", { ...input.raw, [name]: value, page: undefined });
  const facetGroups: {
    key: string;
    label: string;
    param: string;
    items: { value: string; count: number; label: string }[];
  }[] = [
    {
      key: "materialType",
      label: t(lang, "materialType"),
      param: "materialType",
      items: result.facets.materialType.map((f) => ({
        ...f,
        label: materialTypeNames[f.value]?.[lang] ?? f.value,
      })),
    },
    {
      key: "servicePoint",
      label: t(lang, "location"),
      param: "servicePoint",
      items: result.facets.servicePoint.map((f) => ({ ...f, label: pointName(points, f.value, lang) })),
    },
    {
      key: "availability",
      label: t(lang, "availability"),
      param: "available",
      items: result.facets.availability
        .filter((f) => f.value === "available")
        .map((f) => ({ ...f, value: "true", label: t(lang, "available") })),
    },
    {
      key: "decade",
      label: t(lang, "decade"),
      param: "yearFrom",
      items: result.facets.decade.map((f) => ({
        ...f,
        label: lang === "ja" ? `${f.value}年代` : `${f.value}s`,
      })),
    },
  ];
  return (
    <div class="search-layout">
      <div class="search-main">
        <form method="get" action={`/${slug}/search`} class="sort-form">
          {Object.entries(input.raw)
            .filter(([k]) => k !== "sort")
            .map(([k, v]) => (
              <input type="hidden" name={k} value={v} />
            ))}
          <label for="sort">{t(lang, "sort")}</label>
          <select id="sort" name="sort">
            <option value="relevance" selected={input.sort !== "newest"}>
              {t(lang, "sortRelevance")}
            </option>
            <option value="newest" selected={input.sort === "newest"}>
              {t(lang, "sortNewest")}
            </option>
          </select>
          <button type="submit">{t(lang, "show")}</button>
        </form>
        <p class="result-count" role="status">
          {result.totalIsEstimate
            ? lang === "ja"
              ? `約 ${result.total.toLocaleString("ja-JP")} 件`
              : `About ${result.total.toLocaleString("en")} results`
            : `${result.total} ${t(lang, "resultCount")}`}
        </p>
        {result.totalIsEstimate && <p class="result-note">{t(lang, "estimateNote")}</p>}
        {result.total === 0 && <p>{t(lang, "noResults")}</p>}
        <CartForm lang={lang} slug={slug} csrf={props.csrf} returnTo={props.returnTo}>
          <ol class="results" start={(result.page - 1) * result.pageSize + 1}>
            {result.results.map((r) => (
              <li class="result">
                <a href={`/${slug}/records/${r.id}`} class="result-title">
                  {r.title}
                </a>
                {r.titleReading && (
                  <span class="result-reading" lang="ja">
                    {r.titleReading}
                  </span>
                )}
                <p class="result-meta">
                  {[r.authors.map((a) => a.name).join("・"), r.publisher, r.year].filter(Boolean).join(" / ")}
                </p>
                <p class="result-availability">
                  <span class={r.availability.available > 0 ? "badge badge-ok" : "badge"}>
                    {r.availability.total === 0
                      ? t(lang, "noItems")
                      : `${t(lang, "available")} ${r.availability.available} / ${t(lang, "itemsHeld")} ${r.availability.total}`}
                  </span>
                  {r.availability.queueLength > 0 && (
                    <span class="badge badge-queue">
                      {t(lang, "queueLength")} {r.availability.queueLength}
                      {t(lang, "people")}
                    </span>
                  )}
                </p>
                <CartCheckbox lang={lang} recordId={r.id} title={r.title} />
              </li>
            ))}
          </ol>
        </CartForm>
        <Pagination
          lang={lang}
          page={result.page}
          pageCount={Math.ceil(result.total / result.pageSize)}
          pageCountIsEstimate={result.totalIsEstimate}
          link={(p) => href(slug, "/search", { ...input.raw, page: String(p) })}
        />
      </div>
      {result.total > 0 && (
        <aside class="facets" aria-labelledby="facets-heading">
          <h2 id="facets-heading">{t(lang, "narrowDown")}</h2>
          {facetGroups
            .filter((g) => g.items.length > 0)
            .map((g) => (
              <section aria-labelledby={`facet-${g.key}`}>
                <h3 id={`facet-${g.key}`}>{g.label}</h3>
                <ul>
                  {g.items.map((f) => (
                    <li>
                      <a
                        href={
                          g.key === "decade"
                            ? href(slug, "/search", {
                                ...input.raw,
                                yearFrom: f.value,
                                yearTo: String(Number(f.value) + 9),
                                page: undefined,
                              })
                            : withParam(g.param, f.value)
                        }
                        aria-current={input.raw[g.param] === f.value ? "true" : undefined}
                      >
                        {f.label}{" "}
                        <span class="facet-count">
                          (
                          {result.facetsAreEstimates
                            ? `${t(lang, "about")} ${f.count.toLocaleString(lang)}`
                            : f.count}
                          )
                        </span>
                      </a>
                    </li>
                  ))}
                </ul>
              </section>
            ))}
        </aside>
      )}
    </div>
  );
}

function Pagination(props: {
  lang: Lang;
  page: number;
  pageCount: number;
  /** The page count comes from an estimated total. */
  pageCountIsEstimate?: boolean;
  link: (page: number) => string;
}) {
  const { lang, page, pageCount, link } = props;
  const about = props.pageCountIsEstimate ? `${t(lang, "about")} ` : "";
  if (pageCount <= 1) return null;
  return (
    <nav class="pagination" aria-label={t(lang, "pagination")}>
      {page > 1 && (
        <a href={link(page - 1)} rel="prev">
          {t(lang, "previousPage")}
        </a>
      )}
      <span aria-current="page">
        {lang === "ja" ? `${page} / ${about}${pageCount} ページ` : `Page ${page} of ${about}${pageCount}`}
      </span>
      {page < pageCount && (
        <a href={link(page + 1)} rel="next">
          {t(lang, "nextPage")}
        </a>
      )}
    </nav>
  );
}

export function RecordPage(props: { record: RecordView; lang: Lang; actions?: Child }) {
  const { record: r, lang } = props;
  const rows: [string, string | null][] = [
    [t(lang, "reading"), r.titleReading],
    [t(lang, "responsibility"), r.responsibility],
    [
      t(lang, "author"),
      r.authors.map((a) => (a.reading ? `${a.name}(${a.reading})` : a.name)).join(" ; ") || null,
    ],
    [t(lang, "publisher"), r.publisher],
    [t(lang, "publicationYear"), r.publicationYear?.toString() ?? null],
    [t(lang, "edition"), r.edition],
    [t(lang, "series"), r.series.join(" ; ") || null],
    [t(lang, "extent"), r.extent],
    [t(lang, "isbn"), [r.isbn13, r.isbn10].filter(Boolean).join(" / ") || null],
    [t(lang, "ndc"), r.ndc],
    [t(lang, "ndlc"), r.ndlc],
    [t(lang, "subject"), r.subjects.join(" ; ") || null],
    [t(lang, "notes"), r.notes.join(" / ") || null],
    [t(lang, "languageOfText"), r.language],
  ];
  return (
    <article class="record">
      <h1>{r.title}</h1>
      <p class="record-availability">
        <span class={r.availability.available > 0 ? "badge badge-ok" : "badge"}>
          {`${t(lang, "available")} ${r.availability.available} / ${t(lang, "itemsHeld")} ${r.availability.total}`}
        </span>
        <span class="badge badge-queue">
          {lang === "ja"
            ? `予約待ち ${r.availability.queueLength} 人`
            : `${r.availability.queueLength} waiting`}
        </span>
      </p>
      {props.actions}
      <dl class="record-fields">
        {rows
          .filter((row): row is [string, string] => Boolean(row[1]))
          .map(([label, value]) => (
            <div>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
      <h2>{t(lang, "holdings")}</h2>
      {r.items.length === 0 ? (
        <p>{t(lang, "noItems")}</p>
      ) : (
        <div class="table-scroll">
          <table class="holdings">
            <thead>
              <tr>
                <th scope="col">{t(lang, "location")}</th>
                <th scope="col">{t(lang, "callNumber")}</th>
                <th scope="col">{t(lang, "materialType")}</th>
                <th scope="col">{t(lang, "status")}</th>
                <th scope="col">{t(lang, "dueDate")}</th>
              </tr>
            </thead>
            <tbody>
              {r.items.map((i) => (
                <tr>
                  <th scope="row" data-label={t(lang, "location")}>
                    {i.servicePoint.name[lang]}
                  </th>
                  <td data-label={t(lang, "callNumber")}>{i.callNumber}</td>
                  <td data-label={t(lang, "materialType")}>
                    {materialTypeNames[i.materialType]?.[lang] ?? i.materialType}
                  </td>
                  <td data-label={t(lang, "status")}>
                    <span class={`status status-${i.availability}`}>
                      {availabilityNames[i.availability]?.[lang] ?? i.availability}
                    </span>
                  </td>
                  <td data-label={t(lang, "dueDate")} class={i.dueDate ? undefined : "empty"}>
                    {i.dueDate ?? ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </article>
  );
}
