import bwipjs from "bwip-js/generic";
import { Hono } from "hono";
import { raw } from "hono/html";
import { japanDate } from "../../clock.ts";
import { renderCodabarSvg } from "../../domain/barcodes/codabar-svg.ts";
import { getMyAccount } from "../../services/my-page/my-account.ts";
import { getPolicyInForce } from "../../services/policies/get-policy-in-force.ts";
import { type AppEnv, type Lang, useCaseContext } from "../context.ts";
import { Layout } from "./layout.tsx";
import { requirePatronPage } from "./patron-session.ts";
import { shell } from "./shell.ts";

/** The smartphone card's words, Japanese first. */
const words = {
  title: { ja: "スマホ利用者カード", en: "Smartphone library card" },
  card: { ja: "利用者カード", en: "Library card" },
  cardNumber: { ja: "利用者番号", en: "Card number" },
  expiresOn: { ja: "有効期限", en: "Valid until" },
  brightness: {
    ja: "カウンターでこの画面を見せてください。読み取りにくいときは、画面の明るさを最大にしてください。",
    en: "Show this screen at the counter. If the scanner cannot read it, turn the screen brightness up.",
  },
  install: {
    ja: "ホーム画面に追加すると、電波のない所でもカードを表示できます。",
    en: "Add this page to your home screen to show the card even offline.",
  },
  forget: { ja: "この端末からカードを消す", en: "Remove the card from this device" },
  notOffered: {
    ja: "この図書館ではスマホ利用者カードを提供していません。",
    en: "This library does not offer a smartphone card.",
  },
  noCard: {
    ja: "使えるカードがありません。カウンターにお問い合わせください。",
    en: "No card in use. Please ask at a counter.",
  },
  myPage: { ja: "利用者のページ", en: "My page" },
} as const;

const w = (lang: Lang, key: keyof typeof words) => words[key][lang];

/**
 * The smartphone card (document 002: スマートフォンで利用者カードを表示): the card number as an NW-7 barcode the
 * counter scanners read, and as a QR code, on a page that an installed web app keeps for offline use. The
 * service worker keeps only this page (and the style sheet) and forgets it once the patron is signed out.
 */
export function myCardPages() {
  const app = new Hono<AppEnv>();

  app.get("/my/card", requirePatronPage, async (c) => {
    const s = shell(c);
    const lang = s.prefs.lang;
    const slug = c.get("system").slug;
    const ctx = useCaseContext(c);
    const { policy } = await getPolicyInForce(ctx.db, ctx.librarySystemId, japanDate(ctx.now));
    const account = await getMyAccount({ ...ctx, patronId: c.get("patron").patronId });
    c.header("Cache-Control", "no-store");
    const head = (
      <>
        <link rel="manifest" href={`/${slug}/card.webmanifest`} />
        <meta name="theme-color" content="#ffffff" />
        <script src={`/${slug}/card-register.js`} defer />
      </>
    );
    if (!policy.webServices.smartphoneCard || !account.cardNumber) {
      return c.html(
        <Layout shell={s} title={w(lang, "title")}>
          <h1>{w(lang, "title")}</h1>
          <p>{w(lang, policy.webServices.smartphoneCard ? "noCard" : "notOffered")}</p>
        </Layout>,
        404,
      );
    }
    const { start, stop } = policy.registration.cardNumber;
    const barcode = renderCodabarSvg(account.cardNumber, { start, stop, heightMm: 18, includeText: false });
    const qr = bwipjs.toSVG({
      bcid: "qrcode",
      text: account.cardNumber,
      scale: 3,
      paddingwidth: 4,
      paddingheight: 4,
    });
    const system = c.get("system");
    return c.html(
      <Layout shell={s} title={w(lang, "title")} head={head}>
        <p>
          <a href={`/${slug}/my`}>{w(lang, "myPage")}</a>
        </p>
        <h1>{w(lang, "title")}</h1>
        <section class="phone-card" aria-labelledby="phone-card-title">
          <p class="phone-card-library" id="phone-card-title">
            {lang === "ja" ? system.nameJa : system.nameEn} {w(lang, "card")}
          </p>
          <p class="phone-card-name">{account.name}</p>
          <div class="phone-card-barcode" role="img" aria-label={`NW-7 ${account.cardNumber}`}>
            {raw(barcode)}
          </div>
          <p class="phone-card-number">
            <span class="visually-hidden">{w(lang, "cardNumber")} </span>
            {account.cardNumber}
          </p>
          <div class="phone-card-qr" role="img" aria-label={`QR ${account.cardNumber}`}>
            {raw(qr)}
          </div>
          <p class="phone-card-expiry">
            {w(lang, "expiresOn")}: {account.expiresOn}
          </p>
        </section>
        <p>{w(lang, "brightness")}</p>
        <p>{w(lang, "install")}</p>
        <button type="button" id="forget-card" hidden>
          {w(lang, "forget")}
        </button>
      </Layout>,
    );
  });

  app.get("/card.webmanifest", (c) => {
    const system = c.get("system");
    const slug = system.slug;
    const lang = shell(c).prefs.lang;
    c.header("Cache-Control", "public, max-age=3600");
    return c.body(
      JSON.stringify({
        name: `${lang === "ja" ? system.nameJa : system.nameEn} ${w(lang, "card")}`,
        short_name: w(lang, "card"),
        lang,
        start_url: `/${slug}/my/card`,
        scope: `/${slug}/my/card`,
        display: "standalone",
        background_color: "#ffffff",
        theme_color: "#ffffff",
        icons: [{ src: "/assets/card-icon.svg", sizes: "any", type: "image/svg+xml", purpose: "any" }],
      }),
      200,
      { "Content-Type": "application/manifest+json; charset=utf-8" },
    );
  });

  app.get("/card-sw.js", (c) => {
    const slug = c.get("system").slug;
    c.header("Service-Worker-Allowed", `/${slug}/my/`);
    c.header("Cache-Control", "no-cache");
    return c.body(cardServiceWorker(slug), 200, { "Content-Type": "text/javascript; charset=utf-8" });
  });

  app.get("/card-register.js", (c) => {
    const slug = c.get("system").slug;
    c.header("Cache-Control", "no-cache");
    return c.body(cardRegistration(slug), 200, { "Content-Type": "text/javascript; charset=utf-8" });
  });

  return app;
}

/**
 * Network first: a signed-in visit refreshes the kept copy, a visit that is sent to sign-in (an opaque
 * redirect) forgets it, and only without a network is the kept copy shown.
 */
function cardServiceWorker(slug: string): string {
  const cache = JSON.stringify(`shiori-card-${slug}`);
  const card = JSON.stringify(`/${slug}/my/card`);
  return `"use strict";
const CACHE = ${cache};
const CARD = ${card};
const STYLE = "/assets/shiori.css";
self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.add(STYLE)).then(() => self.skipWaiting()));
});
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));
self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== self.location.origin) return;
  if (url.pathname === STYLE) {
    event.respondWith(fetch(event.request).catch(() => caches.match(STYLE)));
    return;
  }
  if (url.pathname !== CARD) return;
  event.respondWith(
    fetch(event.request).then(async (response) => {
      const cache = await caches.open(CACHE);
      if (response.ok && response.type === "basic") await cache.put(CARD, response.clone());
      else if (response.type === "opaqueredirect" || response.redirected) await cache.delete(CARD);
      return response;
    }).catch(async () => (await caches.match(CARD)) || Response.error()),
  );
});
self.addEventListener("message", (event) => {
  if (event.data === "forget") event.waitUntil(caches.delete(CACHE));
});
`;
}

/** Registers the worker for the card page and wires the "remove from this device" button. */
function cardRegistration(slug: string): string {
  const scope = JSON.stringify(`/${slug}/my/card`);
  const worker = JSON.stringify(`/${slug}/card-sw.js`);
  const cache = JSON.stringify(`shiori-card-${slug}`);
  return `"use strict";
if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register(${worker}, { scope: ${scope} }).catch(() => {});
  const button = document.getElementById("forget-card");
  if (button) {
    button.hidden = false;
    button.addEventListener("click", async () => {
      await caches.delete(${cache});
      const registration = await navigator.serviceWorker.getRegistration(${scope});
      if (registration) await registration.unregister();
      button.disabled = true;
    });
  }
}
`;
}
