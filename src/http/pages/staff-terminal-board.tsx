import type { Context } from "hono";
import { Hono } from "hono";
import { japanDate } from "../../clock.ts";
import { isIsoDate } from "../../domain/calendar/dates.ts";
import { AppError, isAppError } from "../../domain/errors.ts";
import { resolveCredential } from "../../services/patrons/resolve-credential.ts";
import {
  bookTerminal,
  cancelTerminalBooking,
  getTerminalDay,
  listTerminalPoints,
} from "../../services/terminals/terminal-bookings.ts";
import { staffActor } from "../client-address.ts";
import { type AppEnv, type Lang, useCaseContext } from "../context.ts";
import { describeError } from "../error-messages.ts";
import { counterStaff } from "./circulation-counter.ts";
import { csrfCheckedBody, one, scannedNumber } from "./circulation-form-data.ts";
import { Layout } from "./layout.tsx";
import { formatDate } from "./patron-record.tsx";
import { RefusalBox } from "./refusal-box.tsx";
import { shell } from "./shell.ts";

const words = {
  title: { ja: "インターネット端末の予約状況", en: "Internet terminal board" },
  staffMenu: { ja: "職員メニュー", en: "Staff menu" },
  place: { ja: "場所", en: "Place" },
  day: { ja: "日付", en: "Day" },
  show: { ja: "表示", en: "Show" },
  time: { ja: "時間", en: "Time" },
  terminal: { ja: "端末{n}", en: "Terminal {n}" },
  free: { ja: "空き", en: "Free" },
  web: { ja: "Web", en: "Web" },
  counter: { ja: "窓口", en: "Counter" },
  cancel: { ja: "取消", en: "Cancel" },
  closed: { ja: "この日は休館日です。", en: "Closed on this day." },
  none: { ja: "インターネット端末のある館はありません。", en: "No service point has internet terminals." },
  book: { ja: "窓口で予約を受ける", en: "Book at the counter" },
  cardNumber: { ja: "利用券番号", en: "Card number" },
  startsAt: { ja: "開始時刻", en: "Starts at" },
  bookButton: { ja: "予約する", en: "Book" },
  done: { ja: "記録しました。", en: "Recorded." },
  refused: { ja: "記録できませんでした", en: "Not recorded" },
} as const;
const w = (lang: Lang, key: keyof typeof words) => words[key][lang];

/**
 * /staff/terminals: the day's board of a service point's internet terminals (001) — every slot, who booked
 * each terminal, web or counter; staff book for a patron by card number and cancel.
 */
export function staffTerminalBoard() {
  const app = new Hono<AppEnv>();
  app.use("/staff/terminals", counterStaff);
  app.use("/staff/terminals/*", counterStaff);

  app.get("/staff/terminals", (c) => page(c, {}));

  app.post("/staff/terminals", async (c) => {
    const body = await csrfCheckedBody(c);
    const servicePoint = one(body, "servicePoint").slice(0, 64);
    const date = one(body, "date");
    const ctx = { ...useCaseContext(c), actor: { kind: "staff" as const, staff: staffActor(c) } };
    try {
      const card = scannedNumber(one(body, "cardNumber"));
      if (!card) throw new AppError("VALIDATION_FAILED", { field: "cardNumber" });
      const resolved = await resolveCredential({
        ...useCaseContext(c),
        actor: staffActor(c),
        kind: "card",
        value: card,
      });
      await bookTerminal(ctx, {
        patronId: resolved.patron.id,
        servicePoint,
        date,
        startsAt: one(body, "startsAt").slice(0, 5),
      });
    } catch (error) {
      if (!isAppError(error)) throw error;
      return page(
        c,
        { refusal: error.code, servicePoint, date },
        describeError(error.code).status === 404 ? 404 : 409,
      );
    }
    return c.redirect(
      `/${c.get("system").slug}/staff/terminals?${new URLSearchParams({ done: "1", servicePoint, date })}`,
      303,
    );
  });

  app.post("/staff/terminals/:id/cancel", async (c) => {
    const body = await csrfCheckedBody(c);
    const servicePoint = one(body, "servicePoint").slice(0, 64);
    const date = one(body, "date");
    try {
      await cancelTerminalBooking(
        { ...useCaseContext(c), actor: { kind: "staff", staff: staffActor(c) } },
        Number(c.req.param("id")) || 0,
      );
    } catch (error) {
      if (!isAppError(error)) throw error;
      return page(
        c,
        { refusal: error.code, servicePoint, date },
        describeError(error.code).status === 404 ? 404 : 409,
      );
    }
    return c.redirect(
      `/${c.get("system").slug}/staff/terminals?${new URLSearchParams({ done: "1", servicePoint, date })}`,
      303,
    );
  });

  return app;
}

async function page(
  c: Context<AppEnv>,
  state: { refusal?: string; servicePoint?: string; date?: string },
  status: 200 | 404 | 409 = 200,
) {
  const s = shell(c);
  const lang = s.prefs.lang;
  const slug = c.get("system").slug;
  const ctx = useCaseContext(c);
  const points = await listTerminalPoints(ctx);
  const askedPoint = state.servicePoint ?? c.req.query("servicePoint") ?? "";
  const point = points.find((p) => p.code === askedPoint) ?? points[0];
  const askedDate = state.date ?? c.req.query("date") ?? "";
  const date = isIsoDate(askedDate) ? askedDate : japanDate(ctx.now);
  const day = point ? await getTerminalDay(ctx, point.code, date) : null;
  const csrf = s.csrf;
  const terminalName = (n: number) => w(lang, "terminal").replace("{n}", String(n));
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
      <RefusalBox lang={lang} heading={w(lang, "refused")} code={state.refusal} />
      {!point || !day ? (
        <p>{w(lang, "none")}</p>
      ) : (
        <>
          <form method="get" action={`/${slug}/staff/terminals`} class="inline-form">
            <label for="board-point">{w(lang, "place")}</label>
            <select id="board-point" name="servicePoint">
              {points.map((p) => (
                <option value={p.code} selected={p.code === point.code}>
                  {p.name[lang]}
                </option>
              ))}
            </select>
            <label for="board-date">{w(lang, "day")}</label>
            <input id="board-date" name="date" type="date" value={date} />
            <button type="submit">{w(lang, "show")}</button>
          </form>
          <h2>
            {point.name[lang]} — {formatDate(lang, date)}
          </h2>
          {day.slots.length === 0 ? (
            <p>{w(lang, "closed")}</p>
          ) : (
            <div class="table-scroll">
              <table class="patron-table terminal-board">
                <caption>
                  {w(lang, "title")}: {point.name[lang]} {formatDate(lang, date)}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{w(lang, "time")}</th>
                    {Array.from({ length: day.terminals }, (_, i) => (
                      <th scope="col">{terminalName(i + 1)}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {day.slots.map((slot) => (
                    <tr class={slot.past ? "slot-past" : undefined}>
                      <th scope="row">
                        {slot.startsAt}–{slot.endsAt}
                      </th>
                      {slot.terminals.map((b) => (
                        <td>
                          {b === null ? (
                            <span class="field-hint">{w(lang, "free")}</span>
                          ) : (
                            <>
                              <strong>{b.patronName}</strong>
                              <br />
                              <small>
                                {b.cardNumber} · {w(lang, b.channel)}
                              </small>
                              {!slot.past && (
                                <form
                                  method="post"
                                  action={`/${slug}/staff/terminals/${b.id}/cancel`}
                                  class="inline-form"
                                >
                                  <input type="hidden" name="_csrf" value={csrf} />
                                  <input type="hidden" name="servicePoint" value={point.code} />
                                  <input type="hidden" name="date" value={date} />
                                  <button
                                    type="submit"
                                    aria-label={`${slot.startsAt} ${terminalName(b.terminal)} ${w(lang, "cancel")}`}
                                  >
                                    {w(lang, "cancel")}
                                  </button>
                                </form>
                              )}
                            </>
                          )}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {day.slots.some((sl) => !sl.past) && (
            <section aria-labelledby="book-heading">
              <h2 id="book-heading">{w(lang, "book")}</h2>
              <form method="post" action={`/${slug}/staff/terminals`} class="inline-form">
                <input type="hidden" name="_csrf" value={csrf} />
                <input type="hidden" name="servicePoint" value={point.code} />
                <input type="hidden" name="date" value={date} />
                <label for="book-card">{w(lang, "cardNumber")}</label>
                <input id="book-card" name="cardNumber" required inputmode="numeric" maxlength={32} />
                <label for="book-start">{w(lang, "startsAt")}</label>
                <select id="book-start" name="startsAt">
                  {day.slots
                    .filter((sl) => !sl.past && sl.terminals.some((b) => b === null))
                    .map((sl) => (
                      <option value={sl.startsAt}>
                        {sl.startsAt}–{sl.endsAt}
                      </option>
                    ))}
                </select>
                <button type="submit">{w(lang, "bookButton")}</button>
              </form>
            </section>
          )}
        </>
      )}
    </Layout>,
    status,
  );
}
