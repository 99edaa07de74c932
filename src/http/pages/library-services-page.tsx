import { Hono } from "hono";
import { japanDate } from "../../clock.ts";
import { ndlRules } from "../../domain/ndl/ndl-service.ts";
import { getPolicyInForce } from "../../services/policies/get-policy-in-force.ts";
import { unansweredKindNames } from "../../services/reference/reference-mail.ts";
import { listServicePoints } from "../../services/service-points/list-service-points.ts";
import { type AppEnv, type Lang, useCaseContext } from "../context.ts";
import { Layout } from "./layout.tsx";
import { ndlRuleNames } from "./ndl-rule-names.ts";
import { shell } from "./shell.ts";

const words = {
  title: { ja: "図書館のサービス", en: "Library services" },
  photocopies: { ja: "図書館資料の複写", en: "Photocopies" },
  photocopyText: {
    ja: "図書館の資料は、著作権法第31条の範囲内(調査研究のため、1人1部、著作物の一部分)で複写できます。料金は白黒1枚{mono}円、カラー1枚{colour}円です。申込書に記入して職員にお申し込みください。",
    en: "Library materials may be copied within copyright law art. 31 (for research, one copy per person, part of a work): {mono} yen a black-and-white page, {colour} yen a colour page. Ask staff with the request form.",
  },
  terminals: { ja: "インターネット検索用端末", en: "Internet terminals" },
  terminalsText: {
    ja: "図書館の利用券をお持ちの方が利用できます。{slot}分単位で、お一人同時に{n}件まで予約できます。",
    en: "For card holders, in slots of {slot} minutes; {n} booking(s) at a time.",
  },
  terminalCount: { ja: "{place}: {n}台", en: "{place}: {n}" },
  bookTerminal: { ja: "端末を予約する(マイページ)", en: "Book a terminal (my page)" },
  ndl: { ja: "国立国会図書館デジタル送信サービス", en: "NDL digital transmission service" },
  ndlText: {
    ja: "{places}で利用できます。利用券をお持ちの方が、お一人1日{minutes}分まで。利用申込書のご記入が必要です。",
    en: "At {places}, for card holders, {minutes} minutes per person a day, on an application form.",
  },
  reference: { ja: "調べもの(レファレンス)", en: "Reference service" },
  referenceText: {
    ja: "職員が、図書館にある資料などを使って調べものや資料探しのお手伝いをします。次のものにはお答えできません。",
    en: "Staff help you find information with the library's materials. We cannot answer:",
  },
  askOnline: { ja: "ホームページから相談する", en: "Ask online" },
} as const;
const w = (lang: Lang, key: keyof typeof words) => words[key][lang];
const fill = (text: string, values: Record<string, string | number>) =>
  text.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ""));

/**
 * /services: the library's other services as its policy and service points describe them (001: photocopies,
 * internet terminals, the NDL digital service, reference) — a page that stays true when the policy changes.
 */
export function libraryServicesPage() {
  const app = new Hono<AppEnv>();
  app.get("/services", async (c) => {
    const s = shell(c);
    const lang = s.prefs.lang;
    const slug = c.get("system").slug;
    const ctx = useCaseContext(c);
    const [{ policy }, points] = await Promise.all([
      getPolicyInForce(ctx.db, ctx.librarySystemId, japanDate(ctx.now)),
      listServicePoints(ctx.db, ctx.librarySystemId),
    ]);
    const withTerminals = points.filter((p) => p.internetTerminals > 0);
    const ndlPoints = points.filter((p) => p.ndlDigitalService);
    const fees = policy.fees;
    return c.html(
      <Layout shell={s} title={w(lang, "title")}>
        <h1>{w(lang, "title")}</h1>
        <section aria-labelledby="photocopies">
          <h2 id="photocopies">{w(lang, "photocopies")}</h2>
          <p>
            {fill(w(lang, "photocopyText"), { mono: fees.photocopyMonoYen, colour: fees.photocopyColourYen })}
          </p>
        </section>
        {withTerminals.length > 0 && (
          <section aria-labelledby="terminals">
            <h2 id="terminals">{w(lang, "terminals")}</h2>
            <ul>
              {withTerminals.map((p) => (
                <li>{fill(w(lang, "terminalCount"), { place: p.name[lang], n: p.internetTerminals })}</li>
              ))}
            </ul>
            <p>
              {fill(w(lang, "terminalsText"), {
                slot: fees.internetTerminalSlotMinutes,
                n: fees.internetTerminalBookingsPerPatron,
              })}
            </p>
            <p>
              <a href={`/${slug}/my/terminals`}>{w(lang, "bookTerminal")}</a>
            </p>
          </section>
        )}
        {ndlPoints.length > 0 && (
          <section aria-labelledby="ndl">
            <h2 id="ndl">{w(lang, "ndl")}</h2>
            <p>
              {fill(w(lang, "ndlText"), {
                places: ndlPoints.map((p) => p.name[lang]).join(lang === "ja" ? "・" : ", "),
                minutes: fees.ndlMinutesPerPersonPerDay,
              })}
            </p>
            <ul>
              {ndlRules.map((r) => (
                <li>{ndlRuleNames[r][lang]}</li>
              ))}
            </ul>
          </section>
        )}
        {policy.reference.offered && (
          <section aria-labelledby="reference">
            <h2 id="reference">{w(lang, "reference")}</h2>
            <p>{w(lang, "referenceText")}</p>
            <ul>
              {policy.reference.notAnswered.map((k) => (
                <li>{unansweredKindNames[k][lang]}</li>
              ))}
            </ul>
            {policy.reference.channels.includes("web") && (
              <p>
                <a href={`/${slug}/reference`}>{w(lang, "askOnline")}</a>
              </p>
            )}
          </section>
        )}
      </Layout>,
    );
  });
  return app;
}
