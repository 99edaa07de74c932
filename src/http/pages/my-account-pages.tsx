import type { Context } from "hono";
import { Hono } from "hono";
import { japanDate } from "../../clock.ts";
import { withTenant } from "../../db/tenant.ts";
import type { LoanView } from "../../services/circulation/list-loans.ts";
import { listPatronHolds } from "../../services/holds/hold-view.ts";
import { requestEmailChange } from "../../services/my-page/email-address.ts";
import { getMyAccount, type MyAccountView } from "../../services/my-page/my-account.ts";
import { listMyLoans, renewAllMyLoans, renewMyLoan } from "../../services/my-page/my-loans.ts";
import { changeWebPassword } from "../../services/my-page/web-password.ts";
import { signOutPatronEverywhere } from "../../services/patron-auth/sign-out-patron.ts";
import { getPolicyInForce } from "../../services/policies/get-policy-in-force.ts";
import { type AppEnv, accountMailContext, type Lang, useCaseContext } from "../context.ts";
import { describeError } from "../error-messages.ts";
import { csrfCheckedBody, one } from "./circulation-form-data.ts";
import { fill, type Refusal, RefusalNotice, refusalOf } from "./hold-page-parts.tsx";
import { t } from "./i18n.ts";
import { Layout } from "./layout.tsx";
import { passwordRuleHint } from "./password-rule-hint.ts";
import { clearPatronCookie, requirePatronPage } from "./patron-session.ts";
import { shell } from "./shell.ts";

/** The words of the patron's page, its loans and account, Japanese first. */
const words = {
  myPage: { ja: "利用者のページ", en: "My page" },
  welcome: { ja: "{name} さんのページです。", en: "Welcome, {name}." },
  myLoans: { ja: "借りている資料", en: "My loans" },
  myHolds: { ja: "予約の状況", en: "My reservations" },
  myAccount: { ja: "登録情報・パスワード・メール", en: "Registration, password, e-mail" },
  myCard: { ja: "スマホ利用者カード", en: "Smartphone card" },
  myLinks: { ja: "LINE・ICカード連携", en: "LINE and IC card links" },
  myTerminals: { ja: "インターネット端末の予約", en: "Internet terminal bookings" },
  myLists: { ja: "お気に入り・My本棚", en: "Favourites and My bookshelf" },
  myHistory: { ja: "貸出履歴", en: "Loan history" },
  myReading: { ja: "読書記録", en: "Reading record" },
  myAlerts: { ja: "新着資料お知らせメール", en: "New-arrival mail" },
  loansSummary: { ja: "{n} 冊を借りています。", en: "{n} items on loan." },
  overdueSummary: { ja: "うち {n} 冊は返却期限を過ぎています。", en: "{n} of them are overdue." },
  readySummary: { ja: "受取可能な予約が {n} 件あります。", en: "{n} reservations are ready to collect." },
  holdsSummary: { ja: "予約 {n} 件", en: "{n} reservations" },
  noLoans: { ja: "借りている資料はありません。", en: "You have nothing on loan." },
  dueDate: { ja: "返却期限", en: "Due" },
  loanedOn: { ja: "貸出日", en: "Borrowed" },
  renewals: { ja: "延長回数", en: "Renewals" },
  renewable: { ja: "延長できます", en: "Renewable" },
  cannotRenew: { ja: "延長できません", en: "Cannot renew" },
  limitReached: { ja: "延長回数の上限に達しています", en: "Renewal limit reached" },
  overdue: { ja: "延滞", en: "Overdue" },
  renew: { ja: "延長する", en: "Renew" },
  renewAll: { ja: "延長できる資料をまとめて延長する", en: "Renew everything that can be renewed" },
  renewed: {
    ja: "「{title}」を延長しました。新しい返却期限は {date} です。",
    en: "Renewed “{title}”: now due {date}.",
  },
  renewedAll: { ja: "{n} 冊を延長しました。", en: "Renewed {n} items." },
  notRenewedAll: { ja: "延長できなかった資料: {n} 冊", en: "Not renewed: {n} items" },
  registration: { ja: "登録情報", en: "Registration" },
  cardNumber: { ja: "利用者番号", en: "Card number" },
  expiresOn: { ja: "有効期限", en: "Valid until" },
  adviceValid: {
    ja: "{date} から更新の手続きができます。更新は図書館のカウンターで、利用者カードと住所の確認できる書類をお持ちください。",
    en: "You can renew your registration from {date}, at a library counter with your card and a document showing your address.",
  },
  adviceRenewNow: {
    ja: "有効期限が近づいています。図書館のカウンターで更新の手続きをしてください。",
    en: "Your registration expires soon. Please renew it at a library counter.",
  },
  adviceExpired: {
    ja: "有効期限が過ぎています。貸出・予約の前に、カウンターで更新の手続きをしてください。",
    en: "Your registration has expired. Renew it at a counter before borrowing or reserving.",
  },
  adviceOnline: { ja: "オンラインでも更新できます。", en: "You can also renew online." },
  email: { ja: "メールアドレス", en: "E-mail address" },
  noEmail: { ja: "登録されていません", en: "None registered" },
  pendingEmail: {
    ja: "{email} に確認メールを送りました。メールのリンクを開くと変更が完了します。",
    en: "We sent a confirmation mail to {email}. The change is complete once you open its link.",
  },
  newEmail: { ja: "新しいメールアドレス", en: "New e-mail address" },
  sendConfirmation: { ja: "確認メールを送る", en: "Send a confirmation mail" },
  spamAdvice: {
    ja: "図書館からのメールは {from} から届きます。迷惑メール対策をしている方は、このアドレスからのメールを受信できるよう設定してください。",
    en: "Mail from the library comes from {from}. If you filter spam, allow mail from this address.",
  },
  emailSent: { ja: "確認メールを送りました。", en: "A confirmation mail is on its way." },
  password: { ja: "パスワードの変更", en: "Change password" },
  currentPassword: { ja: "現在のパスワード", en: "Current password" },
  newPassword: { ja: "新しいパスワード", en: "New password" },
  changePassword: { ja: "パスワードを変更する", en: "Change password" },
  passwordChanged: {
    ja: "パスワードを変更しました。ほかの端末ではログアウトされました。",
    en: "Password changed. You were signed out on your other devices.",
  },
  signOutEverywhere: { ja: "すべての端末からログアウト", en: "Sign out on every device" },
  signOutEverywhereHint: {
    ja: "スマートフォンをなくしたときや、共用のパソコンでログアウトし忘れたときに。",
    en: "If you lost a phone or forgot to sign out on a shared computer.",
  },
} as const;

const w = (lang: Lang, key: keyof typeof words) => words[key][lang];

/** The patron's page: the overview (/my), my loans with renewal, my account (registration, e-mail, password). */
export function myAccountPages() {
  const app = new Hono<AppEnv>();
  app.use("/my", requirePatronPage);
  app.use("/my/*", requirePatronPage);

  app.get("/my", async (c) => {
    const s = shell(c);
    const lang = s.prefs.lang;
    const slug = c.get("system").slug;
    const patronId = c.get("patron").patronId;
    const ctx = { ...useCaseContext(c), patronId };
    const [account, loans, holds] = await Promise.all([
      getMyAccount(ctx),
      listMyLoans(ctx),
      withTenant(ctx.db, ctx.librarySystemId, (tx) => listPatronHolds(tx, patronId, "active")),
    ]);
    const overdue = loans.filter((l) => l.overdue).length;
    const ready = holds.filter((h) => h.status === "ready").length;
    const offered = account.services;
    const links: { href: string; label: string; summary?: string }[] = [
      {
        href: "my/loans",
        label: w(lang, "myLoans"),
        summary: fill(w(lang, "loansSummary"), { n: loans.length }),
      },
      {
        href: "my/holds",
        label: w(lang, "myHolds"),
        summary: fill(w(lang, "holdsSummary"), { n: holds.length }),
      },
      ...(offered.smartphoneCard ? [{ href: "my/card", label: w(lang, "myCard") }] : []),
      ...(offered.favourites || offered.myBookshelf || offered.readLaterList
        ? [{ href: "my/lists", label: w(lang, "myLists") }]
        : []),
      ...(offered.loanHistory ? [{ href: "my/history", label: w(lang, "myHistory") }] : []),
      ...(offered.readingRecord ? [{ href: "my/reading", label: w(lang, "myReading") }] : []),
      ...(offered.newArrivalMail ? [{ href: "my/alerts", label: w(lang, "myAlerts") }] : []),
      ...(offered.credentialLinks ? [{ href: "my/links", label: w(lang, "myLinks") }] : []),
      ...(offered.internetTerminals ? [{ href: "my/terminals", label: w(lang, "myTerminals") }] : []),
      { href: "my/account", label: w(lang, "myAccount") },
    ];
    c.header("Cache-Control", "no-store");
    return c.html(
      <Layout shell={s} title={w(lang, "myPage")}>
        <h1>{w(lang, "myPage")}</h1>
        <p>{fill(w(lang, "welcome"), { name: account.name })}</p>
        <div class="my-summary">
          {overdue > 0 && (
            <p class="notice notice-danger">{fill(w(lang, "overdueSummary"), { n: overdue })}</p>
          )}
          {ready > 0 && <p class="notice notice-ok">{fill(w(lang, "readySummary"), { n: ready })}</p>}
          <RegistrationAdvice lang={lang} account={account} />
        </div>
        <nav aria-label={w(lang, "myPage")}>
          <ul class="my-menu">
            {links.map((l) => (
              <li>
                <a href={`/${slug}/${l.href}`}>
                  <span class="my-menu-label">{l.label}</span>
                  {l.summary && <span class="my-menu-summary">{l.summary}</span>}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <form method="post" action={`/${slug}/logout`}>
          <input type="hidden" name="_csrf" value={s.csrf} />
          <button type="submit">{t(lang, "signOut")}</button>
        </form>
      </Layout>,
    );
  });

  // ---- My loans ----

  app.get("/my/loans", (c) => myLoansPage(c, {}));

  app.post("/my/loans/:id{[0-9]+}/renew", async (c) => {
    await csrfCheckedBody(c);
    const loanId = Number(c.req.param("id"));
    try {
      const renewed = await renewMyLoan({ ...useCaseContext(c), patronId: c.get("patron").patronId, loanId });
      return c.redirect(`/${c.get("system").slug}/my/loans?renewed=${renewed.id}`, 303);
    } catch (error) {
      const refusal = refusalOf(error);
      return myLoansPage(c, { refusal }, describeError(refusal.code).status);
    }
  });

  app.post("/my/loans/renew-all", async (c) => {
    await csrfCheckedBody(c);
    const outcome = await renewAllMyLoans({ ...useCaseContext(c), patronId: c.get("patron").patronId });
    return myLoansPage(c, { renewedAll: outcome });
  });

  // ---- My account ----

  app.get("/my/account", (c) => myAccountPage(c, {}));

  app.post("/my/account/email", async (c) => {
    const body = await csrfCheckedBody(c);
    try {
      await requestEmailChange({
        ...accountMailContext(c),
        patronId: c.get("patron").patronId,
        email: one(body, "email").slice(0, 256),
      });
      return c.redirect(`/${c.get("system").slug}/my/account?emailSent=1`, 303);
    } catch (error) {
      const refusal = refusalOf(error);
      return myAccountPage(c, { emailRefusal: refusal }, describeError(refusal.code).status);
    }
  });

  app.post("/my/account/password", async (c) => {
    const body = await csrfCheckedBody(c);
    const patron = c.get("patron");
    try {
      await changeWebPassword({
        ...accountMailContext(c),
        patronId: patron.patronId,
        sessionId: patron.sessionId,
        currentPassword: one(body, "currentPassword").slice(0, 256),
        newPassword: one(body, "newPassword").slice(0, 257),
      });
      return c.redirect(`/${c.get("system").slug}/my/account?passwordChanged=1`, 303);
    } catch (error) {
      const refusal = refusalOf(error);
      return myAccountPage(c, { passwordRefusal: refusal }, describeError(refusal.code).status);
    }
  });

  app.post("/my/account/sign-out-everywhere", async (c) => {
    await csrfCheckedBody(c);
    const deps = c.get("deps");
    await signOutPatronEverywhere(deps.database.db, c.get("patron"), deps.clock.now());
    clearPatronCookie(c, c.get("system").slug);
    return c.redirect(`/${c.get("system").slug}/login`, 303);
  });

  return app;
}

function RegistrationAdvice(props: { lang: Lang; account: MyAccountView }) {
  const { lang, account } = props;
  const { advice } = account;
  const online = advice.kind !== "valid" && advice.online ? ` ${w(lang, "adviceOnline")}` : "";
  if (advice.kind === "expired") {
    return <p class="notice notice-danger">{w(lang, "adviceExpired") + online}</p>;
  }
  if (advice.kind === "renewNow") {
    return <p class="notice notice-warning">{w(lang, "adviceRenewNow") + online}</p>;
  }
  return null;
}

async function myLoansPage(
  c: Context<AppEnv>,
  state: { refusal?: Refusal; renewedAll?: Awaited<ReturnType<typeof renewAllMyLoans>> },
  status = 200,
) {
  const s = shell(c);
  const lang = s.prefs.lang;
  const slug = c.get("system").slug;
  const loans = await listMyLoans({ ...useCaseContext(c), patronId: c.get("patron").patronId });
  const renewedId = Number(c.req.query("renewed"));
  const renewedLoan = loans.find((l) => l.id === renewedId);
  const anyRenewable = loans.some((l) => l.renewable);
  c.header("Cache-Control", "no-store");
  return c.html(
    <Layout shell={s} title={w(lang, "myLoans")}>
      <p>
        <a href={`/${slug}/my`}>{w(lang, "myPage")}</a>
      </p>
      <h1>{w(lang, "myLoans")}</h1>
      <div role="status">
        {renewedLoan && (
          <div class="notice notice-ok">
            <p>{fill(w(lang, "renewed"), { title: renewedLoan.item.title, date: renewedLoan.dueDate })}</p>
          </div>
        )}
        {state.renewedAll && (
          <div class="notice notice-ok">
            <p>{fill(w(lang, "renewedAll"), { n: state.renewedAll.renewed.length })}</p>
            {state.renewedAll.notRenewed.length > 0 && (
              <p>{fill(w(lang, "notRenewedAll"), { n: state.renewedAll.notRenewed.length })}</p>
            )}
          </div>
        )}
      </div>
      {state.refusal && <RefusalNotice lang={lang} refusal={state.refusal} id="loans-refusal" />}
      {loans.length === 0 ? (
        <p>{w(lang, "noLoans")}</p>
      ) : (
        <>
          {anyRenewable && (
            <form method="post" action={`/${slug}/my/loans/renew-all`} class="inline-form">
              <input type="hidden" name="_csrf" value={s.csrf} />
              <button type="submit">{w(lang, "renewAll")}</button>
            </form>
          )}
          <ol class="results my-loans" id="my-loans">
            {loans.map((loan) => (
              <LoanEntry lang={lang} slug={slug} csrf={s.csrf} loan={loan} />
            ))}
          </ol>
        </>
      )}
    </Layout>,
    status as 200,
  );
}

function LoanEntry(props: { lang: Lang; slug: string; csrf: string; loan: LoanView }) {
  const { lang, slug, loan } = props;
  const limit = loan.renewalRefusals.some((r) => r.code === "RENEWAL_LIMIT_REACHED");
  const reasons = loan.renewalRefusals.filter((r) => r.code !== "RENEWAL_LIMIT_REACHED");
  const headingId = `loan-${loan.id}-title`;
  return (
    <li class="result" aria-labelledby={headingId}>
      <h2 class="result-title" id={headingId}>
        <a href={`/${slug}/records/${loan.item.recordId}`}>{loan.item.title}</a>
      </h2>
      <dl class="facts">
        <dt>{w(lang, "dueDate")}</dt>
        <dd>
          <strong>{loan.dueDate}</strong>{" "}
          {loan.overdue && <span class="badge badge-overdue">{w(lang, "overdue")}</span>}
        </dd>
        <dt>{w(lang, "loanedOn")}</dt>
        <dd>{loan.loanedOn}</dd>
        <dt>{w(lang, "renewals")}</dt>
        <dd>{loan.renewals}</dd>
      </dl>
      {loan.renewable ? (
        <form method="post" action={`/${slug}/my/loans/${loan.id}/renew`} class="inline-form">
          <input type="hidden" name="_csrf" value={props.csrf} />
          <span class="badge badge-ok">{w(lang, "renewable")}</span>{" "}
          <button type="submit" aria-describedby={headingId}>
            {w(lang, "renew")}
          </button>
        </form>
      ) : limit && reasons.length === 0 ? (
        <p class="renewal-state">
          <span class="badge">{w(lang, "limitReached")}</span>
        </p>
      ) : (
        <p class="renewal-state">
          <span class="badge">{w(lang, "cannotRenew")}</span>{" "}
          {reasons.map((r) => describeError(r.code)[lang]).join(" ")}
        </p>
      )}
    </li>
  );
}

async function myAccountPage(
  c: Context<AppEnv>,
  state: { emailRefusal?: Refusal; passwordRefusal?: Refusal },
  status = 200,
) {
  const s = shell(c);
  const lang = s.prefs.lang;
  const slug = c.get("system").slug;
  const deps = c.get("deps");
  const account = await getMyAccount({ ...useCaseContext(c), patronId: c.get("patron").patronId });
  const { policy } = await getPolicyInForce(
    deps.database.db,
    c.get("system").id,
    japanDate(deps.clock.now()),
  );
  const rule = policy.webServices.password;
  const ruleText = passwordRuleHint(lang, rule);
  const notice = c.req.query("passwordChanged")
    ? w(lang, "passwordChanged")
    : c.req.query("emailSent")
      ? w(lang, "emailSent")
      : null;
  c.header("Cache-Control", "no-store");
  return c.html(
    <Layout shell={s} title={w(lang, "myAccount")}>
      <p>
        <a href={`/${slug}/my`}>{w(lang, "myPage")}</a>
      </p>
      <h1>{w(lang, "myAccount")}</h1>
      <div role="status">{notice && <p class="notice notice-ok">{notice}</p>}</div>

      <section aria-labelledby="registration-heading">
        <h2 id="registration-heading">{w(lang, "registration")}</h2>
        <dl class="facts">
          <dt>{w(lang, "cardNumber")}</dt>
          <dd class="card-number">{account.cardNumber ?? "—"}</dd>
          <dt>{w(lang, "expiresOn")}</dt>
          <dd>{account.expiresOn}</dd>
        </dl>
        {account.advice.kind === "valid" ? (
          <p>{fill(w(lang, "adviceValid"), { date: account.advice.renewableFrom })}</p>
        ) : (
          <RegistrationAdvice lang={lang} account={account} />
        )}
      </section>

      <section aria-labelledby="email-heading">
        <h2 id="email-heading">{w(lang, "email")}</h2>
        <p>{account.email ?? w(lang, "noEmail")}</p>
        {account.pendingEmail && <p>{fill(w(lang, "pendingEmail"), { email: account.pendingEmail })}</p>}
        {state.emailRefusal && <RefusalNotice lang={lang} refusal={state.emailRefusal} id="email-refusal" />}
        <form method="post" action={`/${slug}/my/account/email`} class="stacked-form">
          <input type="hidden" name="_csrf" value={s.csrf} />
          <label for="email">{w(lang, "newEmail")}</label>
          <input
            id="email"
            name="email"
            type="email"
            autocomplete="email"
            maxlength={128}
            required
            aria-describedby="spam-advice"
            aria-invalid={state.emailRefusal ? "true" : undefined}
          />
          <p class="field-hint" id="spam-advice">
            {fill(w(lang, "spamAdvice"), { from: deps.config.mailFrom })}
          </p>
          <button type="submit">{w(lang, "sendConfirmation")}</button>
        </form>
      </section>

      <section aria-labelledby="password-heading">
        <h2 id="password-heading">{w(lang, "password")}</h2>
        {state.passwordRefusal && (
          <RefusalNotice lang={lang} refusal={state.passwordRefusal} id="password-refusal" />
        )}
        <form method="post" action={`/${slug}/my/account/password`} class="stacked-form">
          <input type="hidden" name="_csrf" value={s.csrf} />
          <label for="currentPassword">{w(lang, "currentPassword")}</label>
          <input
            id="currentPassword"
            name="currentPassword"
            type="password"
            autocomplete="current-password"
            required
            maxlength={256}
          />
          <label for="newPassword">{w(lang, "newPassword")}</label>
          <input
            id="newPassword"
            name="newPassword"
            type="password"
            autocomplete="new-password"
            required
            minlength={rule.minLength}
            maxlength={256}
            aria-describedby="password-rule"
          />
          <p class="field-hint" id="password-rule">
            {ruleText}
          </p>
          <button type="submit">{w(lang, "changePassword")}</button>
        </form>
      </section>

      <section aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">{w(lang, "signOutEverywhere")}</h2>
        <p>{w(lang, "signOutEverywhereHint")}</p>
        <form method="post" action={`/${slug}/my/account/sign-out-everywhere`}>
          <input type="hidden" name="_csrf" value={s.csrf} />
          <button type="submit">{w(lang, "signOutEverywhere")}</button>
        </form>
      </section>
    </Layout>,
    status as 200,
  );
}
