import type { Context } from "hono";
import { Hono } from "hono";
import { japanDate } from "../../clock.ts";
import { accountLinkUrl } from "../../integrations/line-messaging.ts";
import { startLineAccountLink } from "../../services/line-chat/line-account-link.ts";
import { getMyAccount } from "../../services/my-page/my-account.ts";
import { getMyLinks, type MyLinksView, unlinkMyLine } from "../../services/my-page/my-links.ts";
import { type AppEnv, type Lang, useCaseContext } from "../context.ts";
import { describeError } from "../error-messages.ts";
import { csrfCheckedBody, one } from "./circulation-form-data.ts";
import { fill, type Refusal, RefusalNotice, refusalOf } from "./hold-page-parts.tsx";
import { Layout } from "./layout.tsx";
import { requirePatronPage } from "./patron-session.ts";
import { shell } from "./shell.ts";

const words = {
  title: { ja: "LINE・ICカード連携", en: "LINE and IC card links" },
  myPage: { ja: "利用者のページ", en: "My page" },
  line: { ja: "LINE連携", en: "LINE" },
  lineLinked: { ja: "{date}からLINEと連携しています。", en: "Linked to LINE since {date}." },
  lineNotLinked: { ja: "LINEとは連携していません。", en: "Not linked to LINE." },
  lineUses: {
    ja: "連携すると、LINEのトーク画面で利用券の表示、蔵書の検索と予約ができ、利用者ポータルを開けます。予約の確保などのお知らせはLINEでは届きません（メールなどでお知らせします）。",
    en: "Once linked, the LINE chat shows your card, searches the catalogue, reserves, and opens this portal. Notices such as “ready for pickup” never come through LINE (they come by e-mail or phone).",
  },
  lineHowTo: { ja: "連携のしかた", en: "How to link" },
  lineStep1: {
    ja: "LINEで図書館の公式アカウントを友だち追加します。",
    en: "Add the library's official account as a friend in LINE.",
  },
  lineStep2: { ja: "トーク画面で「連携」と送ります。", en: "Send “link” in the chat." },
  lineStep3: {
    ja: "届いた「連携する」ボタンから開くページで、連携を確定します（10分以内）。",
    en: "Open the “Link” button you receive and confirm on the page it opens (within 10 minutes).",
  },
  lineName: {
    ja: "LINEの名前が利用券の名義（漢字またはカタカナ）と同じ場合に連携できます。",
    en: "Your LINE name must match the name on your card (in kanji or katakana).",
  },
  unlink: { ja: "LINE連携を解除する", en: "Unlink LINE" },
  unlinkAsk: {
    ja: "LINE連携を解除しますか。解除すると、LINEで利用券の表示や予約ができなくなります。予約や貸出はそのまま残ります。",
    en: "Unlink LINE? The chat will no longer show your card or reserve. Your loans and reservations stay as they are.",
  },
  unlinkYes: { ja: "解除する", en: "Unlink" },
  cancel: { ja: "やめる", en: "Cancel" },
  unlinked: { ja: "LINE連携を解除しました。", en: "LINE is no longer linked." },
  confirmTitle: { ja: "LINE連携の確定", en: "Confirm the LINE link" },
  confirmIntro: {
    ja: "LINEのトーク画面から来た連携の手続きです。「連携を確定する」を押すとLINEの画面に移り、LINEで同意すると連携が完了します。結果はLINEのトーク画面でお知らせします。",
    en: "This continues the link you started in the LINE chat. Press “Confirm” to go to LINE; agree there and the link is made. The chat tells you the result.",
  },
  confirmCard: {
    ja: "連携する利用券: {name} 様（利用者番号の末尾 {tail}）",
    en: "Card: {name} (number ending {tail})",
  },
  confirm: { ja: "連携を確定する", en: "Confirm" },
  myNumber: { ja: "マイナンバーカード", en: "My Number card" },
  myNumberLinked: {
    ja: "{date}からマイナンバーカードと連携しています。窓口での貸出にマイナンバーカードを使えます。",
    en: "Linked since {date}: your My Number card works at the counter.",
  },
  myNumberAuto: {
    ja: "カードの署名用電子証明書が有効な間は、毎月の確認で登録の有効期限が自動で延長されます。",
    en: "While the card's signature certificate is valid, the monthly check extends your registration.",
  },
  myNumberNotLinked: { ja: "マイナンバーカードとは連携していません。", en: "No My Number card is linked." },
  myNumberCounter: {
    ja: "連携と解除は、ご本人がマイナンバーカードを持って窓口でお申し込みください（代理の方はできません）。",
    en: "Link or unlink in person at a counter with the card (not by proxy).",
  },
  felica: { ja: "FeliCa（おサイフケータイ・交通系ICカードなど）", en: "FeliCa chip" },
  felicaLinked: { ja: "{date}から登録しています。", en: "Registered since {date}." },
  felicaNotLinked: { ja: "登録していません。", en: "None registered." },
  felicaCounter: {
    ja: "登録と解除は、利用券と本人確認書類、登録するカードや携帯電話を持って窓口でお申し込みください。",
    en: "Register or remove one at a counter with your card, an identity document and the chip.",
  },
} as const;

const w = (lang: Lang, key: keyof typeof words) => words[key][lang];
const mine = (c: Context<AppEnv>) => ({ ...useCaseContext(c), patronId: c.get("patron").patronId });
const dateOf = (iso: string | null) => (iso ? japanDate(new Date(iso)) : "");

/**
 * /my/links: the patron's LINE link (confirmed here after the chat's “link”, and ended here), and whether a
 * My Number card or a FeliCa chip is linked, which only the counter changes.
 */
export function myCredentialPages() {
  const app = new Hono<AppEnv>();
  app.use("/my/links", requirePatronPage);
  app.use("/my/links/*", requirePatronPage);

  app.get("/my/links", async (c) => linksPage(c, await getMyLinks(mine(c)), {}));

  app.get("/my/links/line", (c) => confirmLinkPage(c, {}));

  app.post("/my/links/line", async (c) => {
    const body = await csrfCheckedBody(c);
    const linkToken = one(body, "linkToken").slice(0, 300);
    try {
      if (!linkToken) {
        return await confirmLinkPage(c, { refusal: { code: "LINE_LINK_TOKEN_MISSING", details: {} } }, 422);
      }
      const { nonce } = await startLineAccountLink(mine(c));
      return c.redirect(accountLinkUrl(linkToken, nonce), 303);
    } catch (error) {
      const refusal = refusalOf(error);
      return confirmLinkPage(c, { refusal }, describeError(refusal.code).status);
    }
  });

  app.post("/my/links/line/unlink", async (c) => {
    const body = await csrfCheckedBody(c);
    if (one(body, "confirm") !== "yes") return unlinkConfirmPage(c);
    try {
      const view = await unlinkMyLine(mine(c));
      return linksPage(c, view, { done: w(shell(c).prefs.lang, "unlinked") });
    } catch (error) {
      const refusal = refusalOf(error);
      return linksPage(c, await getMyLinks(mine(c)), { refusal }, describeError(refusal.code).status);
    }
  });

  return app;
}

function Back(props: { lang: Lang; slug: string }) {
  return (
    <p>
      <a href={`/${props.slug}/my`}>{w(props.lang, "myPage")}</a>
    </p>
  );
}

async function linksPage(
  c: Context<AppEnv>,
  view: MyLinksView,
  state: { refusal?: Refusal; done?: string },
  status = 200,
) {
  const s = shell(c);
  const lang = s.prefs.lang;
  const slug = c.get("system").slug;
  c.header("Cache-Control", "no-store");
  return c.html(
    <Layout shell={s} title={w(lang, "title")}>
      <Back lang={lang} slug={slug} />
      <h1>{w(lang, "title")}</h1>
      <div role="status">{state.done && <p class="notice notice-ok">{state.done}</p>}</div>
      {state.refusal && <RefusalNotice lang={lang} refusal={state.refusal} id="links-refusal" />}
      {view.line.offered && (
        <section aria-labelledby="line-title" class="link-section">
          <h2 id="line-title">{w(lang, "line")}</h2>
          <p>
            <strong>
              {view.line.linked
                ? fill(w(lang, "lineLinked"), { date: dateOf(view.line.linkedAt) })
                : w(lang, "lineNotLinked")}
            </strong>
          </p>
          <p>{w(lang, "lineUses")}</p>
          {view.line.linked ? (
            <form method="post" action={`/${slug}/my/links/line/unlink`}>
              <input type="hidden" name="_csrf" value={s.csrf} />
              <button type="submit">{w(lang, "unlink")}</button>
            </form>
          ) : (
            <>
              <h3>{w(lang, "lineHowTo")}</h3>
              <ol>
                <li>{w(lang, "lineStep1")}</li>
                <li>{w(lang, "lineStep2")}</li>
                <li>{w(lang, "lineStep3")}</li>
              </ol>
              <p>{w(lang, "lineName")}</p>
            </>
          )}
        </section>
      )}
      {view.myNumber.offered && (
        <section aria-labelledby="mynumber-title" class="link-section">
          <h2 id="mynumber-title">{w(lang, "myNumber")}</h2>
          <p>
            <strong>
              {view.myNumber.linked
                ? fill(w(lang, "myNumberLinked"), { date: dateOf(view.myNumber.linkedAt) })
                : w(lang, "myNumberNotLinked")}
            </strong>
          </p>
          {view.myNumber.autoRenewal && <p>{w(lang, "myNumberAuto")}</p>}
          <p>{w(lang, "myNumberCounter")}</p>
        </section>
      )}
      {view.felica.offered && (
        <section aria-labelledby="felica-title" class="link-section">
          <h2 id="felica-title">{w(lang, "felica")}</h2>
          <p>
            <strong>
              {view.felica.linked
                ? fill(w(lang, "felicaLinked"), { date: dateOf(view.felica.linkedAt) })
                : w(lang, "felicaNotLinked")}
            </strong>
          </p>
          <p>{w(lang, "felicaCounter")}</p>
        </section>
      )}
    </Layout>,
    status as 200,
  );
}

/** The page the chat's “link” button opens: after sign-in, the patron confirms and is sent on to LINE. */
async function confirmLinkPage(c: Context<AppEnv>, state: { refusal?: Refusal }, status = 200) {
  const s = shell(c);
  const lang = s.prefs.lang;
  const slug = c.get("system").slug;
  const linkToken = (c.req.query("linkToken") ?? "").slice(0, 300);
  const account = await getMyAccount(mine(c));
  c.header("Cache-Control", "no-store");
  // The link token must not leak to other sites through the Referer header.
  c.header("Referrer-Policy", "no-referrer");
  const refusal = state.refusal ?? (linkToken ? undefined : { code: "LINE_LINK_TOKEN_MISSING", details: {} });
  return c.html(
    <Layout shell={s} title={w(lang, "confirmTitle")}>
      <Back lang={lang} slug={slug} />
      <h1>{w(lang, "confirmTitle")}</h1>
      {refusal ? (
        <RefusalNotice lang={lang} refusal={refusal} id="link-refusal" />
      ) : (
        <>
          <p>{w(lang, "confirmIntro")}</p>
          <p>
            {fill(w(lang, "confirmCard"), {
              name: account.name,
              tail: account.cardNumber ? account.cardNumber.slice(-4) : "—",
            })}
          </p>
          <p>{w(lang, "lineName")}</p>
          <form method="post" action={`/${slug}/my/links/line`}>
            <input type="hidden" name="_csrf" value={s.csrf} />
            <input type="hidden" name="linkToken" value={linkToken} />
            <button type="submit">{w(lang, "confirm")}</button>
          </form>
        </>
      )}
    </Layout>,
    status as 200,
  );
}

function unlinkConfirmPage(c: Context<AppEnv>) {
  const s = shell(c);
  const lang = s.prefs.lang;
  const slug = c.get("system").slug;
  c.header("Cache-Control", "no-store");
  return c.html(
    <Layout shell={s} title={w(lang, "unlink")}>
      <Back lang={lang} slug={slug} />
      <h1>{w(lang, "unlink")}</h1>
      <p>{w(lang, "unlinkAsk")}</p>
      <form method="post" action={`/${slug}/my/links/line/unlink`} class="button-row">
        <input type="hidden" name="_csrf" value={s.csrf} />
        <input type="hidden" name="confirm" value="yes" />
        <button type="submit">{w(lang, "unlinkYes")}</button>
        <a href={`/${slug}/my/links`}>{w(lang, "cancel")}</a>
      </form>
    </Layout>,
  );
}
