import type { Context } from "hono";
import { Hono } from "hono";
import type { AlertKind } from "../../domain/my-page/arrival-alerts.ts";
import {
  addAlert,
  getMyAlerts,
  removeAlert,
  unsubscribeArrivalMail,
} from "../../services/my-page/arrival-alerts.ts";
import { type AppEnv, type Lang, useCaseContext } from "../context.ts";
import { describeError } from "../error-messages.ts";
import { csrfCheckedBody, one } from "./circulation-form-data.ts";
import { type Refusal, RefusalNotice, refusalOf } from "./hold-page-parts.tsx";
import { Layout } from "./layout.tsx";
import { requirePatronPage } from "./patron-session.ts";
import { shell } from "./shell.ts";

const words = {
  title: { ja: "新着資料お知らせメール", en: "New-arrival mail" },
  myPage: { ja: "利用者のページ", en: "My page" },
  intro: {
    ja: "登録した条件に合う、前の週に受け入れた資料を毎週{day}にメールでお知らせします。",
    en: "Every {day} we mail you last week's arrivals that match what you saved.",
  },
  notOffered: {
    ja: "この図書館では新着資料お知らせメールはご利用いただけません。",
    en: "This library does not send new-arrival mail.",
  },
  noEmail: {
    ja: "メールアドレスが登録されていません。先に「登録情報・パスワード・メール」で登録してください。",
    en: "No e-mail address is registered. Register one under “Registration, password, e-mail” first.",
  },
  none: { ja: "登録された条件はありません。", en: "Nothing saved yet." },
  kind: { ja: "種類", en: "Kind" },
  value: { ja: "条件", en: "Criterion" },
  add: { ja: "追加する", en: "Add" },
  remove: { ja: "削除", en: "Remove" },
  saved: { ja: "条件を更新しました。", en: "Your criteria were updated." },
  limit: { ja: "条件は10件まで登録できます。", en: "Up to 10 criteria." },
  unsubscribeTitle: { ja: "新着資料お知らせメールの停止", en: "Stop the new-arrival mail" },
  unsubscribeIntro: {
    ja: "ボタンを押すと、登録されたすべての条件を削除し、メールの配信を停止します。",
    en: "Press the button to delete every saved criterion and stop the mail.",
  },
  unsubscribe: { ja: "配信を停止する", en: "Stop the mail" },
  unsubscribed: { ja: "配信を停止しました。", en: "The mail has been stopped." },
} as const;

const kindNames: Record<AlertKind, { ja: string; en: string; hint: { ja: string; en: string } }> = {
  keyword: {
    ja: "キーワード",
    en: "Keyword",
    hint: { ja: "書名・著者名などに含まれる語句", en: "Words in the title, author …" },
  },
  author: {
    ja: "著者",
    en: "Author",
    hint: { ja: "著者名(姓と名の間の空白は任意)", en: "An author's name" },
  },
  genre: { ja: "分類(NDC)", en: "Genre (NDC)", hint: { ja: "分類記号1〜3桁", en: "1 to 3 NDC digits" } },
};

/** NDC's ten main classes, offered as genres beside a free 1–3 digit class. */
const ndcClasses: [string, { ja: string; en: string }][] = [
  ["0", { ja: "0 総記", en: "0 General works" }],
  ["1", { ja: "1 哲学", en: "1 Philosophy" }],
  ["2", { ja: "2 歴史", en: "2 History" }],
  ["3", { ja: "3 社会科学", en: "3 Social sciences" }],
  ["4", { ja: "4 自然科学", en: "4 Natural sciences" }],
  ["5", { ja: "5 技術", en: "5 Technology" }],
  ["6", { ja: "6 産業", en: "6 Industry" }],
  ["7", { ja: "7 芸術", en: "7 Arts" }],
  ["8", { ja: "8 言語", en: "8 Language" }],
  ["9", { ja: "9 文学", en: "9 Literature" }],
];

const weekdays = {
  ja: ["日曜日", "月曜日", "火曜日", "水曜日", "木曜日", "金曜日", "土曜日"],
  en: ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
};

const w = (lang: Lang, key: keyof typeof words) => words[key][lang];

/** /my/alerts (the criteria) and the mail's unsubscribe page, which needs no sign-in. */
export function myArrivalAlertPages() {
  const app = new Hono<AppEnv>();
  app.use("/my/alerts", requirePatronPage);
  app.use("/my/alerts/*", requirePatronPage);

  app.get("/my/alerts", (c) => alertsPage(c, {}));

  app.post("/my/alerts", async (c) => {
    const body = await csrfCheckedBody(c);
    const kind = one(body, "kind");
    // The genre select and the free class share the form: a typed class wins over the chosen main class.
    const value = kind === "genre" ? one(body, "ndc").trim() || one(body, "ndcClass") : one(body, "value");
    try {
      await addAlert({
        ...useCaseContext(c),
        patronId: c.get("patron").patronId,
        kind,
        value: value.slice(0, 200),
      });
      return c.redirect(`/${c.get("system").slug}/my/alerts?saved=1`, 303);
    } catch (error) {
      const refusal = refusalOf(error);
      return alertsPage(c, { refusal }, describeError(refusal.code).status);
    }
  });

  app.post("/my/alerts/:id{[0-9]+}/remove", async (c) => {
    await csrfCheckedBody(c);
    try {
      await removeAlert({
        ...useCaseContext(c),
        patronId: c.get("patron").patronId,
        id: Number(c.req.param("id")),
      });
      return c.redirect(`/${c.get("system").slug}/my/alerts?saved=1`, 303);
    } catch (error) {
      const refusal = refusalOf(error);
      return alertsPage(c, { refusal }, describeError(refusal.code).status);
    }
  });

  // A GET only asks: mail scanners open links, and only the reader's press stops the mail.
  app.get("/arrival-alerts/unsubscribe", (c) => {
    const s = shell(c);
    const lang = s.prefs.lang;
    c.header("Cache-Control", "no-store");
    c.header("Referrer-Policy", "no-referrer");
    return c.html(
      <Layout shell={s} title={w(lang, "unsubscribeTitle")}>
        <h1>{w(lang, "unsubscribeTitle")}</h1>
        <p>{w(lang, "unsubscribeIntro")}</p>
        <form method="post" action={`/${c.get("system").slug}/arrival-alerts/unsubscribe`}>
          <input type="hidden" name="_csrf" value={s.csrf} />
          <input type="hidden" name="token" value={(c.req.query("token") ?? "").slice(0, 64)} />
          <button type="submit">{w(lang, "unsubscribe")}</button>
        </form>
      </Layout>,
    );
  });

  app.post("/arrival-alerts/unsubscribe", async (c) => {
    const body = await csrfCheckedBody(c);
    const s = shell(c);
    const lang = s.prefs.lang;
    let message: string = w(lang, "unsubscribed");
    let status = 200;
    try {
      await unsubscribeArrivalMail({ ...useCaseContext(c), token: one(body, "token").slice(0, 64) });
    } catch (error) {
      const refusal = refusalOf(error);
      message = describeError(refusal.code)[lang];
      status = describeError(refusal.code).status;
    }
    return c.html(
      <Layout shell={s} title={w(lang, "unsubscribeTitle")}>
        <h1>{w(lang, "unsubscribeTitle")}</h1>
        <div
          class={status === 200 ? "notice notice-ok" : "notice notice-danger"}
          role={status === 200 ? "status" : "alert"}
        >
          <p>{message}</p>
        </div>
      </Layout>,
      status as 200,
    );
  });

  return app;
}

async function alertsPage(c: Context<AppEnv>, state: { refusal?: Refusal }, status = 200) {
  const s = shell(c);
  const lang = s.prefs.lang;
  const slug = c.get("system").slug;
  const view = await getMyAlerts({ ...useCaseContext(c), patronId: c.get("patron").patronId });
  c.header("Cache-Control", "no-store");
  return c.html(
    <Layout shell={s} title={w(lang, "title")}>
      <p>
        <a href={`/${slug}/my`}>{w(lang, "myPage")}</a>
      </p>
      <h1>{w(lang, "title")}</h1>
      {!view.offered ? (
        <p>{w(lang, "notOffered")}</p>
      ) : (
        <>
          <p>{w(lang, "intro").replace("{day}", weekdays[lang][view.weekday]!)}</p>
          <div role="status">
            {c.req.query("saved") && <p class="notice notice-ok">{w(lang, "saved")}</p>}
          </div>
          {state.refusal && <RefusalNotice lang={lang} refusal={state.refusal} id="alerts-refusal" />}
          {!view.hasEmail && (
            <p class="notice notice-warning">
              {w(lang, "noEmail")} <a href={`/${slug}/my/account`}>→</a>
            </p>
          )}
          {view.alerts.length === 0 ? (
            <p>{w(lang, "none")}</p>
          ) : (
            <ul class="request-list" id="my-alerts">
              {view.alerts.map((a) => (
                <li>
                  <span id={`alert-${a.id}`}>
                    {kindNames[a.kind][lang]}: <strong>{a.value}</strong>
                  </span>{" "}
                  <form method="post" action={`/${slug}/my/alerts/${a.id}/remove`} class="inline-form">
                    <input type="hidden" name="_csrf" value={s.csrf} />
                    <button type="submit" class="button-secondary" aria-describedby={`alert-${a.id}`}>
                      {w(lang, "remove")}
                    </button>
                  </form>
                </li>
              ))}
            </ul>
          )}
          {view.kinds.map((kind) => (
            <form method="post" action={`/${slug}/my/alerts`} class="stacked-form">
              <input type="hidden" name="_csrf" value={s.csrf} />
              <input type="hidden" name="kind" value={kind} />
              <h2>{kindNames[kind][lang]}</h2>
              {kind === "genre" ? (
                <>
                  <label for="alert-ndc-class">{kindNames.genre[lang]}</label>
                  <select id="alert-ndc-class" name="ndcClass">
                    {ndcClasses.map(([value, name]) => (
                      <option value={value}>{name[lang]}</option>
                    ))}
                  </select>
                  <label for="alert-ndc">{kindNames.genre.hint[lang]}</label>
                  <input id="alert-ndc" name="ndc" inputmode="numeric" pattern="[0-9]{1,3}" maxlength={3} />
                </>
              ) : (
                <>
                  <label for={`alert-${kind}`}>{kindNames[kind].hint[lang]}</label>
                  <input id={`alert-${kind}`} name="value" maxlength={50} required />
                </>
              )}
              <button type="submit">{w(lang, "add")}</button>
            </form>
          ))}
          <p class="field-hint">{w(lang, "limit")}</p>
        </>
      )}
    </Layout>,
    status as 200,
  );
}
