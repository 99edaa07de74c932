import type { Context } from "hono";
import { Hono } from "hono";
import { japanDate } from "../../clock.ts";
import { addDays, isIsoDate } from "../../domain/calendar/dates.ts";
import { isAppError } from "../../domain/errors.ts";
import { clockOf } from "../../domain/terminals/terminal-slots.ts";
import { getPolicyInForce } from "../../services/policies/get-policy-in-force.ts";
import {
  bookTerminal,
  cancelTerminalBooking,
  getTerminalDay,
  listMyTerminalBookings,
  listTerminalPoints,
} from "../../services/terminals/terminal-bookings.ts";
import { type AppEnv, type Lang, useCaseContext } from "../context.ts";
import { describeError } from "../error-messages.ts";
import { csrfCheckedBody, one } from "./circulation-form-data.ts";
import { Layout } from "./layout.tsx";
import { formatDate } from "./patron-record.tsx";
import { requirePatronPage } from "./patron-session.ts";
import { RefusalBox } from "./refusal-box.tsx";
import { shell } from "./shell.ts";

const words = {
  title: { ja: "インターネット端末の予約", en: "Internet terminal bookings" },
  myPage: { ja: "マイページ", en: "My page" },
  intro: {
    ja: "インターネット検索用端末を、開館時間内の枠で予約できます。予約は1人につき同時に{n}件までです。",
    en: "Book an internet terminal for a slot within opening hours; {n} booking(s) at a time.",
  },
  mine: { ja: "あなたの予約", en: "Your bookings" },
  noBookings: { ja: "予約はありません。", en: "No bookings." },
  terminal: { ja: "端末{n}", en: "Terminal {n}" },
  cancel: { ja: "取り消す", en: "Cancel" },
  choose: { ja: "日と場所を選ぶ", en: "Choose a day and place" },
  place: { ja: "場所", en: "Place" },
  day: { ja: "日付", en: "Day" },
  show: { ja: "空きを見る", en: "Show free slots" },
  slots: { ja: "{day}の空き状況", en: "Free slots on {day}" },
  time: { ja: "時間", en: "Time" },
  free: { ja: "空き", en: "Free" },
  book: { ja: "予約する", en: "Book" },
  full: { ja: "満席", en: "Full" },
  past: { ja: "終了", en: "Over" },
  closed: { ja: "この日は休館日です。", en: "The library is closed on this day." },
  booked: { ja: "予約しました。", en: "Booked." },
  cancelled: { ja: "予約を取り消しました。", en: "Booking cancelled." },
  refused: { ja: "予約できませんでした", en: "Not booked" },
  rules: {
    ja: "利用券をお持ちの方が利用できます。開始時刻を過ぎても来られない場合は、次の方にお譲りすることがあります。",
    en: "For card holders. A booking not taken up may be given to the next person.",
  },
} as const;
const w = (lang: Lang, key: keyof typeof words) => words[key][lang];
const fill = (text: string, values: Record<string, string | number>) =>
  text.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ""));

/** /my/terminals: the patron books an internet terminal for a free slot, sees and cancels their bookings. */
export function myTerminalPages() {
  const app = new Hono<AppEnv>();
  app.use("/my/terminals", requirePatronPage);
  app.use("/my/terminals/*", requirePatronPage);

  app.get("/my/terminals", (c) => page(c, {}));

  app.post("/my/terminals", async (c) => {
    const body = await csrfCheckedBody(c);
    const ctx = { ...useCaseContext(c), actor: { kind: "patron" as const } };
    const servicePoint = one(body, "servicePoint").slice(0, 64);
    const date = one(body, "date");
    try {
      await bookTerminal(ctx, {
        patronId: c.get("patron").patronId,
        servicePoint,
        date,
        startsAt: one(body, "startsAt").slice(0, 5),
      });
    } catch (error) {
      if (!isAppError(error)) throw error;
      return page(c, { refusal: error.code, servicePoint, date }, 409);
    }
    const query = new URLSearchParams({ booked: "1", servicePoint, date });
    return c.redirect(`/${c.get("system").slug}/my/terminals?${query}`, 303);
  });

  app.post("/my/terminals/:id/cancel", async (c) => {
    await csrfCheckedBody(c);
    try {
      await cancelTerminalBooking(
        { ...useCaseContext(c), actor: { kind: "patron" }, patronId: c.get("patron").patronId },
        Number(c.req.param("id")) || 0,
      );
    } catch (error) {
      if (!isAppError(error)) throw error;
      return page(c, { refusal: error.code }, describeError(error.code).status === 404 ? 404 : 409);
    }
    return c.redirect(`/${c.get("system").slug}/my/terminals?cancelled=1`, 303);
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
  const today = japanDate(ctx.now);
  const points = await listTerminalPoints(ctx);
  const askedPoint = state.servicePoint ?? c.req.query("servicePoint") ?? "";
  const point = points.find((p) => p.code === askedPoint) ?? points[0];
  const askedDate = state.date ?? c.req.query("date") ?? "";
  const date =
    isIsoDate(askedDate) && askedDate >= today && askedDate <= addDays(today, 30) ? askedDate : today;
  const [mine, day, { policy }] = await Promise.all([
    listMyTerminalBookings(ctx, c.get("patron").patronId),
    point ? getTerminalDay(ctx, point.code, date) : null,
    getPolicyInForce(ctx.db, ctx.librarySystemId, today),
  ]);
  const csrf = s.csrf;
  c.header("Cache-Control", "no-store");
  return c.html(
    <Layout shell={s} title={w(lang, "title")}>
      <p>
        <a href={`/${slug}/my`}>{w(lang, "myPage")}</a>
      </p>
      <h1>{w(lang, "title")}</h1>
      <p>{fill(w(lang, "intro"), { n: policy.fees.internetTerminalBookingsPerPatron })}</p>
      <p class="field-hint">{w(lang, "rules")}</p>
      <div role="status">
        {c.req.query("booked") && <p class="notice notice-ok">{w(lang, "booked")}</p>}
        {c.req.query("cancelled") && <p class="notice notice-ok">{w(lang, "cancelled")}</p>}
      </div>
      <RefusalBox lang={lang} heading={w(lang, "refused")} code={state.refusal} />
      <section aria-labelledby="mine-heading">
        <h2 id="mine-heading">{w(lang, "mine")}</h2>
        {mine.length === 0 ? (
          <p>{w(lang, "noBookings")}</p>
        ) : (
          <ul class="request-list">
            {mine.map((b) => (
              <li id={`booking-${b.id}`}>
                <strong>
                  {formatDate(lang, b.day)} {clockOf(b.startMinute)}–{clockOf(b.endMinute)}
                </strong>{" "}
                · {b.servicePointName[lang]} · {fill(w(lang, "terminal"), { n: b.terminal })}
                <form method="post" action={`/${slug}/my/terminals/${b.id}/cancel`} class="inline-form">
                  <input type="hidden" name="_csrf" value={csrf} />
                  <button type="submit">{w(lang, "cancel")}</button>
                </form>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="choose-heading">
        <h2 id="choose-heading">{w(lang, "choose")}</h2>
        <form method="get" action={`/${slug}/my/terminals`} class="inline-form">
          <label for="term-point">{w(lang, "place")}</label>
          <select id="term-point" name="servicePoint">
            {points.map((p) => (
              <option value={p.code} selected={p.code === point?.code}>
                {p.name[lang]}
              </option>
            ))}
          </select>
          <label for="term-date">{w(lang, "day")}</label>
          <input id="term-date" name="date" type="date" value={date} min={today} max={addDays(today, 30)} />
          <button type="submit">{w(lang, "show")}</button>
        </form>
      </section>
      {day && point && (
        <section aria-labelledby="slots-heading">
          <h2 id="slots-heading">
            {fill(w(lang, "slots"), { day: formatDate(lang, date) })} — {point.name[lang]}
          </h2>
          {day.slots.length === 0 ? (
            <p>{w(lang, "closed")}</p>
          ) : (
            <table class="patron-table terminal-slots">
              <caption>{fill(w(lang, "slots"), { day: formatDate(lang, date) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{w(lang, "time")}</th>
                  <th scope="col">{w(lang, "free")}</th>
                  <th scope="col">{w(lang, "book")}</th>
                </tr>
              </thead>
              <tbody>
                {day.slots.map((slot) => {
                  const free = slot.terminals.filter((b) => b === null).length;
                  return (
                    <tr>
                      <th scope="row">
                        {slot.startsAt}–{slot.endsAt}
                      </th>
                      <td>
                        {slot.past
                          ? w(lang, "past")
                          : free === 0
                            ? w(lang, "full")
                            : `${free} / ${day.terminals}`}
                      </td>
                      <td>
                        {!slot.past && free > 0 && (
                          <form method="post" action={`/${slug}/my/terminals`}>
                            <input type="hidden" name="_csrf" value={csrf} />
                            <input type="hidden" name="servicePoint" value={point.code} />
                            <input type="hidden" name="date" value={date} />
                            <input type="hidden" name="startsAt" value={slot.startsAt} />
                            <button
                              type="submit"
                              aria-label={`${slot.startsAt}–${slot.endsAt} ${w(lang, "book")}`}
                            >
                              {w(lang, "book")}
                            </button>
                          </form>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </section>
      )}
    </Layout>,
    status,
  );
}
