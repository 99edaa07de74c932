import type { Context } from "hono";
import { Hono } from "hono";
import { japanDate } from "../../clock.ts";
import { listLibrarySystems } from "../../db/queries/library-systems.ts";
import { isAppError } from "../../domain/errors.ts";
import { getPolicyInForce } from "../../services/policies/get-policy-in-force.ts";
import { getCalendar } from "../../services/service-points/get-calendar.ts";
import {
  listServicePoints,
  type ServicePointView,
} from "../../services/service-points/list-service-points.ts";
import { listHomeAnnouncements } from "../../services/site/site-content.ts";
import { signInStaff } from "../../services/staff/sign-in-staff.ts";
import { signOutStaff } from "../../services/staff/sign-out-staff.ts";
import { type AppEnv, useCaseContext } from "../context.ts";
import { describeError } from "../error-messages.ts";
import { librarySystem } from "../middleware/library-system.ts";
import { addressLookupPages } from "./address-lookup.tsx";
import { applyPages } from "./apply-pages.tsx";
import { assets } from "./assets.ts";
import { cataloguePages } from "./catalogue-pages.tsx";
import { circulationDeskLists } from "./circulation-desk-lists.tsx";
import { circulationPages } from "./circulation-pages.tsx";
import { csrfToken, verifyCsrf } from "./csrf.ts";
import { holdPages } from "./hold-pages.tsx";
import { credentialNames, servicePointTypeNames, t } from "./i18n.ts";
import { labelSheetPages } from "./label-sheet.tsx";
import { Layout, type PageShell } from "./layout.tsx";
import { libraryServicesPage } from "./library-services-page.tsx";
import { lineCardImage } from "./line-card-image.ts";
import { MonthCalendar, monthRange } from "./month-calendar.tsx";
import { myAccountPages } from "./my-account-pages.tsx";
import { myArrivalAlertPages } from "./my-arrival-alert-pages.tsx";
import { myCardPages } from "./my-card-page.tsx";
import { myCredentialPages } from "./my-credential-pages.tsx";
import { myListPages } from "./my-list-pages.tsx";
import { myReadingPages } from "./my-reading-pages.tsx";
import { myTerminalPages } from "./my-terminal-pages.tsx";
import { patronPages } from "./patron-pages.tsx";
import { patronSignInPages } from "./patron-sign-in-page.tsx";
import { readPreferences, safeReturnPath, savePreferences } from "./preferences.ts";
import { printableForms } from "./printable-forms.tsx";
import { referencePages } from "./reference-pages.tsx";
import { shell } from "./shell.ts";
import { HomeAnnouncements, sitePages } from "./site-pages.tsx";
import { staffApplicationReview } from "./staff-application-review.tsx";
import { staffFeePages } from "./staff-fee-pages.tsx";
import { staffFiguresPage } from "./staff-figures-page.tsx";
import { staffNdlDesk } from "./staff-ndl-desk.tsx";
import { staffPatronHoldPages } from "./staff-patron-holds.tsx";
import { staffPostalRegistrations } from "./staff-postal-registrations.tsx";
import { staffReferenceDesk } from "./staff-reference-desk.tsx";
import { staffRegistrationKits } from "./staff-registration-kits.tsx";
import { staffRequestDesk } from "./staff-request-desk.tsx";
import { clearStaffCookie, setStaffCookie, staffFromCookie } from "./staff-session.ts";
import { staffSitePages } from "./staff-site-pages.tsx";
import { staffTerminalBoard } from "./staff-terminal-board.tsx";
import { webPasswordPages } from "./web-password-pages.tsx";

async function formOf(c: Context<AppEnv>): Promise<Record<string, unknown>> {
  const body = await c.req.parseBody();
  verifyCsrf(c, body._csrf);
  return body;
}

export function pages() {
  const app = new Hono<AppEnv>();

  app.get("/assets/shiori.css", (c) => {
    c.header("Cache-Control", "public, max-age=3600");
    return c.body(assets.css, 200, { "Content-Type": "text/css; charset=utf-8" });
  });
  app.get("/assets/htmx.js", (c) => {
    c.header("Cache-Control", "public, max-age=86400");
    return c.body(assets.htmx, 200, { "Content-Type": "text/javascript; charset=utf-8" });
  });
  app.get("/assets/desk.js", (c) => {
    c.header("Cache-Control", "public, max-age=3600");
    return c.body(assets.desk, 200, { "Content-Type": "text/javascript; charset=utf-8" });
  });

  // The smartphone card's home-screen icon: a bookmark (栞), drawn so that it needs no font.
  app.get("/assets/card-icon.svg", (c) => {
    c.header("Cache-Control", "public, max-age=86400");
    return c.body(
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512"><rect width="512" height="512" rx="96" fill="#1d4e89"/><path d="M176 96h160v320l-80-64-80 64z" fill="#fff"/></svg>',
      200,
      { "Content-Type": "image/svg+xml" },
    );
  });

  app.post("/preferences", async (c) => {
    const form = await formOf(c);
    savePreferences(c, form);
    return c.redirect(safeReturnPath(form.return), 303);
  });

  app.get("/", async (c) => {
    const s = shell(c);
    const lang = s.prefs.lang;
    const systems = await listLibrarySystems(c.get("deps").database.db);
    return c.html(
      <Layout shell={s} title={t(lang, "librarySystems")}>
        <h1>{t(lang, "librarySystems")}</h1>
        <p>{t(lang, "topIntro")}</p>
        <ul class="system-list">
          {systems.map((sys) => (
            <li>
              <a href={`/${sys.slug}`}>
                <span class="system-name">{lang === "ja" ? sys.nameJa : sys.nameEn}</span>
                <span class="system-alt" lang={lang === "ja" ? "en" : "ja"}>
                  {lang === "ja" ? sys.nameEn : sys.nameJa}
                </span>
              </a>
            </li>
          ))}
        </ul>
      </Layout>,
    );
  });

  const system = new Hono<AppEnv>();
  system.use("*", librarySystem);

  system.route("/", cataloguePages());
  system.route("/", labelSheetPages());
  // Before the patron pages: their sign-in check covers /staff/patrons/*, and the first router's check for
  // /staff/patrons/{id}/loans is then the only one that runs.
  system.route("/", circulationPages());
  system.route("/", patronPages());

  system.get("/", async (c) => {
    const s = shell(c);
    const lang = s.prefs.lang;
    const deps = c.get("deps");
    const points = await listServicePoints(deps.database.db, c.get("system").id);
    const today = japanDate(deps.clock.now());
    const calendar = await calendarFor(c, points, today);
    const lending = points.filter((p) => p.type !== "partner");
    const partners = points.filter((p) => p.type === "partner");
    const { policy } = await getPolicyInForce(deps.database.db, c.get("system").id, today);
    const slug = c.get("system").slug;
    const announcements = await listHomeAnnouncements(useCaseContext(c), 20);
    return c.html(
      <Layout shell={s} title={t(lang, "home")}>
        <h1>{s.system!.name[lang]}</h1>
        <HomeAnnouncements lang={lang} slug={slug} rows={announcements} />
        <nav aria-label={lang === "ja" ? "図書館のサービス" : "Library services"} class="staff-subnav">
          <ul>
            <li>
              <a href={`/${slug}/guide`}>{lang === "ja" ? "ご利用案内" : "Guide"}</a>
            </li>
            <li>
              <a href={`/${slug}/forms`}>{lang === "ja" ? "申込書・様式" : "Forms"}</a>
            </li>
            {policy.onlineRegistration.offered && (
              <li>
                <a href={`/${slug}/apply`}>{lang === "ja" ? "利用登録の申請" : "Apply for a card"}</a>
              </li>
            )}
            <li>
              <a href={`/${slug}/services`}>{lang === "ja" ? "図書館のサービス" : "Library services"}</a>
            </li>
            {policy.reference.offered && policy.reference.channels.includes("web") && (
              <li>
                <a href={`/${slug}/reference`}>{lang === "ja" ? "調べもののご相談" : "Ask a librarian"}</a>
              </li>
            )}
          </ul>
        </nav>
        <div class="home-grid">
          <section aria-labelledby="calendar-heading">
            <h2 id="calendar-heading">{t(lang, "libraryCalendar")}</h2>
            <form method="get" action={`/${c.get("system").slug}`} class="calendar-picker">
              <label for="sp">{t(lang, "servicePoint")}</label>
              <select id="sp" name="sp">
                {lending.map((p) => (
                  <option value={p.code} selected={p.code === calendar.point.code}>
                    {p.name[lang]}
                  </option>
                ))}
              </select>
              <input type="hidden" name="month" value={calendar.month} />
              <button type="submit">{t(lang, "showCalendar")}</button>
            </form>
            {calendar.view}
          </section>
          <section aria-labelledby="points-heading">
            <h2 id="points-heading">{t(lang, "servicePoints")}</h2>
            <ServicePointList lang={lang} points={lending} />
            {partners.length > 0 && (
              <details class="partners">
                <summary>
                  {t(lang, "partners")} ({partners.length})
                </summary>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{lang === "ja" ? "地区" : "District"}</th>
                      <th scope="col">{lang === "ja" ? "市町村" : "Municipality"}</th>
                      <th scope="col">{lang === "ja" ? "施設名" : "Facility"}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {partners.map((p) => (
                      <tr>
                        <td>{p.district}</td>
                        <td>{p.municipality}</td>
                        <td>{p.name[lang]}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </details>
            )}
          </section>
        </div>
      </Layout>,
    );
  });

  system.get("/calendar-fragment", async (c) => {
    const deps = c.get("deps");
    const points = await listServicePoints(deps.database.db, c.get("system").id);
    const calendar = await calendarFor(c, points, japanDate(deps.clock.now()));
    return c.html(calendar.view);
  });

  // The patron's sign-in, sign-out and my page (/login, /logout, /my), beside the staff sign-in.
  system.route("/", patronSignInPages());
  // Reservations: the record page's form, the cart, the patron's list (/my/holds) and the staff's hold shelf.
  system.route("/", holdPages());
  system.route("/", myAccountPages());
  system.route("/", webPasswordPages());
  system.route("/", myCardPages());
  system.route("/", myListPages());
  system.route("/", myReadingPages());
  system.route("/", myArrivalAlertPages());
  system.route("/", myCredentialPages());
  system.route("/", lineCardImage());
  system.route("/", staffPatronHoldPages());
  system.route("/", staffRequestDesk());
  system.route("/", staffFeePages());
  system.route("/", staffReferenceDesk());
  system.route("/", referencePages());
  system.route("/", staffTerminalBoard());
  system.route("/", myTerminalPages());
  system.route("/", staffNdlDesk());
  system.route("/", libraryServicesPage());
  system.route("/", sitePages());
  system.route("/", staffSitePages());
  system.route("/", printableForms());
  system.route("/", staffFiguresPage());
  system.route("/", applyPages());
  system.route("/", staffApplicationReview());
  system.route("/", staffPostalRegistrations());
  system.route("/", addressLookupPages());
  system.route("/", circulationDeskLists());
  system.route("/", staffRegistrationKits());

  system.get("/staff/sign-in", (c) => c.html(signInPage(c, shell(c))));

  system.post("/staff/sign-in", async (c) => {
    const form = await formOf(c);
    const deps = c.get("deps");
    const slug = c.get("system").slug;
    try {
      const session = await signInStaff({
        db: deps.database.db,
        librarySystemId: c.get("system").id,
        username: String(form.username ?? ""),
        password: String(form.password ?? ""),
        kind: "cookie",
        now: deps.clock.now(),
        production: deps.config.production,
      });
      setStaffCookie(c, slug, session.token, session.expiresAt);
      return c.redirect(`/${slug}/staff`, 303);
    } catch (error) {
      if (!isAppError(error)) throw error;
      const s = shell(c);
      return c.html(
        signInPage(c, s, describeError(error.code)[s.prefs.lang], String(form.username ?? "")),
        describeError(error.code).status as 401,
      );
    }
  });

  system.post("/staff/sign-out", async (c) => {
    await formOf(c);
    const staff = await staffFromCookie(c);
    if (staff) await signOutStaff(c.get("deps").database.db, staff, c.get("deps").clock.now());
    clearStaffCookie(c, c.get("system").slug);
    return c.redirect(`/${c.get("system").slug}/staff/sign-in`, 303);
  });

  system.get("/staff", async (c) => {
    const staff = await staffFromCookie(c);
    const slug = c.get("system").slug;
    if (!staff) return c.redirect(`/${slug}/staff/sign-in`, 303);
    const s = shell(c);
    const lang = s.prefs.lang;
    const deps = c.get("deps");
    const policy = await getPolicyInForce(deps.database.db, c.get("system").id, japanDate(deps.clock.now()));
    return c.html(
      <Layout shell={s} title={t(lang, "staffDashboard")}>
        <h1>{t(lang, "staffDashboard")}</h1>
        <p>
          {t(lang, "signedInAs")}: <strong>{staff.displayName}</strong> ({staff.username}) ·{" "}
          {t(lang, "roles")}: {staff.roles.join(", ")}
        </p>
        <form method="post" action={`/${slug}/staff/sign-out`}>
          <input type="hidden" name="_csrf" value={s.csrf} />
          <button type="submit">{t(lang, "signOut")}</button>
        </form>
        <p>{t(lang, "dashboardEmpty")}</p>
        <ul>
          <li>
            <a href={`/${slug}/staff/checkout`}>{t(lang, "checkout")}</a>
          </li>
          <li>
            <a href={`/${slug}/staff/returns`}>{t(lang, "returns")}</a>
          </li>
          <li>
            <a href={`/${slug}/staff/overdue`}>{lang === "ja" ? "延滞の連絡リスト" : "Overdue call list"}</a>
          </li>
          <li>
            <a href={`/${slug}/staff/return-exceptions`}>
              {lang === "ja" ? "返却の確認リスト" : "Return exceptions"}
            </a>
          </li>
          <li>
            <a href={`/${slug}/staff/ill`}>{lang === "ja" ? "相互貸借資料" : "Inter-library loan items"}</a>
          </li>
          <li>
            <a href={`/${slug}/staff/holds`}>{lang === "ja" ? "予約資料の管理(取置棚)" : "Hold shelf"}</a>
          </li>
          <li>
            <a href={`/${slug}/staff/requests`}>{lang === "ja" ? "リクエストの管理" : "Requests desk"}</a>
          </li>
          <li>
            <a href={`/${slug}/staff/photocopies`}>{lang === "ja" ? "複写の受付" : "Photocopy request"}</a>
          </li>
          <li>
            <a href={`/${slug}/staff/fees`}>{lang === "ja" ? "料金台帳" : "Fee ledger"}</a>
          </li>
          <li>
            <a href={`/${slug}/staff/reference`}>
              {lang === "ja" ? "調べもの(レファレンス)" : "Reference desk"}
            </a>
          </li>
          <li>
            <a href={`/${slug}/staff/terminals`}>
              {lang === "ja" ? "インターネット端末の予約状況" : "Internet terminal board"}
            </a>
          </li>
          <li>
            <a href={`/${slug}/staff/ndl`}>
              {lang === "ja" ? "国立国会図書館デジタル送信サービス" : "NDL digital transmission service"}
            </a>
          </li>
          <li>
            <a href={`/${slug}/staff/site`}>
              {lang === "ja" ? "お知らせとページの編集" : "Announcements and pages"}
            </a>
          </li>
          <li>
            <a href={`/${slug}/staff/figures`}>{lang === "ja" ? "統計" : "Figures"}</a>
          </li>
          <li>
            <a href={`/${slug}/staff/applications`}>
              {lang === "ja" ? "利用申請の審査" : "Application review"}
            </a>
          </li>
          {policy.policy.onlineRegistration.registrationKits && (
            <li>
              <a href={`/${slug}/staff/registration-kits`}>
                {lang === "ja" ? "オンライン利用者登録セット" : "Registration kits"}
              </a>
            </li>
          )}
          {policy.policy.onlineRegistration.postal?.offered && (
            <li>
              <a href={`/${slug}/staff/postal-registrations`}>
                {lang === "ja" ? "郵送による利用登録" : "Registration by post"}
              </a>
            </li>
          )}
          <li>
            <a href={`/${slug}/staff/patrons`}>{t(lang, "patronSearch")}</a>
          </li>
          <li>
            <a href={`/${slug}/staff/patrons/new`}>{t(lang, "patronRegister")}</a>
          </li>
          <li>
            <a href={`/${slug}/staff/labels`}>{t(lang, "labelSheet")}</a>
          </li>
        </ul>
        <h2>{t(lang, "policyInForce")}</h2>
        <dl class="facts">
          <dt>{t(lang, "version")}</dt>
          <dd>{policy.version}</dd>
          <dt>{t(lang, "effectiveFrom")}</dt>
          <dd>{policy.effectiveFrom}</dd>
        </dl>
      </Layout>,
    );
  });

  app.route("/:system", system);
  return app;
}

/** The calendar of `?sp=` (the main library by default) for `?month=` (this month by default). */
async function calendarFor(c: Context<AppEnv>, points: ServicePointView[], today: string) {
  const lang = readPreferences(c).lang;
  const requested = c.req.query("sp");
  const lending = points.filter((p) => p.type !== "partner");
  const point =
    lending.find((p) => p.code === requested) ?? lending.find((p) => p.type === "main") ?? points[0]!;
  const monthQuery = c.req.query("month");
  const month = monthQuery && /^\d{4}-(0[1-9]|1[0-2])$/.test(monthQuery) ? monthQuery : today.slice(0, 7);
  const { from, to } = monthRange(month);
  const { days } = await getCalendar({
    db: c.get("deps").database.db,
    librarySystemId: c.get("system").id,
    target: { servicePoint: point.code },
    from,
    to,
  });
  const slug = c.get("system").slug;
  const view = (
    <MonthCalendar
      lang={lang}
      month={month}
      today={today}
      days={days}
      servicePointName={point.name[lang]}
      monthHref={(m) => `/${slug}?sp=${encodeURIComponent(point.code)}&month=${m}`}
      fragmentHref={(m) => `/${slug}/calendar-fragment?sp=${encodeURIComponent(point.code)}&month=${m}`}
    />
  );
  return { point, month, view };
}

function ServicePointList(props: { lang: "ja" | "en"; points: ServicePointView[] }) {
  const { lang } = props;
  return (
    <ul class="service-points">
      {props.points.map((p) => (
        <li>
          <span class="sp-name">{p.name[lang]}</span>
          <span class="sp-type">{servicePointTypeNames[p.type]?.[lang] ?? p.type}</span>
          {p.acceptedCredentials.length > 0 && (
            <span class="sp-credentials">
              {t(lang, "credentials")}:{" "}
              {p.acceptedCredentials
                .map((k) => credentialNames[k]?.[lang] ?? k)
                .join(lang === "ja" ? "・" : ", ")}
            </span>
          )}
          {p.bookDrops.length > 0 && (
            <span class="sp-drops">
              {t(lang, "bookDrops")}: {p.bookDrops.map((d) => d.name[lang]).join(lang === "ja" ? "・" : ", ")}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

function signInPage(c: Context<AppEnv>, s: PageShell, error?: string, username = "") {
  const lang = s.prefs.lang;
  const slug = c.get("system").slug;
  return (
    <Layout shell={s} title={t(lang, "staffSignIn")}>
      <h1>{t(lang, "staffSignIn")}</h1>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <form method="post" action={`/${slug}/staff/sign-in`} class="stacked-form">
        <input type="hidden" name="_csrf" value={s.csrf} />
        <label for="username">{t(lang, "username")}</label>
        <input id="username" name="username" autocomplete="username" required value={username} />
        <label for="password">{t(lang, "password")}</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required />
        <button type="submit">{t(lang, "signIn")}</button>
      </form>
    </Layout>
  );
}

/** Error pages in the reader's language; internals are logged, never shown. */
export function renderErrorPage(err: Error | null, c: Context<AppEnv>) {
  let code = "NOT_FOUND";
  if (err && isAppError(err)) code = err.code;
  else if (err) {
    c.get("logger")?.error({ err, requestId: c.get("requestId") }, "unexpected error");
    code = "INTERNAL";
  }
  const d = describeError(code);
  const prefs = readPreferences(c);
  const s: PageShell = { prefs, csrf: csrfToken(c), path: "/" };
  return c.html(
    <Layout shell={s} title={t(prefs.lang, "errorTitle")}>
      <h1>{t(prefs.lang, "errorTitle")}</h1>
      <p role="alert">{d[prefs.lang]}</p>
      <p>
        <a href="/">{t(prefs.lang, "backToHome")}</a>
      </p>
    </Layout>,
    d.status as 404,
  );
}
