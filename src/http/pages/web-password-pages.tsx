import type { Context } from "hono";
import { Hono } from "hono";
import { japanDate } from "../../clock.ts";
import { isIsoDate } from "../../domain/calendar/dates.ts";
import { AppError } from "../../domain/errors.ts";
import { confirmEmailChange } from "../../services/my-page/email-address.ts";
import {
  completePasswordReset,
  completeWebPasswordSetup,
  isPasswordResetLinkLive,
  requestPasswordReset,
  startWebPasswordSetup,
} from "../../services/my-page/web-password.ts";
import { getPolicyInForce } from "../../services/policies/get-policy-in-force.ts";
import { type AppEnv, accountMailContext, type Lang } from "../context.ts";
import { describeError } from "../error-messages.ts";
import { csrfCheckedBody, one } from "./circulation-form-data.ts";
import { fill, type Refusal, RefusalNotice, refusalOf } from "./hold-page-parts.tsx";
import { Layout } from "./layout.tsx";
import { passwordRuleHint } from "./password-rule-hint.ts";
import { shell } from "./shell.ts";

/** The words of the password and e-mail pages reached without signing in, Japanese first. */
const words = {
  setupTitle: { ja: "パスワードの設定(はじめての方)", en: "Set your web password" },
  setupIntro: {
    ja: "図書館カードをお持ちの方は、利用者番号と生年月日でパスワードを設定できます。メールアドレスを登録している方には、確認コードをお送りします。",
    en: "Card holders set a password with their card number and birth date. If you registered an e-mail address, we send a confirmation code to it.",
  },
  cardNumber: { ja: "利用者番号(図書館カードの番号)", en: "Card number" },
  birthDate: { ja: "生年月日", en: "Date of birth" },
  next: { ja: "次へ", en: "Next" },
  codeSent: {
    ja: "{email} に6桁の確認コードを送りました(30分間有効)。",
    en: "We sent a six-digit code to {email} (valid for 30 minutes).",
  },
  code: { ja: "確認コード(6桁)", en: "Confirmation code (6 digits)" },
  password: { ja: "新しいパスワード", en: "New password" },
  passwordAgain: { ja: "新しいパスワード(確認)", en: "New password again" },
  passwordsDiffer: { ja: "確認のパスワードが一致しません。", en: "The two passwords differ." },
  setPassword: { ja: "パスワードを設定する", en: "Set password" },
  passwordSet: {
    ja: "パスワードを設定しました。利用者番号と新しいパスワードでログインしてください。",
    en: "Your password is set. Sign in with your card number and the new password.",
  },
  signIn: { ja: "ログインへ", en: "Go to sign-in" },
  forgotTitle: { ja: "パスワードを忘れた方", en: "Forgot your password" },
  forgotIntro: {
    ja: "パスワードをお知らせすることはできません。登録されたメールアドレスに再設定用のリンクをお送りします。メールアドレスを登録していない方は、図書館カードと本人確認書類をお持ちの上、カウンターで再設定してください。",
    en: "We never show a password. We mail a link to set a new one to your registered address. Without a registered address, bring your card and an identity document to a counter.",
  },
  sendLink: { ja: "再設定のリンクを送る", en: "Send the link" },
  linkSent: {
    ja: "この利用者番号にメールアドレスが登録されていれば、再設定のリンクを送りました(60分間有効)。届かない場合はカウンターにお問い合わせください。",
    en: "If this card has a registered address, a link is on its way (valid for 60 minutes). If nothing arrives, ask at a counter.",
  },
  resetTitle: { ja: "新しいパスワードの設定", en: "Set a new password" },
  linkDead: {
    ja: "このリンクは期限切れか、すでに使われています。もう一度お手続きください。",
    en: "This link has expired or was already used. Please ask again.",
  },
  askAgain: { ja: "もう一度リンクを送る", en: "Ask for a new link" },
  verifyTitle: { ja: "メールアドレスの確認", en: "Confirm your e-mail address" },
  verifyIntro: {
    ja: "ボタンを押すと、このメールアドレスが登録されます。",
    en: "Press the button to register this e-mail address.",
  },
  verify: { ja: "このアドレスを登録する", en: "Register this address" },
  verified: {
    ja: "メールアドレス {email} を登録しました。",
    en: "Your e-mail address {email} is registered.",
  },
  myPage: { ja: "利用者のページへ", en: "Go to my page" },
} as const;

const w = (lang: Lang, key: keyof typeof words) => words[key][lang];

/**
 * The pages a patron reaches without signing in: the first password (card number and birth date, then the
 * mailed code), the forgotten password (a mailed link) and the link that confirms a new e-mail address. A link
 * opened with GET only shows a button: mail scanners follow links, and only the patron's press changes anything.
 */
export function webPasswordPages() {
  const app = new Hono<AppEnv>();

  app.get("/password/setup", (c) => setupStartPage(c, {}));

  app.post("/password/setup", async (c) => {
    const body = await csrfCheckedBody(c);
    const cardNumber = one(body, "cardNumber").slice(0, 64).trim();
    const birthDate = one(body, "birthDate").slice(0, 10);
    try {
      if (!isIsoDate(birthDate)) throw new AppError("INVALID_DATE");
      const started = await startWebPasswordSetup({ ...accountMailContext(c), cardNumber, birthDate });
      return setupPasswordPage(c, started, {});
    } catch (error) {
      const refusal = refusalOf(error);
      return setupStartPage(c, { refusal, cardNumber }, describeError(refusal.code).status);
    }
  });

  app.post("/password/setup/complete", async (c) => {
    const body = await csrfCheckedBody(c);
    const setup = {
      setupToken: one(body, "setupToken").slice(0, 128),
      codeSent: one(body, "codeSent") === "1",
      emailHint: one(body, "emailHint").slice(0, 140) || null,
    };
    const password = one(body, "password").slice(0, 257);
    try {
      if (password !== one(body, "passwordAgain").slice(0, 257)) throw new AppError("PASSWORDS_DIFFER");
      await completeWebPasswordSetup({
        ...accountMailContext(c),
        setupToken: setup.setupToken,
        code: one(body, "code").slice(0, 16),
        password,
      });
      return donePage(c, w(shell(c).prefs.lang, "passwordSet"), "login");
    } catch (error) {
      const refusal = refusalOf(error);
      if (refusal.code === "WEB_TOKEN_INVALID") {
        return setupStartPage(c, { refusal }, describeError(refusal.code).status);
      }
      return setupPasswordPage(c, setup, { refusal }, describeError(refusal.code).status);
    }
  });

  app.get("/password/forgot", (c) => forgotPage(c, {}));

  app.post("/password/forgot", async (c) => {
    const body = await csrfCheckedBody(c);
    await requestPasswordReset({
      ...accountMailContext(c),
      cardNumber: one(body, "cardNumber").slice(0, 64),
    });
    return forgotPage(c, { sent: true });
  });

  app.get("/password/reset", async (c) => {
    const token = (c.req.query("token") ?? "").slice(0, 128);
    const live = token.length >= 16 && (await isPasswordResetLinkLive({ ...accountMailContext(c), token }));
    return resetPage(c, { token, live }, live ? 200 : 410);
  });

  app.post("/password/reset", async (c) => {
    const body = await csrfCheckedBody(c);
    const token = one(body, "token").slice(0, 128);
    const password = one(body, "password").slice(0, 257);
    try {
      if (password !== one(body, "passwordAgain").slice(0, 257)) throw new AppError("PASSWORDS_DIFFER");
      await completePasswordReset({ ...accountMailContext(c), token, password });
      return donePage(c, w(shell(c).prefs.lang, "passwordSet"), "login");
    } catch (error) {
      const refusal = refusalOf(error);
      const live = refusal.code !== "WEB_TOKEN_INVALID";
      return resetPage(c, { token, live, refusal }, describeError(refusal.code).status);
    }
  });

  app.get("/email/verify", (c) => {
    const s = shell(c);
    const lang = s.prefs.lang;
    const token = (c.req.query("token") ?? "").slice(0, 128);
    c.header("Cache-Control", "no-store");
    c.header("Referrer-Policy", "no-referrer");
    return c.html(
      <Layout shell={s} title={w(lang, "verifyTitle")}>
        <h1>{w(lang, "verifyTitle")}</h1>
        <p>{w(lang, "verifyIntro")}</p>
        <form method="post" action={`/${c.get("system").slug}/email/verify`}>
          <input type="hidden" name="_csrf" value={s.csrf} />
          <input type="hidden" name="token" value={token} />
          <button type="submit">{w(lang, "verify")}</button>
        </form>
      </Layout>,
    );
  });

  app.post("/email/verify", async (c) => {
    const body = await csrfCheckedBody(c);
    const lang = shell(c).prefs.lang;
    try {
      const { email } = await confirmEmailChange({
        ...accountMailContext(c),
        token: one(body, "token").slice(0, 128),
      });
      return donePage(c, fill(w(lang, "verified"), { email }), "my");
    } catch (error) {
      const refusal = refusalOf(error);
      return donePage(c, describeError(refusal.code)[lang], "my", describeError(refusal.code).status);
    }
  });

  return app;
}

async function passwordRuleText(c: Context<AppEnv>, lang: Lang): Promise<{ text: string; min: number }> {
  const deps = c.get("deps");
  const { policy } = await getPolicyInForce(
    deps.database.db,
    c.get("system").id,
    japanDate(deps.clock.now()),
  );
  const rule = policy.webServices.password;
  return { text: passwordRuleHint(lang, rule), min: rule.minLength };
}

function setupStartPage(c: Context<AppEnv>, state: { refusal?: Refusal; cardNumber?: string }, status = 200) {
  const s = shell(c);
  const lang = s.prefs.lang;
  c.header("Cache-Control", "no-store");
  return c.html(
    <Layout shell={s} title={w(lang, "setupTitle")}>
      <h1>{w(lang, "setupTitle")}</h1>
      <p>{w(lang, "setupIntro")}</p>
      {state.refusal && <RefusalNotice lang={lang} refusal={state.refusal} id="setup-refusal" />}
      <form method="post" action={`/${c.get("system").slug}/password/setup`} class="stacked-form">
        <input type="hidden" name="_csrf" value={s.csrf} />
        <CardNumberField lang={lang} value={state.cardNumber} />
        <label for="birthDate">{w(lang, "birthDate")}</label>
        <input id="birthDate" name="birthDate" type="date" autocomplete="bday" required />
        <button type="submit">{w(lang, "next")}</button>
      </form>
    </Layout>,
    status as 200,
  );
}

async function setupPasswordPage(
  c: Context<AppEnv>,
  setup: { setupToken: string; codeSent: boolean; emailHint: string | null },
  state: { refusal?: Refusal },
  status = 200,
) {
  const s = shell(c);
  const lang = s.prefs.lang;
  const rule = await passwordRuleText(c, lang);
  c.header("Cache-Control", "no-store");
  return c.html(
    <Layout shell={s} title={w(lang, "setupTitle")}>
      <h1>{w(lang, "setupTitle")}</h1>
      {setup.codeSent && <p role="status">{fill(w(lang, "codeSent"), { email: setup.emailHint ?? "" })}</p>}
      {state.refusal && <PasswordRefusal lang={lang} refusal={state.refusal} />}
      <form method="post" action={`/${c.get("system").slug}/password/setup/complete`} class="stacked-form">
        <input type="hidden" name="_csrf" value={s.csrf} />
        <input type="hidden" name="setupToken" value={setup.setupToken} />
        <input type="hidden" name="codeSent" value={setup.codeSent ? "1" : "0"} />
        <input type="hidden" name="emailHint" value={setup.emailHint ?? ""} />
        {setup.codeSent && (
          <>
            <label for="code">{w(lang, "code")}</label>
            <input
              id="code"
              name="code"
              inputmode="numeric"
              autocomplete="one-time-code"
              pattern="[0-9]{6}"
              maxlength={6}
              required
            />
          </>
        )}
        <NewPasswordFields lang={lang} rule={rule} />
        <button type="submit">{w(lang, "setPassword")}</button>
      </form>
    </Layout>,
    status as 200,
  );
}

function CardNumberField(props: { lang: Lang; value?: string }) {
  return (
    <>
      <label for="cardNumber">{w(props.lang, "cardNumber")}</label>
      <input
        id="cardNumber"
        name="cardNumber"
        inputmode="numeric"
        autocomplete="username"
        required
        maxlength={64}
        value={props.value ?? ""}
      />
    </>
  );
}

function NewPasswordFields(props: { lang: Lang; rule: { text: string; min: number } }) {
  const { lang, rule } = props;
  return (
    <>
      <label for="password">{w(lang, "password")}</label>
      <input
        id="password"
        name="password"
        type="password"
        autocomplete="new-password"
        required
        minlength={rule.min}
        maxlength={256}
        aria-describedby="password-rule"
      />
      <p class="field-hint" id="password-rule">
        {rule.text}
      </p>
      <label for="passwordAgain">{w(lang, "passwordAgain")}</label>
      <input
        id="passwordAgain"
        name="passwordAgain"
        type="password"
        autocomplete="new-password"
        required
        minlength={rule.min}
        maxlength={256}
      />
    </>
  );
}

/** The mismatch of the two password fields is the page's own check; every other refusal is the API's code. */
function PasswordRefusal(props: { lang: Lang; refusal: Refusal }) {
  if (props.refusal.code === "PASSWORDS_DIFFER") {
    return (
      <div class="notice notice-danger" role="alert">
        <p>{w(props.lang, "passwordsDiffer")}</p>
      </div>
    );
  }
  return <RefusalNotice lang={props.lang} refusal={props.refusal} id="password-refusal" />;
}

function forgotPage(c: Context<AppEnv>, state: { sent?: boolean }) {
  const s = shell(c);
  const lang = s.prefs.lang;
  c.header("Cache-Control", "no-store");
  return c.html(
    <Layout shell={s} title={w(lang, "forgotTitle")}>
      <h1>{w(lang, "forgotTitle")}</h1>
      <p>{w(lang, "forgotIntro")}</p>
      <div role="status">{state.sent && <p class="notice notice-ok">{w(lang, "linkSent")}</p>}</div>
      <form method="post" action={`/${c.get("system").slug}/password/forgot`} class="stacked-form">
        <input type="hidden" name="_csrf" value={s.csrf} />
        <CardNumberField lang={lang} />
        <button type="submit">{w(lang, "sendLink")}</button>
      </form>
    </Layout>,
  );
}

async function resetPage(
  c: Context<AppEnv>,
  state: { token: string; live: boolean; refusal?: Refusal },
  status = 200,
) {
  const s = shell(c);
  const lang = s.prefs.lang;
  const slug = c.get("system").slug;
  const rule = await passwordRuleText(c, lang);
  c.header("Cache-Control", "no-store");
  // The key is in the address: never hand it to another site as a referrer.
  c.header("Referrer-Policy", "no-referrer");
  return c.html(
    <Layout shell={s} title={w(lang, "resetTitle")}>
      <h1>{w(lang, "resetTitle")}</h1>
      {!state.live ? (
        <>
          <div class="notice notice-danger" role="alert">
            <p>{w(lang, "linkDead")}</p>
          </div>
          <p>
            <a href={`/${slug}/password/forgot`}>{w(lang, "askAgain")}</a>
          </p>
        </>
      ) : (
        <>
          {state.refusal && <PasswordRefusal lang={lang} refusal={state.refusal} />}
          <form method="post" action={`/${slug}/password/reset`} class="stacked-form">
            <input type="hidden" name="_csrf" value={s.csrf} />
            <input type="hidden" name="token" value={state.token} />
            <NewPasswordFields lang={lang} rule={rule} />
            <button type="submit">{w(lang, "setPassword")}</button>
          </form>
        </>
      )}
    </Layout>,
    status as 200,
  );
}

function donePage(c: Context<AppEnv>, message: string, next: "login" | "my", status = 200) {
  const s = shell(c);
  const lang = s.prefs.lang;
  const ok = status < 400;
  return c.html(
    <Layout shell={s} title={message}>
      <div class={ok ? "notice notice-ok" : "notice notice-danger"} role={ok ? "status" : "alert"}>
        <p>{message}</p>
      </div>
      <p>
        <a href={`/${c.get("system").slug}/${next === "login" ? "login" : "my"}`}>
          {w(lang, next === "login" ? "signIn" : "myPage")}
        </a>
      </p>
    </Layout>,
    status as 200,
  );
}
