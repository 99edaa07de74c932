import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { Hono } from "hono";
import { createMiddleware } from "hono/factory";
import { raw } from "hono/html";
import { japanDate } from "../../clock.ts";
import { renderCodabarSvg } from "../../domain/barcodes/codabar-svg.ts";
import { AppError, isAppError } from "../../domain/errors.ts";
import { neverAcceptedIdDocuments } from "../../domain/patrons/eligibility.ts";
import { isFelicaIdm } from "../../domain/patrons/felica.ts";
import { idDocumentTypes } from "../../domain/vocabulary.ts";
import { changePatronDetails } from "../../services/patrons/change-patron-details.ts";
import { reactivateFoundCard, reissueCard, reportCardLost } from "../../services/patrons/patron-cards.ts";
import type { PatronSummary, PatronView } from "../../services/patrons/patron-view.ts";
import { registerPatron } from "../../services/patrons/register-patron.ts";
import { renewRegistration } from "../../services/patrons/renew-registration.ts";
import { resolveCredential } from "../../services/patrons/resolve-credential.ts";
import { type PatronQuery, searchPatrons } from "../../services/patrons/search-patrons.ts";
import { getPolicyInForce } from "../../services/policies/get-policy-in-force.ts";
import { requireRole } from "../../services/staff/authenticate-staff.ts";
import {
  idDocumentSchema,
  identityFields,
  patronChangeSchema,
  patronRegistrationSchema,
  proxySchema,
} from "../api/patron-schemas.ts";
import { staffActor } from "../client-address.ts";
import type { AppEnv, Lang } from "../context.ts";
import { describeError } from "../error-messages.ts";
import { describeFieldIssue } from "../field-messages.ts";
import { verifyCsrf } from "./csrf.ts";
import { cardKindNames, patronStatusNames, registrationKindNames, t } from "./i18n.ts";
import { Layout } from "./layout.tsx";
import {
  ErrorSummary,
  type FormPolicy,
  formState,
  type PossibleDuplicate,
  RegistrationForm,
} from "./patron-form.tsx";
import {
  changeBodyOf,
  type FormProblem,
  type FormValues,
  formErrorsOf,
  formValuesOf,
  isoDateOf,
  isPatronId,
  issueProblems,
  isTypedDate,
  registrationBodyOf,
  reissueBodyOf,
  renewalBodyOf,
} from "./patron-form-data.ts";
import { loadPatron, patronIdParam } from "./patron-page-context.ts";
import {
  type CardOutcome,
  type ChangeSection,
  formatDate,
  PatronNav,
  PatronRecord,
} from "./patron-record.tsx";
import { shell } from "./shell.ts";
import { staffFromCookie } from "./staff-session.ts";

/**
 * The counter's patron pages under /{system}/staff/patrons: search, the patron's record with the change of
 * details, and registration. Staff sign in with the cookie session and need the counter role; each page
 * calls one patron service, which writes the audit entry (search, view, register, change).
 */
export function patronPages() {
  const app = new Hono<AppEnv>();
  app.use("/staff/patrons/*", counterStaff);

  app.get("/staff/patrons", async (c) => {
    const s = shell(c);
    const lang = s.prefs.lang;
    const slug = c.get("system").slug;
    const typed = {
      q: c.req.query("q") ?? "",
      phone: c.req.query("phone") ?? "",
      birthDate: c.req.query("birthDate") ?? "",
    };
    const { query, fallback, problems } = patronQueryOf(typed, lang);
    let hits: PatronSummary[] | null = null;
    if (query && problems.length === 0) {
      hits = await search(c, query);
      if (hits.length === 0 && fallback) hits = await search(c, fallback);
      // A card (or FeliCa chip) names one patron: straight to the record, as a scan at the counter should.
      const byCredential = Boolean(query.cardNumber || query.credential);
      if (byCredential && hits.length === 1) return c.redirect(`/${slug}/staff/patrons/${hits[0]!.id}`, 303);
    }
    return c.html(
      <Layout shell={s} title={t(lang, "patronSearch")}>
        <PatronSearchPage lang={lang} slug={slug} typed={typed} problems={problems} hits={hits} />
      </Layout>,
      problems.length > 0 ? 422 : 200,
    );
  });

  app.get("/staff/patrons/new", async (c) => {
    const values: FormValues = { basis: "resident", "idDocument.showsCurrentAddress": "on" };
    return registrationPage(c, values, [], null, 200);
  });

  app.post("/staff/patrons", async (c) => {
    const lang = shell(c).prefs.lang;
    const values = formValuesOf(await csrfCheckedForm(c));
    const parsed = patronRegistrationSchema.safeParse(registrationBodyOf(values));
    const problems: FormProblem[] = parsed.success ? [] : issueProblems(parsed.error.issues, lang, values);
    const guardian = await patronIdOf(c, values.guardian, "guardian", lang);
    const household = await patronIdOf(c, values.householdOf, "householdOf", lang);
    for (const found of [guardian, household]) if (found.problem) problems.push(found.problem);
    if (!parsed.success || problems.length > 0) return registrationPage(c, values, problems, null, 422);
    const deps = c.get("deps");
    try {
      const registered = await registerPatron({
        db: deps.database.db,
        librarySystemId: c.get("system").id,
        actor: staffActor(c),
        registration: { ...parsed.data, guardianId: guardian.id ?? null, householdOf: household.id ?? null },
        now: deps.clock.now(),
      });
      return registeredPage(c, values, registered);
    } catch (error) {
      const { status, problems: refused } = formErrorsOf(error, values, lang);
      const duplicates =
        isAppError(error) && error.code === "POSSIBLE_DUPLICATE"
          ? ((error.details.patrons as PossibleDuplicate[] | undefined) ?? [])
          : null;
      return registrationPage(c, values, refused, duplicates, status);
    }
  });

  app.get("/staff/patrons/:id{[0-9a-fA-F-]{36}}", async (c) => {
    const patron = await loadPatron(c, "view");
    return recordPage(c, patron, {});
  });

  app.post("/staff/patrons/:id{[0-9a-fA-F-]{36}}", async (c) => {
    const lang = shell(c).prefs.lang;
    const values = formValuesOf(await csrfCheckedForm(c));
    const parsed = patronChangeSchema.safeParse(changeBodyOf(values));
    if (!parsed.success) {
      const problems = issueProblems(parsed.error.issues, lang, values);
      return recordPage(
        c,
        await loadPatron(c, "changeForm"),
        { change: { values, problems, open: true } },
        422,
      );
    }
    const deps = c.get("deps");
    const { idDocument, supplementaryDocument, proxy, ...changes } = parsed.data;
    try {
      const { patron, eligibility } = await changePatronDetails({
        db: deps.database.db,
        librarySystemId: c.get("system").id,
        actor: staffActor(c),
        patronId: patronIdParam(c),
        changes,
        identity: { idDocument, supplementaryDocument, proxy },
        now: deps.clock.now(),
      });
      return recordPage(c, patron, {
        change: { values: changeValuesOf(patron), problems: [], open: false, result: eligibility },
      });
    } catch (error) {
      const { status, problems } = formErrorsOf(error, values, lang);
      return recordPage(
        c,
        await loadPatron(c, "changeForm"),
        { change: { values, problems, open: true } },
        status,
      );
    }
  });

  app.post("/staff/patrons/:id{[0-9a-fA-F-]{36}}/renewal", async (c) => {
    const lang = shell(c).prefs.lang;
    const values = formValuesOf(await csrfCheckedForm(c));
    const parsed = renewalSchema.safeParse(renewalBodyOf(values));
    if (!parsed.success) {
      const problems = issueProblems(parsed.error.issues, lang, values);
      return recordPage(c, await loadPatron(c, "renewalForm"), { renewal: { values, problems } }, 422);
    }
    try {
      const { patron, expiresOn, newCardNumber } = await renewRegistration({
        ...cardContext(c),
        identity: parsed.data,
      });
      return recordPage(c, patron, { outcome: { kind: "renewed", expiresOn, newCardNumber } });
    } catch (error) {
      const { status, problems } = formErrorsOf(error, values, lang);
      const renewal = { values, problems: onForm(problems, ["idDocument.", "supplementaryDocument."]) };
      return recordPage(c, await loadPatron(c, "renewalForm"), { renewal }, status);
    }
  });

  app.post("/staff/patrons/:id{[0-9a-fA-F-]{36}}/reissue", async (c) => {
    const lang = shell(c).prefs.lang;
    const values = formValuesOf(await csrfCheckedForm(c));
    const parsed = reissueSchema.safeParse(reissueBodyOf(values));
    if (!parsed.success) {
      const problems = issueProblems(parsed.error.issues, lang, values);
      return recordPage(c, await loadPatron(c, "reissueForm"), { reissue: { values, problems } }, 422);
    }
    const { reason, idDocument, proxy, physical } = parsed.data;
    try {
      const { patron, cardNumber } = await reissueCard({
        ...cardContext(c),
        reason,
        identity: { idDocument, proxy },
        physical,
      });
      return recordPage(c, patron, { outcome: { kind: "reissued", cardNumber } });
    } catch (error) {
      const { status, problems } = formErrorsOf(error, values, lang);
      const reissue = { values, problems: onForm(problems, ["reason", "idDocument.", "proxy.", "physical"]) };
      return recordPage(c, await loadPatron(c, "reissueForm"), { reissue }, status);
    }
  });

  app.post("/staff/patrons/:id{[0-9a-fA-F-]{36}}/cards/:number/loss", async (c) => {
    await csrfCheckedForm(c);
    const cardNumber = c.req.param("number");
    return cardChange(c, async () => {
      const { patron, temporaryCardNumber } = await reportCardLost({ ...cardContext(c), cardNumber });
      return { patron, outcome: { kind: "lost", cardNumber, temporaryCardNumber } };
    });
  });

  app.post("/staff/patrons/:id{[0-9a-fA-F-]{36}}/cards/:number/found", async (c) => {
    await csrfCheckedForm(c);
    const cardNumber = c.req.param("number");
    return cardChange(c, async () => {
      const { patron } = await reactivateFoundCard({ ...cardContext(c), cardNumber });
      return { patron, outcome: { kind: "found", cardNumber } };
    });
  });

  app.get("/staff/patrons/:id{[0-9a-fA-F-]{36}}/cards/:number/card", async (c) => {
    const patron = await loadPatron(c, "card");
    const number = c.req.param("number");
    const card = patron.cards.find((one) => one.number === number);
    if (!card) throw new AppError("CARD_NOT_FOUND", { cardNumber: number });
    const deps = c.get("deps");
    const { policy } = await getPolicyInForce(
      deps.database.db,
      c.get("system").id,
      japanDate(deps.clock.now()),
    );
    const { start, stop } = policy.registration.cardNumber;
    const svg = renderCodabarSvg(card.number, { start, stop, heightMm: 12 });
    return printableCardPage(c, patron, card, svg);
  });

  return app;
}

/** Signed-in staff with the counter role; others are sent to sign in, or refused (403). */
const counterStaff = createMiddleware<AppEnv>(async (c, next) => {
  const staff = await staffFromCookie(c);
  if (!staff) return c.redirect(`/${c.get("system").slug}/staff/sign-in`, 303);
  requireRole(staff, "counter");
  c.set("staff", staff);
  await next();
});

async function csrfCheckedForm(c: Context<AppEnv>): Promise<Record<string, unknown>> {
  const body = await c.req.parseBody();
  verifyCsrf(c, body._csrf);
  return body;
}

/** What every card and renewal service is given: the system, who does it from where, the patron, now. */
function cardContext(c: Context<AppEnv>) {
  const deps = c.get("deps");
  return {
    db: deps.database.db,
    librarySystemId: c.get("system").id,
    actor: staffActor(c),
    patronId: patronIdParam(c),
    now: deps.clock.now(),
  };
}

/** The renewal's body, as POST /patrons/{id}/registration-renewals takes it. */
const renewalSchema = z.object({
  idDocument: idDocumentSchema,
  supplementaryDocument: identityFields.supplementaryDocument,
});

/** The reissue's body, as POST /patrons/{id}/cards takes it. */
const reissueSchema = z.object({
  reason: z.enum(["lost", "nameChange", "damaged", "plasticCard"]),
  idDocument: idDocumentSchema.optional(),
  proxy: proxySchema.nullable().optional(),
  physical: z.boolean(),
});

/** A refusal about a field this form does not have (the address of an eligibility refusal) goes in the summary only. */
function onForm(problems: FormProblem[], fields: string[]): FormProblem[] {
  return problems.map((p) =>
    p.field && !fields.some((f) => (f.endsWith(".") ? p.field!.startsWith(f) : p.field === f))
      ? { message: p.message }
      : p,
  );
}

/** A loss report or a found card: the record with what it did, or with the refusal above the cards. */
async function cardChange(
  c: Context<AppEnv>,
  change: () => Promise<{ patron: PatronView; outcome: CardOutcome }>,
) {
  try {
    const { patron, outcome } = await change();
    return recordPage(c, patron, { outcome });
  } catch (error) {
    const { status, problems } = formErrorsOf(error, {}, shell(c).prefs.lang);
    return recordPage(c, await loadPatron(c, "cards"), { cardProblems: onForm(problems, []) }, status);
  }
}

function search(c: Context<AppEnv>, query: PatronQuery): Promise<PatronSummary[]> {
  const deps = c.get("deps");
  return searchPatrons({
    db: deps.database.db,
    librarySystemId: c.get("system").id,
    actor: staffActor(c),
    query,
    now: deps.clock.now(),
  });
}

/** A guardian or household member named on the form by card number (looked up, audited) or by ID. */
async function patronIdOf(
  c: Context<AppEnv>,
  typed: string | undefined,
  field: "guardian" | "householdOf",
  lang: Lang,
): Promise<{ id?: string; problem?: FormProblem }> {
  const value = (typed ?? "").normalize("NFKC").trim();
  if (!value) return {};
  if (isPatronId(value)) return { id: value.toLowerCase() };
  const deps = c.get("deps");
  try {
    const resolved = await resolveCredential({
      db: deps.database.db,
      librarySystemId: c.get("system").id,
      actor: staffActor(c),
      kind: "card",
      value,
      now: deps.clock.now(),
    });
    return { id: resolved.patron.id };
  } catch (error) {
    if (!isAppError(error) || describeError(error.code).status >= 500) throw error;
    const code =
      error.code === "CREDENTIAL_NOT_FOUND"
        ? field === "guardian"
          ? "GUARDIAN_NOT_FOUND"
          : "PATRON_NOT_FOUND"
        : error.code;
    return { problem: { field, message: describeError(code)[lang] } };
  }
}

export async function formPolicyOf(c: Context<AppEnv>): Promise<FormPolicy> {
  const deps = c.get("deps");
  const { policy } = await getPolicyInForce(
    deps.database.db,
    c.get("system").id,
    japanDate(deps.clock.now()),
  );
  const { eligibility } = policy;
  const accepted = eligibility.acceptedIdDocuments.filter((type) => !neverAcceptedIdDocuments.includes(type));
  return {
    bases: eligibility.bases,
    municipalities: [...eligibility.areaMunicipalities, ...eligibility.wideAreaMunicipalities],
    acceptedIdDocuments: accepted,
    otherIdDocuments: idDocumentTypes.filter((type) => !accepted.includes(type)),
    supplementaryDocuments: eligibility.supplementaryDocuments,
  };
}

// ---- Search ----

type TypedSearch = { q: string; phone: string; birthDate: string };

/**
 * What the one box holds: a scanned card number (NW-7 start and stop letters dropped), a FeliCa IDm, a
 * date of birth, a phone number, or else a reading. A number that could be a card or a phone number is
 * tried as a card first, then as a phone number.
 */
function patronQueryOf(
  typed: TypedSearch,
  lang: Lang,
): { query: PatronQuery | null; fallback: PatronQuery | null; problems: FormProblem[] } {
  const q = typed.q.normalize("NFKC").trim();
  const phone = typed.phone.normalize("NFKC").trim();
  const birthDateTyped = typed.birthDate.trim();
  const problems: FormProblem[] = [];
  if (birthDateTyped && !isTypedDate(birthDateTyped)) {
    problems.push({
      field: "birthDate",
      message: describeFieldIssue({ path: ["birthDate"], message: "DATE_FORMAT" }, lang).message,
    });
  }
  const extra: PatronQuery = {
    phone: phone || undefined,
    birthDate: birthDateTyped ? isoDateOf(birthDateTyped) : undefined,
  };
  let query: PatronQuery = { ...extra };
  let fallback: PatronQuery | null = null;
  const scanned = /^[A-D]?(\d{4,})[A-D]?$/iu.exec(q);
  if (scanned) {
    query = { cardNumber: scanned[1] };
    if (/^0\d{9,10}$/u.test(scanned[1]!)) fallback = { ...extra, phone: scanned[1] };
  } else if (isFelicaIdm(q)) {
    query = { credential: { kind: "felica", value: q } };
  } else if (q && isTypedDate(q)) {
    query = { ...extra, birthDate: isoDateOf(q) };
  } else if (/^[0-9()+\- ]+$/u.test(q) && q.replace(/\D/gu, "").length >= 6) {
    query = { ...extra, phone: q };
  } else if (q) {
    query = { ...extra, name: q };
  }
  const empty = !query.cardNumber && !query.credential && !query.name && !query.phone && !query.birthDate;
  return { query: empty ? null : query, fallback, problems };
}

function PatronSearchPage(props: {
  lang: Lang;
  slug: string;
  typed: TypedSearch;
  problems: FormProblem[];
  hits: PatronSummary[] | null;
}) {
  const { lang, slug, typed, hits } = props;
  const dateError = props.problems.find((p) => p.field === "birthDate");
  return (
    <>
      <PatronNav lang={lang} slug={slug} current="search" />
      <h1>{t(lang, "patronSearch")}</h1>
      <ErrorSummary lang={lang} prefix="search" problems={props.problems} />
      <form method="get" action={`/${slug}/staff/patrons`} role="search" class="patron-search">
        <div class="field">
          <label for="search-q">{t(lang, "patronSearchBox")}</label>
          <p id="search-q-hint" class="field-hint">
            {t(lang, "patronSearchHint")}
          </p>
          <input
            id="search-q"
            type="search"
            name="q"
            value={typed.q}
            maxlength={64}
            autocomplete="off"
            enterkeyhint="search"
            aria-describedby="search-q-hint"
            autofocus={props.problems.length === 0}
          />
        </div>
        <fieldset class="form-section search-more">
          <legend>{t(lang, "patronMoreCriteria")}</legend>
          <div class="field-row">
            <div class="field">
              <label for="search-phone">{t(lang, "phone")}</label>
              <input
                id="search-phone"
                type="tel"
                name="phone"
                value={typed.phone}
                maxlength={20}
                inputmode="tel"
                autocomplete="off"
              />
            </div>
            <div class={dateError ? "field field-invalid" : "field"}>
              <label for="search-birthDate">{t(lang, "birthDate")}</label>
              <p id="search-birthDate-hint" class="field-hint">
                {t(lang, "dateHint")}
              </p>
              {dateError && (
                <p id="search-birthDate-error" class="field-error">
                  {dateError.message}
                </p>
              )}
              <input
                id="search-birthDate"
                name="birthDate"
                value={typed.birthDate}
                maxlength={20}
                autocomplete="off"
                aria-invalid={dateError ? "true" : undefined}
                aria-describedby={
                  dateError ? "search-birthDate-hint search-birthDate-error" : "search-birthDate-hint"
                }
              />
            </div>
          </div>
        </fieldset>
        <div class="form-actions">
          <button type="submit">{t(lang, "search")}</button>
        </div>
      </form>
      {hits && <PatronHits lang={lang} slug={slug} hits={hits} />}
    </>
  );
}

function PatronHits(props: { lang: Lang; slug: string; hits: PatronSummary[] }) {
  const { lang, slug, hits } = props;
  return (
    <section aria-labelledby="patron-hits">
      <h2 id="patron-hits">{t(lang, "searchResults")}</h2>
      <p class="result-count" role="status">
        {hits.length} {t(lang, "patronHits")}
      </p>
      {hits.length === 0 ? (
        <p>{t(lang, "patronNoHits")}</p>
      ) : (
        <div class="table-scroll">
          <table class="patron-table patron-hits">
            <thead>
              <tr>
                <th scope="col">{t(lang, "patronName")}</th>
                <th scope="col">{t(lang, "patronReading")}</th>
                <th scope="col">{t(lang, "birthDate")}</th>
                <th scope="col">{t(lang, "newCardNumber")}</th>
                <th scope="col">{t(lang, "homeMunicipality")}</th>
                <th scope="col">{t(lang, "registrationKind")}</th>
                <th scope="col">{t(lang, "patronStatus")}</th>
                <th scope="col">{t(lang, "expiresOn")}</th>
              </tr>
            </thead>
            <tbody>
              {hits.map((p) => (
                <tr>
                  <th scope="row" data-label={t(lang, "patronName")}>
                    <a href={`/${slug}/staff/patrons/${p.id}`}>
                      {p.familyName} {p.givenName}
                    </a>
                  </th>
                  <td data-label={t(lang, "patronReading")}>
                    {p.familyNameKana} {p.givenNameKana}
                  </td>
                  <td data-label={t(lang, "birthDate")}>{formatDate(lang, p.birthDate)}</td>
                  <td data-label={t(lang, "newCardNumber")} class="card-number">
                    {p.cardNumber ?? "—"}
                  </td>
                  <td data-label={t(lang, "homeMunicipality")}>{p.municipality}</td>
                  <td data-label={t(lang, "registrationKind")}>
                    {registrationKindNames[p.registrationKind]?.[lang] ?? p.registrationKind}
                  </td>
                  <td data-label={t(lang, "patronStatus")} class={`status-${p.status}`}>
                    {patronStatusNames[p.status]?.[lang] ?? p.status}
                  </td>
                  <td data-label={t(lang, "expiresOn")}>{formatDate(lang, p.expiresOn)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

// ---- Registration ----

async function registrationPage(
  c: Context<AppEnv>,
  values: FormValues,
  problems: FormProblem[],
  duplicates: PossibleDuplicate[] | null,
  status: number,
) {
  const s = shell(c);
  const lang = s.prefs.lang;
  const slug = c.get("system").slug;
  const title = t(lang, "patronRegister");
  return c.html(
    <Layout shell={s} title={problems.length > 0 ? `${t(lang, "errorTitle")}: ${title}` : title}>
      <PatronNav lang={lang} slug={slug} current="new" />
      <h1>{title}</h1>
      <RegistrationForm
        state={formState(lang, "reg", values, problems)}
        slug={slug}
        csrf={s.csrf}
        policy={await formPolicyOf(c)}
        problems={problems}
        duplicates={duplicates}
      />
    </Layout>,
    status as 200,
  );
}

function registeredPage(
  c: Context<AppEnv>,
  values: FormValues,
  registered: { id: string; cardNumber: string; expiresOn: string },
) {
  const s = shell(c);
  const lang = s.prefs.lang;
  const slug = c.get("system").slug;
  return c.html(
    <Layout shell={s} title={t(lang, "registeredTitle")}>
      <PatronNav lang={lang} slug={slug} />
      <h1>{t(lang, "registeredTitle")}</h1>
      <div class="notice notice-ok registered" role="status">
        <p class="notice-title">
          {values.familyName} {values.givenName}
        </p>
        <dl class="facts">
          <dt>{t(lang, "newCardNumber")}</dt>
          <dd class="card-number new-card-number">{registered.cardNumber}</dd>
          <dt>{t(lang, "expiresOn")}</dt>
          <dd class="new-card-expiry">{formatDate(lang, registered.expiresOn)}</dd>
        </dl>
      </div>
      <p>{t(lang, "registeredIntro")}</p>
      <ul class="action-links">
        <li>
          <a href={`/${slug}/staff/patrons/${registered.id}`}>{t(lang, "openPatronRecord")}</a>
        </li>
        <li>
          <a href={`/${slug}/staff/patrons/new`}>{t(lang, "registerAnother")}</a>
        </li>
      </ul>
    </Layout>,
    201,
  );
}

// ---- The patron's record and the change of details ----

function changeValuesOf(p: PatronView): FormValues {
  return {
    familyName: p.familyName,
    givenName: p.givenName,
    familyNameKana: p.familyNameKana,
    givenNameKana: p.givenNameKana,
    "address.postalCode": p.address.postalCode,
    "address.prefecture": p.address.prefecture,
    "address.city": p.address.city,
    "address.street": p.address.street,
    "address.building": p.address.building,
    phone: p.phone,
    email: p.email ?? "",
    municipality: p.municipality,
    "idDocument.showsCurrentAddress": "on",
  };
}

type RecordForms = {
  change?: Omit<ChangeSection, "state"> & { values: FormValues };
  renewal?: { values: FormValues; problems: FormProblem[] };
  reissue?: { values: FormValues; problems: FormProblem[] };
  cardProblems?: FormProblem[];
  outcome?: CardOutcome;
};

async function recordPage(c: Context<AppEnv>, patron: PatronView, forms: RecordForms, status = 200) {
  const s = shell(c);
  const lang = s.prefs.lang;
  const deps = c.get("deps");
  const name = `${patron.familyName} ${patron.givenName}`;
  const change = forms.change ?? { values: changeValuesOf(patron), problems: [], open: false };
  const renewal = forms.renewal ?? { values: { "idDocument.showsCurrentAddress": "on" }, problems: [] };
  const reissue = forms.reissue ?? { values: { physical: "on" }, problems: [] };
  const failed =
    change.problems.length +
    renewal.problems.length +
    reissue.problems.length +
    (forms.cardProblems?.length ?? 0);
  const title = `${name} | ${t(lang, "patronRecord")}`;
  return c.html(
    <Layout shell={s} title={failed > 0 ? `${t(lang, "errorTitle")}: ${title}` : title}>
      <PatronRecord
        lang={lang}
        slug={c.get("system").slug}
        patron={patron}
        today={japanDate(deps.clock.now())}
        csrf={s.csrf}
        policy={await formPolicyOf(c)}
        change={{
          state: formState(lang, "chg", change.values, change.problems),
          problems: change.problems,
          open: change.open,
          result: change.result,
        }}
        work={{
          renewal: {
            state: formState(lang, "rnw", renewal.values, renewal.problems),
            problems: renewal.problems,
          },
          reissue: {
            state: formState(lang, "rei", reissue.values, reissue.problems),
            problems: reissue.problems,
          },
          cardProblems: forms.cardProblems ?? [],
          outcome: forms.outcome,
        }}
      />
    </Layout>,
    status as 200,
  );
}

/** The library card to print: the system's name, the patron's name, the NW-7 barcode at its true size. */
function printableCardPage(
  c: Context<AppEnv>,
  patron: PatronView,
  card: PatronView["cards"][number],
  svg: string,
) {
  const s = shell(c);
  const lang = s.prefs.lang;
  const system = c.get("system");
  const slug = system.slug;
  const systemName = lang === "ja" ? system.nameJa : system.nameEn;
  return c.html(
    <Layout shell={s} title={`${t(lang, "cardPrintTitle")} | ${patron.familyName} ${patron.givenName}`}>
      <div class="no-print">
        <PatronNav lang={lang} slug={slug} />
        <h1>{t(lang, "cardPrintTitle")}</h1>
        <p>{t(lang, "cardPrintHint")}</p>
      </div>
      <section class="library-card" aria-label={cardKindNames[card.kind]?.[lang] ?? card.kind}>
        <p class="library-card-system">{systemName}</p>
        <p class="library-card-kind">{cardKindNames[card.kind]?.[lang] ?? card.kind}</p>
        <p class="library-card-name">
          <span>{t(lang, "patronName")}</span> {patron.familyName} {patron.givenName}
        </p>
        <div class="library-card-barcode">{raw(svg)}</div>
      </section>
      <div class="no-print">
        <ul class="action-links">
          <li>
            <a href={`/${slug}/staff/patrons/${patron.id}`}>{t(lang, "backToRecord")}</a>
          </li>
        </ul>
      </div>
    </Layout>,
  );
}
