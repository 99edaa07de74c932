import type { Context } from "hono";
import { Hono } from "hono";
import { AppError, isAppError } from "../../domain/errors.ts";
import { photocopyChecklist } from "../../domain/fees/photocopy-rules.ts";
import { ndlRules } from "../../domain/ndl/ndl-service.ts";
import {
  getNdlDesk,
  handOverNdlPrint,
  recordNdlSession,
  requestNdlPrint,
} from "../../services/ndl/ndl-service.ts";
import { resolveCredential } from "../../services/patrons/resolve-credential.ts";
import { listServicePoints } from "../../services/service-points/list-service-points.ts";
import { staffActor } from "../client-address.ts";
import { type AppEnv, type Lang, useCaseContext } from "../context.ts";
import { photocopyRuleNames } from "../error-messages/fees.ts";
import { describeError } from "../error-messages.ts";
import { counterStaff } from "./circulation-counter.ts";
import { csrfCheckedBody, many, one, scannedNumber } from "./circulation-form-data.ts";
import { Layout } from "./layout.tsx";
import { ndlRuleNames } from "./ndl-rule-names.ts";
import { formatDate } from "./patron-record.tsx";
import { RefusalBox } from "./refusal-box.tsx";
import { shell } from "./shell.ts";

const words = {
  title: { ja: "国立国会図書館デジタル送信サービス", en: "NDL digital transmission service" },
  staffMenu: { ja: "職員メニュー", en: "Staff menu" },
  apply: { ja: "利用申込を受け付ける", en: "Take an application" },
  cardNumber: { ja: "利用券番号", en: "Card number" },
  minutes: { ja: "利用時間(分)", en: "Minutes" },
  minutesHint: { ja: "お一人1日{n}分までです。", en: "{n} minutes per person a day." },
  rules: { ja: "申込者の同意事項", en: "The patron accepts" },
  record: { ja: "受け付ける", en: "Record" },
  today: { ja: "本日の利用", en: "Today's sessions" },
  none: { ja: "本日の利用はまだありません。", en: "No sessions yet today." },
  print: { ja: "複写を申し込む", en: "Ask for prints" },
  materialTitle: { ja: "資料名", en: "Title" },
  pages: { ja: "箇所(ページ)", en: "Pages" },
  monoPages: { ja: "白黒(枚)", en: "Black and white" },
  colourPages: { ja: "カラー(枚)", en: "Colour" },
  checklist: { ja: "著作権法第31条の確認", en: "Copyright law art. 31" },
  forResearch: { ja: "調査研究のため", en: "For research" },
  onePerPerson: { ja: "1人1部", en: "One copy per person" },
  withinScope: { ja: "著作物の一部分", en: "Part of a work" },
  waiting: { ja: "お渡し待ちの複写物", en: "Prints waiting to be handed over" },
  noWaiting: { ja: "お渡し待ちはありません。", en: "Nothing waiting." },
  readyOn: { ja: "お渡し日", en: "Ready on" },
  handOver: { ja: "お渡しして料金を受け取る", en: "Hand over and take the fee" },
  done: { ja: "記録しました。", en: "Recorded." },
  refused: { ja: "記録できませんでした", en: "Not recorded" },
  notHere: {
    ja: "この図書館にはデジタル送信サービスの参加館がありません。",
    en: "No service point takes part.",
  },
  yen: { ja: "{n}円", en: "¥{n}" },
} as const;
const w = (lang: Lang, key: keyof typeof words) => words[key][lang];

/**
 * /staff/ndl: the NDL digital transmission desk (001) — applications with the rules accepted and the daily
 * minutes, print requests within art. 31, and prints handed over on a later day against the fee (receipt).
 */
export function staffNdlDesk() {
  const app = new Hono<AppEnv>();
  app.use("/staff/ndl", counterStaff);
  app.use("/staff/ndl/*", counterStaff);

  app.get("/staff/ndl", (c) => page(c, {}));

  app.post("/staff/ndl", async (c) => {
    const body = await csrfCheckedBody(c);
    return act(c, async () => {
      const card = scannedNumber(one(body, "cardNumber"));
      if (!card) throw new AppError("VALIDATION_FAILED", { field: "cardNumber" });
      const minutes = Number(one(body, "minutes"));
      if (!Number.isSafeInteger(minutes) || minutes < 1 || minutes > 600) {
        throw new AppError("VALIDATION_FAILED", { field: "minutes" });
      }
      const { patron } = await resolveCredential({
        ...useCaseContext(c),
        actor: staffActor(c),
        kind: "card",
        value: card,
      });
      await recordNdlSession(
        { ...useCaseContext(c), staff: staffActor(c) },
        {
          patronId: patron.id,
          servicePoint: one(body, "servicePoint"),
          minutes,
          accepted: many(body, "accepted"),
        },
      );
    });
  });

  app.post("/staff/ndl/sessions/:id/prints", async (c) => {
    const body = await csrfCheckedBody(c);
    return act(c, async () => {
      const count = (name: string) => {
        const n = Number(one(body, name) || "0");
        if (!Number.isSafeInteger(n) || n < 0 || n > 2000)
          throw new AppError("VALIDATION_FAILED", { field: name });
        return n;
      };
      const title = one(body, "title").trim().slice(0, 256);
      if (!title) throw new AppError("VALIDATION_FAILED", { field: "title" });
      const monoPages = count("monoPages");
      const colourPages = count("colourPages");
      if (monoPages + colourPages === 0) throw new AppError("VALIDATION_FAILED", { field: "monoPages" });
      await requestNdlPrint({ ...useCaseContext(c), staff: staffActor(c) }, Number(c.req.param("id")) || 0, {
        title,
        pagesDescription: one(body, "pagesDescription").trim().slice(0, 200) || null,
        scope: "partOfWork",
        copies: 1,
        monoPages,
        colourPages,
        confirmed: many(body, "confirmed"),
      });
    });
  });

  app.post("/staff/ndl/prints/:id/hand-over", async (c) => {
    await csrfCheckedBody(c);
    try {
      const print = await handOverNdlPrint(
        { ...useCaseContext(c), staff: staffActor(c) },
        Number(c.req.param("id")) || 0,
      );
      return c.redirect(`/${c.get("system").slug}/staff/fees/${print.feeEntryId}/receipt?done=1`, 303);
    } catch (error) {
      if (!isAppError(error)) throw error;
      return page(c, { refusal: { code: error.code, details: error.details } }, 409);
    }
  });

  return app;
}

type Refusal = { code: string; details: Record<string, unknown> };

async function act(c: Context<AppEnv>, action: () => Promise<unknown>) {
  try {
    await action();
  } catch (error) {
    if (!isAppError(error)) throw error;
    const status = describeError(error.code).status === 404 ? 404 : 409;
    return page(c, { refusal: { code: error.code, details: error.details } }, status);
  }
  return c.redirect(`/${c.get("system").slug}/staff/ndl?done=1`, 303);
}

async function page(c: Context<AppEnv>, state: { refusal?: Refusal }, status: 200 | 404 | 409 = 200) {
  const s = shell(c);
  const lang = s.prefs.lang;
  const slug = c.get("system").slug;
  const ctx = useCaseContext(c);
  const [desk, points] = await Promise.all([getNdlDesk(ctx), listServicePoints(ctx.db, ctx.librarySystemId)]);
  const ndlPoints = points.filter((p) => p.ndlDigitalService);
  const csrf = s.csrf;
  const rule = state.refusal?.details.rule;
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
      <RefusalBox
        lang={lang}
        heading={w(lang, "refused")}
        code={state.refusal?.code}
        more={typeof rule === "string" && photocopyRuleNames[rule] ? [photocopyRuleNames[rule][lang]] : []}
      />
      {ndlPoints.length === 0 ? (
        <p>{w(lang, "notHere")}</p>
      ) : (
        <section aria-labelledby="apply-heading">
          <h2 id="apply-heading">{w(lang, "apply")}</h2>
          <form method="post" action={`/${slug}/staff/ndl`} class="stacked-form">
            <input type="hidden" name="_csrf" value={csrf} />
            <input type="hidden" name="servicePoint" value={ndlPoints[0]!.code} />
            <p>{ndlPoints[0]!.name[lang]}</p>
            <label for="ndl-card">{w(lang, "cardNumber")}</label>
            <input id="ndl-card" name="cardNumber" required inputmode="numeric" maxlength={32} />
            <label for="ndl-minutes">{w(lang, "minutes")}</label>
            <input
              id="ndl-minutes"
              name="minutes"
              type="number"
              min={1}
              max={desk.minutesPerDay}
              value={String(desk.minutesPerDay)}
              aria-describedby="ndl-minutes-hint"
            />
            <p id="ndl-minutes-hint" class="field-hint">
              {w(lang, "minutesHint").replace("{n}", String(desk.minutesPerDay))}
            </p>
            <fieldset>
              <legend>{w(lang, "rules")}</legend>
              {ndlRules.map((r) => (
                <label class="check">
                  <input type="checkbox" name="accepted" value={r} /> {ndlRuleNames[r][lang]}
                </label>
              ))}
            </fieldset>
            <button type="submit">{w(lang, "record")}</button>
          </form>
        </section>
      )}
      <section aria-labelledby="today-heading">
        <h2 id="today-heading">{w(lang, "today")}</h2>
        {desk.sessions.length === 0 ? (
          <p>{w(lang, "none")}</p>
        ) : (
          <ol class="request-list">
            {desk.sessions.map((session) => (
              <li id={`session-${session.id}`}>
                <strong>{session.patronName}</strong> · {session.cardNumber} · {session.minutes}
                {lang === "ja" ? "分" : " min"}
                <details>
                  <summary>{w(lang, "print")}</summary>
                  <form
                    method="post"
                    action={`/${slug}/staff/ndl/sessions/${session.id}/prints`}
                    class="stacked-form"
                  >
                    <input type="hidden" name="_csrf" value={csrf} />
                    <label for={`title-${session.id}`}>{w(lang, "materialTitle")}</label>
                    <input id={`title-${session.id}`} name="title" required maxlength={256} />
                    <label for={`pages-${session.id}`}>{w(lang, "pages")}</label>
                    <input id={`pages-${session.id}`} name="pagesDescription" maxlength={200} />
                    <label for={`mono-${session.id}`}>{w(lang, "monoPages")}</label>
                    <input
                      id={`mono-${session.id}`}
                      name="monoPages"
                      type="number"
                      min={0}
                      max={2000}
                      value="0"
                    />
                    <label for={`colour-${session.id}`}>{w(lang, "colourPages")}</label>
                    <input
                      id={`colour-${session.id}`}
                      name="colourPages"
                      type="number"
                      min={0}
                      max={2000}
                      value="0"
                    />
                    <fieldset>
                      <legend>{w(lang, "checklist")}</legend>
                      {photocopyChecklist.map((item) => (
                        <label class="check">
                          <input type="checkbox" name="confirmed" value={item} /> {w(lang, item)}
                        </label>
                      ))}
                    </fieldset>
                    <button type="submit">{w(lang, "print")}</button>
                  </form>
                </details>
              </li>
            ))}
          </ol>
        )}
      </section>
      <section aria-labelledby="waiting-heading">
        <h2 id="waiting-heading">{w(lang, "waiting")}</h2>
        {desk.prints.length === 0 ? (
          <p>{w(lang, "noWaiting")}</p>
        ) : (
          <ol class="request-list">
            {desk.prints.map((print) => (
              <li id={`print-${print.id}`}>
                <strong>{print.title}</strong>
                {print.pagesDescription && <> ({print.pagesDescription})</>} · {print.patronName} ·{" "}
                {w(lang, "yen").replace("{n}", String(print.amountYen))} · {w(lang, "readyOn")}:{" "}
                {formatDate(lang, print.readyOn)}
                <form
                  method="post"
                  action={`/${slug}/staff/ndl/prints/${print.id}/hand-over`}
                  class="inline-form"
                >
                  <input type="hidden" name="_csrf" value={csrf} />
                  <button type="submit">{w(lang, "handOver")}</button>
                </form>
              </li>
            ))}
          </ol>
        )}
      </section>
    </Layout>,
    status,
  );
}
