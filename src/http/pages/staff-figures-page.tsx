import type { Context } from "hono";
import { Hono } from "hono";
import { japanDate } from "../../clock.ts";
import type { FigureDimension } from "../../db/queries/circulation-events.ts";
import { AppError, isAppError } from "../../domain/errors.ts";
import {
  type FigureKind,
  type Figures,
  figureKinds,
  figuresCsv,
  getFigures,
  recordVisitors,
} from "../../services/figures/figures.ts";
import { listServicePoints } from "../../services/service-points/list-service-points.ts";
import { csvHeader, dimensionNames, figureKindNames } from "../api/figures.ts";
import { type AppEnv, type Lang, useCaseContext } from "../context.ts";
import { counterStaff } from "./circulation-counter.ts";
import { csrfCheckedBody, one } from "./circulation-form-data.ts";
import { materialTypeNames, ndcMainClasses } from "./i18n.ts";
import { Layout } from "./layout.tsx";
import { RefusalBox } from "./refusal-box.tsx";
import { shell } from "./shell.ts";

const words = {
  title: { ja: "統計", en: "Figures" },
  staffMenu: { ja: "職員メニュー", en: "Staff menu" },
  intro: {
    ja: "貸出・返却・予約・新規登録・入館者の月ごとの件数です。利用者を特定できる情報は集計に含めていません。前日までの分は毎朝集計され、当日分はその場で数えます。",
    en: "Loans, returns, reservations, registrations and visitors per month, counted without anything that identifies a patron. Days up to yesterday are summarised each morning; today is counted live.",
  },
  from: { ja: "開始月", en: "From" },
  to: { ja: "終了月", en: "To" },
  by: { ja: "内訳", en: "By" },
  kind: { ja: "グラフの項目", en: "Chart" },
  show: { ja: "表示", en: "Show" },
  csv: { ja: "CSVでダウンロード", en: "Download as CSV" },
  chart: { ja: "{kind}の月別件数({from}〜{to})", en: "{kind} per month ({from} to {to})" },
  table: { ja: "{kind}の{by}別・月別件数", en: "{kind} by {by} and month" },
  total: { ja: "合計", en: "Total" },
  none: { ja: "(指定なし)", en: "(none)" },
  visitors: { ja: "入館者数を入力する", en: "Enter visitors" },
  servicePoint: { ja: "館", en: "Service point" },
  day: { ja: "日付", en: "Day" },
  count: { ja: "人数", en: "Visitors" },
  save: { ja: "記録する", en: "Record" },
  done: { ja: "記録しました。", en: "Recorded." },
  refused: { ja: "表示できませんでした", en: "Could not show" },
} as const;
const w = (lang: Lang, key: keyof typeof words) => words[key][lang];
const fill = (text: string, values: Record<string, string>) =>
  text.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? "");

/** The fiscal year (April to March) that holds today, as months. */
function currentFiscalYear(today: string): { from: string; to: string } {
  const [y, m] = today.split("-").map(Number) as [number, number];
  const start = m >= 4 ? y : y - 1;
  return { from: `${start}-04`, to: `${start + 1}-03` };
}

/**
 * /staff/figures: the year's figures as an accessible bar chart (SVG named once, the table beside it carries
 * the numbers), a table by service point, material type or NDC class, the CSV, and the visitor count form.
 */
export function staffFiguresPage() {
  const app = new Hono<AppEnv>();
  app.use("/staff/figures", counterStaff);
  app.use("/staff/figures/*", counterStaff);

  app.get("/staff/figures", (c) => page(c, {}));

  // The CSV for the signed-in desk (the API's format=csv serves clients with a bearer token).
  app.get("/staff/figures/csv", async (c) => {
    const by = (c.req.query("by") ?? "servicePoint") as FigureDimension;
    if (!(by in dimensionNames)) throw new AppError("VALIDATION_FAILED", { field: "by" });
    const from = c.req.query("from") ?? "";
    const to = c.req.query("to") ?? "";
    const figures = await getFigures(useCaseContext(c), { from, to, by });
    return c.body(figuresCsv(figures, csvHeader(shell(c).prefs.lang, by)), 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="figures-${by}-${from}-${to}.csv"`,
    });
  });

  app.post("/staff/figures/visitors", async (c) => {
    const body = await csrfCheckedBody(c);
    try {
      const visitors = Number(one(body, "visitors"));
      await recordVisitors(useCaseContext(c), {
        servicePoint: one(body, "servicePoint"),
        day: one(body, "day"),
        visitors: Number.isSafeInteger(visitors) && visitors >= 0 ? visitors : -1,
      });
    } catch (error) {
      if (!isAppError(error)) throw error;
      return page(c, { refusal: error.code }, 409);
    }
    return c.redirect(`/${c.get("system").slug}/staff/figures?done=1`, 303);
  });

  return app;
}

async function page(c: Context<AppEnv>, state: { refusal?: string }, status: 200 | 400 | 409 = 200) {
  const s = shell(c);
  const lang = s.prefs.lang;
  const slug = c.get("system").slug;
  const ctx = useCaseContext(c);
  const today = japanDate(ctx.now);
  const year = currentFiscalYear(today);
  const from = c.req.query("from") || year.from;
  const to = c.req.query("to") || year.to;
  const askedBy = c.req.query("by") as FigureDimension | undefined;
  const by: FigureDimension = askedBy && askedBy in dimensionNames ? askedBy : "servicePoint";
  const askedKind = c.req.query("kind") as FigureKind | undefined;
  const kind: FigureKind = askedKind && figureKinds.includes(askedKind) ? askedKind : "loan";
  const points = await listServicePoints(ctx.db, ctx.librarySystemId);
  let figures: Figures | null = null;
  let refusal = state.refusal ?? null;
  try {
    figures = await getFigures(ctx, { from, to, by });
  } catch (error) {
    if (!isAppError(error)) throw error;
    refusal = error.code;
    status = 400;
  }
  const keyName = (key: string) => {
    if (key === "") return w(lang, "none");
    if (by === "servicePoint") return points.find((p) => p.code === key)?.name[lang] ?? key;
    if (by === "materialType") return materialTypeNames[key as keyof typeof materialTypeNames]?.[lang] ?? key;
    const ndc = ndcMainClasses.find((n) => n.code === key);
    return ndc ? `${key} ${ndc[lang]}` : key;
  };
  c.header("Cache-Control", "no-store");
  return c.html(
    <Layout shell={s} title={w(lang, "title")}>
      <p>
        <a href={`/${slug}/staff`}>{w(lang, "staffMenu")}</a>
      </p>
      <h1>{w(lang, "title")}</h1>
      <p>{w(lang, "intro")}</p>
      {c.req.query("done") && (
        <p class="notice" role="status">
          {w(lang, "done")}
        </p>
      )}
      <RefusalBox lang={lang} heading={w(lang, "refused")} code={refusal} />
      <form method="get" action={`/${slug}/staff/figures`} class="inline-form">
        <label for="fig-from">{w(lang, "from")}</label>
        <input id="fig-from" name="from" type="month" value={from} />
        <label for="fig-to">{w(lang, "to")}</label>
        <input id="fig-to" name="to" type="month" value={to} />
        <label for="fig-by">{w(lang, "by")}</label>
        <select id="fig-by" name="by">
          {(Object.keys(dimensionNames) as FigureDimension[]).map((d) => (
            <option value={d} selected={d === by}>
              {dimensionNames[d][lang]}
            </option>
          ))}
        </select>
        <label for="fig-kind">{w(lang, "kind")}</label>
        <select id="fig-kind" name="kind">
          {figureKinds.map((k) => (
            <option value={k} selected={k === kind}>
              {figureKindNames[k][lang]}
            </option>
          ))}
        </select>
        <button type="submit">{w(lang, "show")}</button>
      </form>
      {figures && (
        <FiguresView
          lang={lang}
          slug={slug}
          figures={figures}
          kind={kind}
          keyName={keyName}
          from={from}
          to={to}
        />
      )}
      <section aria-labelledby="visitors-heading">
        <h2 id="visitors-heading">{w(lang, "visitors")}</h2>
        <form method="post" action={`/${slug}/staff/figures/visitors`} class="inline-form">
          <input type="hidden" name="_csrf" value={s.csrf} />
          <label for="vis-point">{w(lang, "servicePoint")}</label>
          <select id="vis-point" name="servicePoint">
            {points
              .filter((p) => p.type !== "partner" && p.type !== "returnPoint")
              .map((p) => (
                <option value={p.code}>{p.name[lang]}</option>
              ))}
          </select>
          <label for="vis-day">{w(lang, "day")}</label>
          <input id="vis-day" name="day" type="date" value={today} max={today} required />
          <label for="vis-count">{w(lang, "count")}</label>
          <input
            id="vis-count"
            name="visitors"
            type="number"
            min={0}
            max={1000000}
            required
            inputmode="numeric"
          />
          <button type="submit">{w(lang, "save")}</button>
        </form>
      </section>
    </Layout>,
    status,
  );
}

function FiguresView(props: {
  lang: Lang;
  slug: string;
  figures: Figures;
  kind: FigureKind;
  keyName: (key: string) => string;
  from: string;
  to: string;
}) {
  const { lang, slug, figures, kind, keyName } = props;
  const rows = figures.rows.filter((r) => r.kind === kind);
  const cell = new Map(rows.map((r) => [`${r.month}|${r.key}`, r.count]));
  const monthTotal = (m: string) => rows.filter((r) => r.month === m).reduce((n, r) => n + r.count, 0);
  const keys = figures.keys.filter((k) => rows.some((r) => r.key === k));
  const kindName = figureKindNames[kind][lang];
  const label = fill(w(lang, "chart"), { kind: kindName, from: props.from, to: props.to });
  const max = Math.max(1, ...figures.months.map(monthTotal));
  const barWidth = 24;
  const gap = 8;
  const height = 140;
  const width = figures.months.length * (barWidth + gap);
  const csv = `/${slug}/staff/figures/csv?${new URLSearchParams({ from: props.from, to: props.to, by: figures.by })}`;
  return (
    <section aria-labelledby="figures-heading">
      <h2 id="figures-heading">{label}</h2>
      <div class="figures-layout">
        <svg
          class="reading-chart figures-chart"
          viewBox={`0 0 ${width} ${height + 34}`}
          role="img"
          aria-label={label}
        >
          <title>{label}</title>
          {figures.months.map((m, i) => {
            const total = monthTotal(m);
            const h = Math.round((total / max) * height);
            const x = i * (barWidth + gap) + gap / 2;
            return (
              <g>
                <rect x={x} y={height - h + 14} width={barWidth} height={h} class="reading-bar" />
                <text x={x + barWidth / 2} y={height - h + 10} text-anchor="middle" class="reading-bar-value">
                  {total > 0 ? String(total) : ""}
                </text>
                <text x={x + barWidth / 2} y={height + 30} text-anchor="middle" class="reading-bar-label">
                  {String(Number(m.slice(5)))}
                </text>
              </g>
            );
          })}
        </svg>
        <div class="table-scroll">
          <table class="patron-table figures-table">
            <caption>
              {fill(w(lang, "table"), { kind: kindName, by: dimensionNames[figures.by][lang] })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{dimensionNames[figures.by][lang]}</th>
                {figures.months.map((m) => (
                  <th scope="col">{m}</th>
                ))}
                <th scope="col">{w(lang, "total")}</th>
              </tr>
            </thead>
            <tbody>
              {keys.map((k) => (
                <tr>
                  <th scope="row">{keyName(k)}</th>
                  {figures.months.map((m) => (
                    <td>{cell.get(`${m}|${k}`) ?? 0}</td>
                  ))}
                  <td>{figures.months.reduce((n, m) => n + (cell.get(`${m}|${k}`) ?? 0), 0)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{w(lang, "total")}</th>
                {figures.months.map((m) => (
                  <td>{monthTotal(m)}</td>
                ))}
                <td>{rows.reduce((n, r) => n + r.count, 0)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      </div>
      <p>
        <a href={csv} download>
          {w(lang, "csv")}
        </a>
      </p>
    </section>
  );
}
