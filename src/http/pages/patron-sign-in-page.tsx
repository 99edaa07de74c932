import type { Context } from "hono";
import { Hono } from "hono";
import { isAppError } from "../../domain/errors.ts";
import { signInPatron } from "../../services/patron-auth/sign-in-patron.ts";
import { signOutPatron } from "../../services/patron-auth/sign-out-patron.ts";
import type { AppEnv, Lang } from "../context.ts";
import { describeError } from "../error-messages.ts";
import { verifyCsrf } from "./csrf.ts";
import { t } from "./i18n.ts";
import { Layout, type PageShell } from "./layout.tsx";
import { clearPatronCookie, currentPatron, safeNextPath, setPatronCookie } from "./patron-session.ts";
import { shell } from "./shell.ts";

/** The patron sign-in's own wording, Japanese first. */
const words = {
  patronSignIn: { ja: "利用者ログイン", en: "Patron sign-in" },
  intro: {
    ja: "図書館カードの番号と、Web サービス用のパスワードを入力してください。",
    en: "Enter your library card number and your web services password.",
  },
  cardNumber: { ja: "図書館カードの番号", en: "Library card number" },
  cardNumberHint: {
    ja: "カードのバーコードの下に書かれている番号です。",
    en: "The number printed under the barcode of your card.",
  },
  noPassword: { ja: "はじめての方(パスワードの設定)", en: "First time here? Set a password" },
  forgotPassword: { ja: "パスワードを忘れた方", en: "Forgot your password?" },
  // The API's INVALID_CREDENTIALS speaks of a user name; a patron types a card number.
  invalidCredentials: {
    ja: "図書館カードの番号またはパスワードが違います。",
    en: "The card number or password is incorrect.",
  },
} as const;

const w = (lang: Lang, key: keyof typeof words) => words[key][lang];

// Longer input is no card number or password; refused before any hashing.
const maxCardNumberLength = 64;
const maxPasswordLength = 256;

/**
 * The patron's sign-in (/{system}/login), sign-out (/{system}/logout) and the start of their own page
 * (/{system}/my). The session is a cookie apart from the staff one; every form carries the CSRF token.
 */
export function patronSignInPages() {
  const app = new Hono<AppEnv>();

  app.get("/login", async (c) => {
    const slug = c.get("system").slug;
    const next = safeNextPath(slug, c.req.query("next"));
    if (await currentPatron(c)) return c.redirect(next ?? `/${slug}/my`, 303);
    return c.html(signInPage(c, shell(c), { next }));
  });

  app.post("/login", async (c) => {
    const form = await csrfCheckedForm(c);
    const deps = c.get("deps");
    const slug = c.get("system").slug;
    const cardNumber = typeof form.cardNumber === "string" ? form.cardNumber : "";
    const password = typeof form.password === "string" ? form.password : "";
    const next = safeNextPath(slug, form.next);
    try {
      if (cardNumber.length > maxCardNumberLength || password.length > maxPasswordLength) {
        return refused(c, "INVALID_CREDENTIALS", "", next);
      }
      const session = await signInPatron({
        db: deps.database.db,
        librarySystemId: c.get("system").id,
        cardNumber,
        password,
        kind: "cookie",
        now: deps.clock.now(),
      });
      setPatronCookie(c, slug, session.token, session.expiresAt);
      return c.redirect(next ?? `/${slug}/my`, 303);
    } catch (error) {
      if (!isAppError(error)) throw error;
      return refused(c, error.code, cardNumber, next);
    }
  });

  app.post("/logout", async (c) => {
    await csrfCheckedForm(c);
    const deps = c.get("deps");
    const patron = await currentPatron(c);
    if (patron) await signOutPatron(deps.database.db, patron, deps.clock.now());
    clearPatronCookie(c, c.get("system").slug);
    return c.redirect(`/${c.get("system").slug}/login`, 303);
  });

  return app;
}

async function csrfCheckedForm(c: Context<AppEnv>): Promise<Record<string, unknown>> {
  const body = await c.req.parseBody();
  verifyCsrf(c, body._csrf);
  return body;
}

/** The form again with the refusal above it; the card number is kept, the password never is. */
function refused(c: Context<AppEnv>, code: string, cardNumber: string, next: string | undefined) {
  const s = shell(c);
  const lang = s.prefs.lang;
  const described = describeError(code);
  const message = code === "INVALID_CREDENTIALS" ? w(lang, "invalidCredentials") : described[lang];
  if (described.status === 429) c.header("Retry-After", String(15 * 60));
  return c.html(signInPage(c, s, { error: message, cardNumber, next }), described.status as 401);
}

function signInPage(
  c: Context<AppEnv>,
  s: PageShell,
  state: { error?: string; cardNumber?: string; next?: string },
) {
  const lang = s.prefs.lang;
  const slug = c.get("system").slug;
  const invalid = state.error ? "true" : undefined;
  return (
    <Layout shell={s} title={w(lang, "patronSignIn")}>
      <h1>{w(lang, "patronSignIn")}</h1>
      <p>{w(lang, "intro")}</p>
      {state.error && (
        <p class="error" role="alert" id="sign-in-error">
          {state.error}
        </p>
      )}
      <form method="post" action={`/${slug}/login`} class="stacked-form">
        <input type="hidden" name="_csrf" value={s.csrf} />
        {state.next && <input type="hidden" name="next" value={state.next} />}
        <label for="cardNumber">{w(lang, "cardNumber")}</label>
        <input
          id="cardNumber"
          name="cardNumber"
          autocomplete="username"
          autocapitalize="off"
          spellcheck={false}
          required
          maxlength={maxCardNumberLength}
          value={state.cardNumber ?? ""}
          aria-invalid={invalid}
          aria-describedby={state.error ? "cardNumber-hint sign-in-error" : "cardNumber-hint"}
        />
        <p class="field-hint" id="cardNumber-hint">
          {w(lang, "cardNumberHint")}
        </p>
        <label for="password">{t(lang, "password")}</label>
        <input
          id="password"
          name="password"
          type="password"
          autocomplete="current-password"
          required
          maxlength={maxPasswordLength}
          aria-invalid={invalid}
          aria-describedby={state.error ? "sign-in-error" : undefined}
        />
        <button type="submit">{t(lang, "signIn")}</button>
      </form>
      <ul class="action-links">
        <li>
          <a href={`/${slug}/password/setup`}>{w(lang, "noPassword")}</a>
        </li>
        <li>
          <a href={`/${slug}/password/forgot`}>{w(lang, "forgotPassword")}</a>
        </li>
      </ul>
    </Layout>
  );
}
