import type { Context } from "hono";
import { Hono } from "hono";
import { japanDate } from "../../clock.ts";
import { isAppError } from "../../domain/errors.ts";
import { checkOut } from "../../services/circulation/check-out.ts";
import { type LoanView, listPatronLoans } from "../../services/circulation/list-loans.ts";
import { renewLoan } from "../../services/circulation/renew-loan.ts";
import { returnItem } from "../../services/circulation/return-item.ts";
import type { PatronView } from "../../services/patrons/patron-view.ts";
import { resolveCredential } from "../../services/patrons/resolve-credential.ts";
import { staffActor } from "../client-address.ts";
import type { AppEnv, Lang } from "../context.ts";
import { describeError } from "../error-messages.ts";
import {
  type CheckoutDesk,
  type CheckoutOutcome,
  CheckoutPage,
  CheckoutScanAnswer,
  CheckoutScanFailure,
} from "./circulation-checkout-view.tsx";
import { counterPoints, counterStaff, pointOf, rememberCounterPoint } from "./circulation-counter.ts";
import {
  type CheckoutForm,
  checkoutFormOf,
  csrfCheckedBody,
  emptiedOnOf,
  one,
  overridable,
  type Refused,
  type ReturnForm,
  refusalMessage,
  refusedOf,
  returnFormOf,
} from "./circulation-form-data.ts";
import { DueDateSlip, PatronLoansPage, type RenewalOutcome } from "./circulation-loans-view.tsx";
import {
  type ReturnDesk,
  type ReturnOutcome,
  ReturnPage,
  ReturnScanAnswer,
  ReturnScanFailure,
} from "./circulation-return-view.tsx";
import { t } from "./i18n.ts";
import { Layout } from "./layout.tsx";
import { loadPatron, patronIdParam } from "./patron-page-context.ts";
import { shell } from "./shell.ts";

/**
 * The counter's circulation pages under /{system}/staff: checkout, returns, a patron's loans with renewal,
 * and the due-date slip. Counter role, the staff cookie session and CSRF, as the patron pages. The desks
 * work without scripts (each form posts to its page, which renders the whole desk again); with htmx the
 * same forms post to a fragment endpoint and the page grows by one row per scan. Each action calls one
 * circulation service, which writes the audit entry.
 */
export function circulationPages() {
  const app = new Hono<AppEnv>();
  for (const path of ["/staff/checkout", "/staff/checkout/*", "/staff/returns", "/staff/returns/*"]) {
    app.use(path, counterStaff);
  }
  app.use("/staff/counter-point", counterStaff);
  app.use("/staff/patrons/:id/loans", counterStaff);
  app.use("/staff/patrons/:id/loans/*", counterStaff);

  app.post("/staff/counter-point", async (c) => {
    const body = await csrfCheckedBody(c);
    await rememberCounterPoint(c, one(body, "servicePoint"));
    const page = one(body, "return") === "returns" ? "returns" : "checkout";
    return c.redirect(`/${c.get("system").slug}/staff/${page}`, 303);
  });

  // ---- Checkout ----

  app.get("/staff/checkout", async (c) => {
    const form: CheckoutForm = {
      step: "patron",
      servicePoint: "",
      credentialKind: "card",
      credential: "",
      itemBarcode: "",
      overrideReason: "",
      loanIds: [],
    };
    const { desk, status } = await checkoutDesk(c, form, { read: false });
    return checkoutPage(c, desk, status);
  });

  app.post("/staff/checkout", async (c) => {
    const form = checkoutFormOf(await csrfCheckedBody(c));
    const { desk, status } = await checkoutDesk(c, form, { read: true });
    return checkoutPage(c, desk, status);
  });

  app.post("/staff/checkout/scan", async (c) => {
    const lang = shell(c).prefs.lang;
    try {
      const posted = checkoutFormOf(await csrfCheckedBody(c));
      const servicePoint = pointOf(await counterPoints(c, "checkout"), posted.servicePoint);
      const form = { ...posted, servicePoint };
      const scan = await lendScanned(c, form, lang);
      let lent = null;
      let count = null;
      if (scan.outcome.ok && scan.patronId) {
        const loans = await currentLoans(c, scan.patronId);
        const loan = loans.find((l) => l.id === scan.loanIds.at(-1));
        scan.outcome.title = loan?.item.title ?? "";
        lent = loan ? sessionLoanOf(loan) : null;
        count = { patronId: scan.patronId, loanCount: loans.length };
      }
      const desk = { lang, slug: c.get("system").slug, csrf: shell(c).csrf, servicePoint, form };
      return c.html(
        <CheckoutScanAnswer
          desk={desk}
          loanIds={scan.loanIds}
          outcome={scan.outcome}
          lent={lent}
          status={count}
        />,
        scan.status as 200,
      );
    } catch (error) {
      const { status, message } = fragmentFailure(c, error, lang);
      return c.html(<CheckoutScanFailure lang={lang} message={message} />, status as 500);
    }
  });

  // ---- Returns ----

  app.get("/staff/returns", async (c) => {
    const form: ReturnForm = {
      servicePoint: "",
      via: "counter",
      bookDrop: "",
      emptiedOn: "",
      itemBarcode: "",
      done: [],
    };
    return returnPage(c, await returnDesk(c, form), 200);
  });

  app.post("/staff/returns", async (c) => {
    const form = returnFormOf(await csrfCheckedBody(c));
    const desk = await returnDesk(c, form);
    const { outcome, status } = await takeBack(c, desk);
    return returnPage(c, { ...desk, outcome, form: formAfter(desk.form, outcome) }, status);
  });

  app.post("/staff/returns/scan", async (c) => {
    const lang = shell(c).prefs.lang;
    try {
      const form = returnFormOf(await csrfCheckedBody(c));
      const desk = await returnDesk(c, form);
      const { outcome, status } = await takeBack(c, desk);
      return c.html(
        <ReturnScanAnswer desk={{ ...desk, outcome, form: formAfter(desk.form, outcome) }} />,
        status as 200,
      );
    } catch (error) {
      const { status, message } = fragmentFailure(c, error, lang);
      return c.html(<ReturnScanFailure message={message} />, status as 500);
    }
  });

  // ---- A patron's loans, renewal and the due-date slip ----

  app.get("/staff/patrons/:id{[0-9a-fA-F-]{36}}/loans", async (c) => {
    return loansPage(c, null, 200);
  });

  app.post("/staff/patrons/:id{[0-9a-fA-F-]{36}}/loans/:loanId{[0-9]{1,15}}/renewal", async (c) => {
    await csrfCheckedBody(c);
    const lang = shell(c).prefs.lang;
    const deps = c.get("deps");
    const patronId = patronIdParam(c);
    const loanId = Number(c.req.param("loanId"));
    const before = await currentLoans(c, patronId);
    const title = before.find((loan) => loan.id === loanId)?.item.title ?? String(loanId);
    try {
      const renewed = await renewLoan({
        db: deps.database.db,
        librarySystemId: c.get("system").id,
        loanId,
        channel: "counter",
        actor: staffActor(c),
        // Only a loan of the patron on the page: another patron's loan id is not found here.
        patronId,
        now: deps.clock.now(),
      });
      return loansPage(c, { ok: true, title, dueDate: renewed.dueDate }, 200);
    } catch (error) {
      const refused = refusedOf(error);
      const messages = refused.refusals.map((r) => refusalMessage(r, lang));
      return loansPage(c, { ok: false, title, messages }, refused.status);
    }
  });

  app.get("/staff/patrons/:id{[0-9a-fA-F-]{36}}/loans/slip", async (c) => {
    const s = shell(c);
    const lang = s.prefs.lang;
    const deps = c.get("deps");
    const system = c.get("system");
    const patron = await loadPatron(c, "loanSlip");
    const loans = await listPatronLoans({
      db: deps.database.db,
      librarySystemId: system.id,
      actor: staffActor(c),
      patronId: patron.id,
      channel: "counter",
      now: deps.clock.now(),
    });
    // The slip's page title is printed in the page header by most browsers: no name in it either.
    return c.html(
      <Layout shell={s} title={t(lang, "slipTitle")}>
        <DueDateSlip
          lang={lang}
          slug={system.slug}
          patronId={patron.id}
          systemName={lang === "ja" ? system.nameJa : system.nameEn}
          cardNumber={patron.cardNumber}
          today={japanDate(deps.clock.now())}
          loans={loans}
        />
      </Layout>,
    );
  });

  return app;
}

// ---- Checkout ----

/**
 * The whole checkout desk for a page: the patron read from the credential, the item lent when the form
 * scanned one, and the loans of this session. Refusals are the page's outcome, with their status.
 */
async function checkoutDesk(
  c: Context<AppEnv>,
  form: CheckoutForm,
  options: { read: boolean },
): Promise<{ desk: CheckoutDesk; status: number }> {
  const s = shell(c);
  const lang = s.prefs.lang;
  const counter = await counterPoints(c, "checkout");
  const servicePoint = pointOf(counter, form.servicePoint);
  const desk: CheckoutDesk = {
    lang,
    slug: c.get("system").slug,
    csrf: s.csrf,
    counter,
    servicePoint,
    form: { ...form, servicePoint },
    credentialProblem: null,
    patron: null,
    loanCount: 0,
    session: [],
    outcome: null,
  };
  if (!options.read) return { desk, status: 200 };
  if (!form.credential) {
    desk.credentialProblem = t(lang, "enterCredential");
    return { desk, status: 422 };
  }
  let status = 200;
  try {
    desk.patron = await readPatron(c, form);
  } catch (error) {
    const refused = refusedOf(error);
    desk.credentialProblem = refused.refusals.map((r) => refusalMessage(r, lang)).join(" ");
    return { desk, status: refused.status };
  }
  let loanIds = form.loanIds;
  if (form.step !== "patron") {
    const scan = await lendScanned(c, desk.form, lang);
    desk.outcome = scan.outcome;
    loanIds = scan.loanIds;
    status = scan.status;
  }
  const loans = await currentLoans(c, desk.patron.id);
  desk.loanCount = loans.length;
  // The session's loans still on loan, in the order they were made (a loan returned meanwhile drops out).
  desk.session = loanIds.flatMap((id) => {
    const loan = loans.find((l) => l.id === id);
    return loan ? [sessionLoanOf(loan)] : [];
  });
  if (desk.outcome?.ok) desk.outcome.title = desk.session.at(-1)?.title ?? "";
  return { desk, status };
}

function checkoutPage(c: Context<AppEnv>, desk: CheckoutDesk, status: number) {
  const s = shell(c);
  const lang = desk.lang;
  const failed = desk.credentialProblem !== null || (desk.outcome !== null && !desk.outcome.ok);
  const title = desk.patron
    ? `${desk.patron.familyName} ${desk.patron.givenName} | ${t(lang, "checkout")}`
    : t(lang, "checkout");
  return c.html(
    <Layout shell={s} title={failed ? `${t(lang, "errorTitle")}: ${title}` : title}>
      <CheckoutPage desk={desk} />
    </Layout>,
    status as 200,
  );
}

/** The patron of the credential, with what the card allows today (audited as a view by credential). */
function readPatron(c: Context<AppEnv>, form: CheckoutForm): Promise<PatronView> {
  const deps = c.get("deps");
  return resolveCredential({
    db: deps.database.db,
    librarySystemId: c.get("system").id,
    actor: staffActor(c),
    kind: form.credentialKind,
    value: form.credential,
    now: deps.clock.now(),
  }).then((resolved) => resolved.patron);
}

type ScanResult = {
  outcome: CheckoutOutcome;
  /** The desk's loans, with the new one last when the item was lent. */
  loanIds: number[];
  patronId: string | null;
  status: number;
};

/**
 * Lends the scanned item: with the reason when the override form sent one. An override form sent without a
 * reason lends nothing; the refusals are shown again with what is missing.
 */
async function lendScanned(c: Context<AppEnv>, form: CheckoutForm, lang: Lang): Promise<ScanResult> {
  const unchanged = { loanIds: form.loanIds, patronId: null };
  if (!form.itemBarcode) {
    const outcome = { ok: false, barcode: "", messages: [t(lang, "enterItemBarcode")], overridable: false };
    return { ...unchanged, outcome, status: 422 } as ScanResult;
  }
  const reason = form.step === "override" ? form.overrideReason : "";
  const deps = c.get("deps");
  try {
    const lent = await checkOut({
      db: deps.database.db,
      librarySystemId: c.get("system").id,
      actor: staffActor(c),
      credential: { kind: form.credentialKind, value: form.credential },
      itemBarcode: form.itemBarcode,
      servicePoint: form.servicePoint,
      override: reason ? { reason } : null,
      now: deps.clock.now(),
    });
    return {
      outcome: {
        ok: true,
        barcode: lent.item.barcode,
        title: "",
        dueDate: lent.dueDate,
        overridden: lent.overridden.length > 0,
      },
      loanIds: [...form.loanIds, lent.id],
      patronId: lent.patronId,
      status: 200,
    };
  } catch (error) {
    const refused = refusedOf(error);
    const messages = refused.refusals.map((r) => refusalMessage(r, lang));
    if (form.step === "override" && !reason) messages.unshift(t(lang, "enterOverrideReason"));
    return {
      ...unchanged,
      outcome: { ok: false, barcode: form.itemBarcode, messages, overridable: overridable(refused) },
      status: refused.status,
    };
  }
}

/**
 * The patron's loans now, for the count and the session's rows. Not audited as a view of the loans: the
 * desk shows only what it has just lent, and each loan is audited by the checkout itself.
 */
function currentLoans(c: Context<AppEnv>, patronId: string): Promise<LoanView[]> {
  const deps = c.get("deps");
  return listPatronLoans({
    db: deps.database.db,
    librarySystemId: c.get("system").id,
    actor: null,
    patronId,
    channel: "counter",
    now: deps.clock.now(),
  });
}

function sessionLoanOf(loan: LoanView) {
  return { id: loan.id, title: loan.item.title, barcode: loan.item.barcode, dueDate: loan.dueDate };
}

/**
 * An htmx scan that failed before any outcome (the form expired, an unexpected error): the message for
 * the outcome region, never an error page swapped into the list.
 */
function fragmentFailure(
  c: Context<AppEnv>,
  error: unknown,
  lang: Lang,
): { status: number; message: string } {
  if (isAppError(error)) {
    const described = describeError(error.code);
    return { status: described.status, message: described[lang] };
  }
  c.get("logger")?.error({ err: error, requestId: c.get("requestId") }, "unexpected error");
  return { status: 500, message: describeError("INTERNAL")[lang] };
}

// ---- Returns ----

async function returnDesk(c: Context<AppEnv>, form: ReturnForm): Promise<ReturnDesk> {
  const s = shell(c);
  const counter = await counterPoints(c, "returns");
  const servicePoint = pointOf(counter, form.servicePoint);
  const point = counter.points.find((p) => p.code === servicePoint)!;
  // A drop of another point (the desk switched meanwhile) falls back to this point's first drop.
  const bookDrop = point.bookDrops.some((d) => d.code === form.bookDrop)
    ? form.bookDrop
    : (point.bookDrops[0]?.code ?? "");
  return {
    lang: s.prefs.lang,
    slug: c.get("system").slug,
    csrf: s.csrf,
    counter,
    servicePoint,
    today: japanDate(c.get("deps").clock.now()),
    form: { ...form, servicePoint, bookDrop, via: point.bookDrops.length > 0 ? form.via : "counter" },
    outcome: null,
  };
}

/** Takes the scanned item back; a refusal (the lending point only, a return point's limits) is the outcome. */
async function takeBack(
  c: Context<AppEnv>,
  desk: ReturnDesk,
): Promise<{ outcome: ReturnOutcome; status: number }> {
  const { lang, form } = desk;
  if (!form.itemBarcode) {
    return { outcome: { ok: false, barcode: "", messages: [t(lang, "enterItemBarcode")] }, status: 422 };
  }
  const deps = c.get("deps");
  try {
    const { loanId: _, ...row } = await returnItem({
      db: deps.database.db,
      librarySystemId: c.get("system").id,
      actor: staffActor(c),
      itemBarcode: form.itemBarcode,
      servicePoint: desk.servicePoint,
      via: form.via,
      bookDrop: form.via === "bookDrop" ? form.bookDrop : null,
      emptiedOn: form.via === "bookDrop" ? emptiedOnOf(form) : null,
      now: deps.clock.now(),
    });
    return { outcome: { ok: true, row }, status: 200 };
  } catch (error) {
    const refused = refusedOf(error);
    return {
      outcome: { ok: false, barcode: form.itemBarcode, messages: returnRefusalMessages(refused, lang) },
      status: refused.status,
    };
  }
}

/** A refusal to take an item back, naming the service point it must go back to. */
function returnRefusalMessages(refused: Refused, lang: Lang): string[] {
  return refused.refusals.map((r) => {
    const point = r.details.servicePoint as { name?: { ja: string; en: string } } | undefined;
    const message = refusalMessage(r, lang);
    if (r.code !== "RETURN_AT_LENDING_POINT_ONLY" || !point?.name) return message;
    return `${message} ${t(lang, "returnTo")}: ${point.name[lang]}`;
  });
}

/** The form after a scan: the new row added to the session's list, the item field emptied. */
function formAfter(form: ReturnForm, outcome: ReturnOutcome): ReturnForm {
  return { ...form, itemBarcode: "", done: outcome.ok ? [...form.done, outcome.row] : form.done };
}

function returnPage(c: Context<AppEnv>, desk: ReturnDesk, status: number) {
  const s = shell(c);
  const lang = desk.lang;
  const title = t(lang, "returns");
  const failed = desk.outcome !== null && !desk.outcome.ok;
  return c.html(
    <Layout shell={s} title={failed ? `${t(lang, "errorTitle")}: ${title}` : title}>
      <ReturnPage desk={desk} />
    </Layout>,
    status as 200,
  );
}

// ---- A patron's loans ----

async function loansPage(c: Context<AppEnv>, outcome: RenewalOutcome | null, status: number) {
  const s = shell(c);
  const lang = s.prefs.lang;
  const deps = c.get("deps");
  const patron = await loadPatron(c, "loans");
  const loans = await listPatronLoans({
    db: deps.database.db,
    librarySystemId: c.get("system").id,
    actor: staffActor(c),
    patronId: patron.id,
    channel: "counter",
    now: deps.clock.now(),
  });
  const title = `${patron.familyName} ${patron.givenName} | ${t(lang, "loansTitle")}`;
  return c.html(
    <Layout shell={s} title={outcome && !outcome.ok ? `${t(lang, "errorTitle")}: ${title}` : title}>
      <PatronLoansPage
        lang={lang}
        slug={c.get("system").slug}
        csrf={s.csrf}
        patron={patron}
        loans={loans}
        outcome={outcome}
      />
    </Layout>,
    status as 200,
  );
}
