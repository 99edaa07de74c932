import type { Context } from "hono";
import { Hono } from "hono";
import { isIsoDate } from "../../domain/calendar/dates.ts";
import { AppError } from "../../domain/errors.ts";
import type { FiscalYearRecord } from "../../domain/my-page/reading-record.ts";
import {
  deleteLoanHistory,
  getLoanHistory,
  loanHistoryCsv,
  setLoanHistory,
} from "../../services/my-page/loan-history.ts";
import { getReadingRecord, setReadingGoal, setReadingRecord } from "../../services/my-page/reading-record.ts";
import { type AppEnv, type Lang, useCaseContext } from "../context.ts";
import { describeError } from "../error-messages.ts";
import { csrfCheckedBody, one } from "./circulation-form-data.ts";
import { fill, type Refusal, RefusalNotice, refusalOf } from "./hold-page-parts.tsx";
import { Layout } from "./layout.tsx";
import { requirePatronPage } from "./patron-session.ts";
import { shell } from "./shell.ts";

/** The words of the loan history and reading record pages, Japanese first. */
const words = {
  myPage: { ja: "利用者のページ", en: "My page" },
  history: { ja: "貸出履歴(借りた本)", en: "Loan history" },
  historyOff: {
    ja: "貸出履歴は保存していません。個人情報保護のため、ご本人が同意された場合のみ、同意した日以降に借りた資料の返却を記録します。",
    en: "Your loan history is not kept. For your privacy it is kept only with your consent, for loans made from the day you consent.",
  },
  consent: {
    ja: "貸出履歴の保存に同意します(いつでも停止・削除できます)",
    en: "I agree to my loan history being kept (I can stop it and delete it at any time)",
  },
  start: { ja: "保存を開始する", en: "Start keeping it" },
  historyOn: {
    ja: "{date} から貸出履歴を保存しています。",
    en: "Your loan history has been kept since {date}.",
  },
  stop: { ja: "保存を停止する", en: "Stop keeping it" },
  stopHint: {
    ja: "停止しても、保存済みの履歴は削除するまで残ります。",
    en: "Stopping keeps what was saved until you delete it.",
  },
  noEntries: { ja: "保存された履歴はありません。", en: "Nothing kept yet." },
  borrowed: { ja: "貸出日", en: "Borrowed" },
  returned: { ja: "返却日", en: "Returned" },
  delete: { ja: "削除", en: "Delete" },
  deleteAll: { ja: "履歴をすべて削除", en: "Delete the whole history" },
  csv: { ja: "CSVでダウンロード", en: "Download as CSV" },
  deleted: { ja: "{n} 件の履歴を削除しました。", en: "Deleted {n} entries." },
  saved: { ja: "設定を変更しました。", en: "Your settings were changed." },
  reading: { ja: "読書記録", en: "Reading record" },
  readingOff: {
    ja: "読書記録は残していません。残す設定にすると、設定した日以降に借りた資料の冊数を月別に記録します。",
    en: "No reading record is kept. Turn it on to count what you borrow, month by month, from the day you choose.",
  },
  from: { ja: "記録を始める日", en: "Start on" },
  keep: { ja: "読書記録を残す", en: "Keep a reading record" },
  readingOn: { ja: "{date} 以降の貸出を記録しています。", en: "Loans since {date} are counted." },
  turnOff: { ja: "記録を残さない(すべて削除)", en: "Stop and delete the record" },
  confirmTitle: { ja: "読書記録をすべて削除しますか?", en: "Delete your whole reading record?" },
  confirmText: {
    ja: "「記録を残さない」に変更すると、これまでの読書記録と目標がすべて削除され、元に戻せません。",
    en: "Stopping deletes your whole reading record and goals. This cannot be undone.",
  },
  confirmButton: { ja: "はい、すべて削除します", en: "Yes, delete it all" },
  back: { ja: "削除せずに戻る", en: "Keep it and go back" },
  fiscalYear: { ja: "{y}年度({y}年4月〜{z}年3月)", en: "Fiscal {y} (April {y} – March {z})" },
  month: { ja: "月", en: "Month" },
  loans: { ja: "貸出冊数", en: "Loans" },
  total: { ja: "合計 {n} 冊", en: "{n} loans in all" },
  goal: { ja: "年間目標(冊)", en: "Goal for the year (loans)" },
  setGoal: { ja: "目標を保存", en: "Save goal" },
  progress: { ja: "目標 {goal} 冊のうち {n} 冊({p}%)", en: "{n} of {goal} ({p}%)" },
  chartLabel: { ja: "{y}年度の月別貸出冊数", en: "Loans per month, fiscal {y}" },
} as const;

const w = (lang: Lang, key: keyof typeof words) => words[key][lang];

const mine = (c: Context<AppEnv>) => ({ ...useCaseContext(c), patronId: c.get("patron").patronId });

/** /my/history (001's loan history, kept only with consent) and /my/reading (003's reading record). */
export function myReadingPages() {
  const app = new Hono<AppEnv>();
  for (const path of ["/my/history", "/my/history/*", "/my/reading", "/my/reading/*"]) {
    app.use(path, requirePatronPage);
  }

  app.get("/my/history", (c) => historyPage(c, {}));

  app.post("/my/history/settings", async (c) => {
    const body = await csrfCheckedBody(c);
    return acted(c, historyPage, "/my/history?saved=1", () =>
      setLoanHistory({
        ...mine(c),
        enabled: one(body, "enabled") === "yes",
        consent: one(body, "consent") === "yes",
      }),
    );
  });

  app.post("/my/history/:id{[0-9]+}/delete", async (c) => {
    await csrfCheckedBody(c);
    const id = Number(c.req.param("id"));
    return acted(c, historyPage, "/my/history?deleted=1", () => deleteLoanHistory({ ...mine(c), id }));
  });

  app.post("/my/history/delete-all", async (c) => {
    await csrfCheckedBody(c);
    let n = 0;
    return acted(
      c,
      historyPage,
      () => `/my/history?deleted=${n}`,
      async () => {
        n = (await deleteLoanHistory({ ...mine(c), id: null })).deleted;
      },
    );
  });

  app.get("/my/history.csv", async (c) => {
    const csv = await loanHistoryCsv(mine(c));
    c.header("Content-Disposition", 'attachment; filename="loan-history.csv"');
    c.header("Cache-Control", "no-store");
    return c.body(csv, 200, { "Content-Type": "text/csv; charset=utf-8" });
  });

  app.get("/my/reading", (c) => readingPage(c, {}));

  app.post("/my/reading/settings", async (c) => {
    const body = await csrfCheckedBody(c);
    const enabled = one(body, "enabled") === "yes";
    if (!enabled && one(body, "confirm") !== "yes") return confirmOffPage(c);
    const from = one(body, "from") || undefined;
    return acted(c, readingPage, "/my/reading?saved=1", () => {
      if (from !== undefined && !isIsoDate(from)) throw new AppError("INVALID_DATE");
      return setReadingRecord({ ...mine(c), enabled, from, confirm: !enabled });
    });
  });

  app.post("/my/reading/goals/:year{[0-9]{4}}", async (c) => {
    const body = await csrfCheckedBody(c);
    const fiscalYear = Number(c.req.param("year"));
    const goal = Number(one(body, "goal"));
    return acted(c, readingPage, `/my/reading?saved=1#year-${fiscalYear}`, () =>
      setReadingGoal({ ...mine(c), fiscalYear, goal }),
    );
  });

  return app;
}

/** Runs the change and goes back to the page, or shows the page again with the refusal. */
async function acted(
  c: Context<AppEnv>,
  page: (c: Context<AppEnv>, state: { refusal?: Refusal }, status?: number) => Promise<Response>,
  next: string | (() => string),
  change: () => Promise<unknown>,
): Promise<Response> {
  try {
    await change();
    return c.redirect(`/${c.get("system").slug}${typeof next === "string" ? next : next()}`, 303);
  } catch (error) {
    const refusal = refusalOf(error);
    return page(c, { refusal }, describeError(refusal.code).status);
  }
}

async function historyPage(c: Context<AppEnv>, state: { refusal?: Refusal }, status = 200) {
  const s = shell(c);
  const lang = s.prefs.lang;
  const slug = c.get("system").slug;
  const history = await getLoanHistory(mine(c), { limit: 200, offset: 0 });
  const deleted = c.req.query("deleted");
  const notice =
    deleted !== undefined
      ? fill(w(lang, "deleted"), { n: deleted })
      : c.req.query("saved")
        ? w(lang, "saved")
        : null;
  c.header("Cache-Control", "no-store");
  return c.html(
    <Layout shell={s} title={w(lang, "history")}>
      <p>
        <a href={`/${slug}/my`}>{w(lang, "myPage")}</a>
      </p>
      <h1>{w(lang, "history")}</h1>
      <div role="status">{notice && <p class="notice notice-ok">{notice}</p>}</div>
      {state.refusal && <RefusalNotice lang={lang} refusal={state.refusal} id="history-refusal" />}
      {history.enabled ? (
        <form method="post" action={`/${slug}/my/history/settings`} class="stacked-form">
          <input type="hidden" name="_csrf" value={s.csrf} />
          <input type="hidden" name="enabled" value="no" />
          <p>{fill(w(lang, "historyOn"), { date: history.since ?? "" })}</p>
          <p class="field-hint">{w(lang, "stopHint")}</p>
          <button type="submit" class="button-secondary">
            {w(lang, "stop")}
          </button>
        </form>
      ) : (
        <form method="post" action={`/${slug}/my/history/settings`} class="stacked-form">
          <input type="hidden" name="_csrf" value={s.csrf} />
          <input type="hidden" name="enabled" value="yes" />
          <p>{w(lang, "historyOff")}</p>
          <label class="check">
            <input type="checkbox" name="consent" value="yes" required /> {w(lang, "consent")}
          </label>
          <button type="submit">{w(lang, "start")}</button>
        </form>
      )}
      {history.entries.length === 0 ? (
        <p>{w(lang, "noEntries")}</p>
      ) : (
        <>
          <p class="action-links">
            <a href={`/${slug}/my/history.csv`} download="loan-history.csv">
              {w(lang, "csv")}
            </a>
          </p>
          <ul class="results" id="loan-history">
            {history.entries.map((e) => (
              <li class="result">
                <p class="result-title" id={`history-${e.id}`}>
                  <a href={`/${slug}/records/${e.recordId}`}>{e.title}</a>
                </p>
                <p class="result-meta">
                  {w(lang, "borrowed")} {e.loanedOn} · {w(lang, "returned")} {e.returnedOn}
                </p>
                <form method="post" action={`/${slug}/my/history/${e.id}/delete`}>
                  <input type="hidden" name="_csrf" value={s.csrf} />
                  <button type="submit" class="button-secondary" aria-describedby={`history-${e.id}`}>
                    {w(lang, "delete")}
                  </button>
                </form>
              </li>
            ))}
          </ul>
          <form method="post" action={`/${slug}/my/history/delete-all`}>
            <input type="hidden" name="_csrf" value={s.csrf} />
            <button type="submit" class="button-secondary">
              {w(lang, "deleteAll")}
            </button>
          </form>
        </>
      )}
    </Layout>,
    status as 200,
  );
}

async function readingPage(c: Context<AppEnv>, state: { refusal?: Refusal }, status = 200) {
  const s = shell(c);
  const lang = s.prefs.lang;
  const slug = c.get("system").slug;
  const record = await getReadingRecord(mine(c));
  c.header("Cache-Control", "no-store");
  return c.html(
    <Layout shell={s} title={w(lang, "reading")}>
      <p>
        <a href={`/${slug}/my`}>{w(lang, "myPage")}</a>
      </p>
      <h1>{w(lang, "reading")}</h1>
      <div role="status">{c.req.query("saved") && <p class="notice notice-ok">{w(lang, "saved")}</p>}</div>
      {state.refusal && <RefusalNotice lang={lang} refusal={state.refusal} id="reading-refusal" />}
      {record.enabled ? (
        <form method="post" action={`/${slug}/my/reading/settings`} class="stacked-form">
          <input type="hidden" name="_csrf" value={s.csrf} />
          <input type="hidden" name="enabled" value="no" />
          <p>{fill(w(lang, "readingOn"), { date: record.since ?? "" })}</p>
          <button type="submit" class="button-secondary">
            {w(lang, "turnOff")}
          </button>
        </form>
      ) : (
        <form method="post" action={`/${slug}/my/reading/settings`} class="stacked-form">
          <input type="hidden" name="_csrf" value={s.csrf} />
          <input type="hidden" name="enabled" value="yes" />
          <p>{w(lang, "readingOff")}</p>
          <label for="reading-from">{w(lang, "from")}</label>
          <input id="reading-from" name="from" type="date" />
          <button type="submit">{w(lang, "keep")}</button>
        </form>
      )}
      {record.years.map((year) => (
        <YearRecord lang={lang} slug={slug} csrf={s.csrf} year={year} />
      ))}
    </Layout>,
    status as 200,
  );
}

function YearRecord(props: { lang: Lang; slug: string; csrf: string; year: FiscalYearRecord }) {
  const { lang, year } = props;
  const y = year.fiscalYear;
  const heading = fill(w(lang, "fiscalYear"), { y, z: y + 1 });
  return (
    <section aria-labelledby={`year-${y}`} class="reading-year">
      <h2 id={`year-${y}`}>{heading}</h2>
      <p>
        <strong>{fill(w(lang, "total"), { n: year.total })}</strong>
        {year.goal !== null && (
          <> {fill(w(lang, "progress"), { goal: year.goal, n: year.total, p: year.progressPercent ?? 0 })}</>
        )}
      </p>
      {year.goal !== null && (
        <progress max={year.goal} value={Math.min(year.total, year.goal)} aria-labelledby={`year-${y}`} />
      )}
      <MonthChart lang={lang} year={year} />
      <div class="table-scroll">
        <table class="reading-table">
          <caption>{fill(w(lang, "chartLabel"), { y })}</caption>
          <thead>
            <tr>
              <th scope="col">{w(lang, "month")}</th>
              <th scope="col">{w(lang, "loans")}</th>
            </tr>
          </thead>
          <tbody>
            {year.months.map((m) => (
              <tr>
                <th scope="row">{monthName(lang, m.month)}</th>
                <td>{m.loans}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form method="post" action={`/${props.slug}/my/reading/goals/${y}`} class="inline-form">
        <input type="hidden" name="_csrf" value={props.csrf} />
        <label for={`goal-${y}`}>{w(lang, "goal")}</label>
        <input
          id={`goal-${y}`}
          name="goal"
          type="number"
          inputmode="numeric"
          min={1}
          max={1000}
          required
          value={year.goal === null ? "" : String(year.goal)}
        />
        <button type="submit">{w(lang, "setGoal")}</button>
      </form>
    </section>
  );
}

const monthName = (lang: Lang, month: string) => {
  const m = Number(month.slice(5));
  return lang === "ja"
    ? `${m}月`
    : new Date(Date.UTC(2000, m - 1, 1)).toLocaleString("en", { month: "short" });
};

/**
 * The months as bars. The chart is a picture for the eye; the table beside it carries the same figures for
 * screen readers, so the picture is named once and its parts are hidden from them.
 */
function MonthChart(props: { lang: Lang; year: FiscalYearRecord }) {
  const { lang, year } = props;
  const max = Math.max(1, ...year.months.map((m) => m.loans));
  const barWidth = 22;
  const gap = 8;
  const height = 120;
  const width = year.months.length * (barWidth + gap);
  return (
    <svg
      class="reading-chart"
      viewBox={`0 0 ${width} ${height + 34}`}
      role="img"
      aria-label={fill(w(lang, "chartLabel"), { y: year.fiscalYear })}
    >
      <title>{fill(w(lang, "chartLabel"), { y: year.fiscalYear })}</title>
      {year.months.map((m, i) => {
        const h = Math.round((m.loans / max) * height);
        const x = i * (barWidth + gap) + gap / 2;
        return (
          <g>
            <rect x={x} y={height - h + 14} width={barWidth} height={h} class="reading-bar" />
            <text x={x + barWidth / 2} y={height - h + 10} text-anchor="middle" class="reading-bar-value">
              {m.loans > 0 ? String(m.loans) : ""}
            </text>
            <text x={x + barWidth / 2} y={height + 30} text-anchor="middle" class="reading-bar-label">
              {String(Number(m.month.slice(5)))}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

function confirmOffPage(c: Context<AppEnv>) {
  const s = shell(c);
  const lang = s.prefs.lang;
  const slug = c.get("system").slug;
  c.header("Cache-Control", "no-store");
  return c.html(
    <Layout shell={s} title={w(lang, "confirmTitle")}>
      <h1>{w(lang, "confirmTitle")}</h1>
      <div class="notice notice-warning">
        <p>{w(lang, "confirmText")}</p>
      </div>
      <form method="post" action={`/${slug}/my/reading/settings`} class="inline-form">
        <input type="hidden" name="_csrf" value={s.csrf} />
        <input type="hidden" name="enabled" value="no" />
        <input type="hidden" name="confirm" value="yes" />
        <button type="submit">{w(lang, "confirmButton")}</button>{" "}
        <a href={`/${slug}/my/reading`}>{w(lang, "back")}</a>
      </form>
    </Layout>,
  );
}
