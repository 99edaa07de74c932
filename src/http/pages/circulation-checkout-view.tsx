import type { PatronView } from "../../services/patrons/patron-view.ts";
import type { Lang } from "../context.ts";
import type { CounterPoints } from "./circulation-counter.ts";
import type { CheckoutForm } from "./circulation-form-data.ts";
import {
  CirculationNav,
  CounterPointForm,
  OutcomeRegion,
  RefusalNotice,
  ScanField,
  SessionList,
} from "./circulation-shared.tsx";
import { credentialNames, t } from "./i18n.ts";
import { formatDate, PatronNotices } from "./patron-record.tsx";

/**
 * The checkout desk (貸出): the patron read from any credential, then items scanned one after another.
 * Every form posts to the page itself, which answers with the whole page; htmx posts the same forms to
 * /checkout/scan instead, which answers with the new row of the list and the parts of the page that
 * change (hx-partial): the scan form emptied, the outcome, the override form, the loan count.
 */

export type SessionLoan = { id: number; title: string; barcode: string; dueDate: string };

export type CheckoutOutcome =
  | { ok: true; barcode: string; title: string; dueDate: string; overridden: boolean }
  | { ok: false; barcode: string; messages: string[]; overridable: boolean };

export type CheckoutDesk = {
  lang: Lang;
  slug: string;
  csrf: string;
  counter: CounterPoints;
  /** The service point this desk lends at (a hidden field of every form). */
  servicePoint: string;
  form: CheckoutForm;
  credentialProblem: string | null;
  patron: PatronView | null;
  loanCount: number;
  session: SessionLoan[];
  outcome: CheckoutOutcome | null;
};

const ids = {
  credentialKind: "checkout-credentialKind",
  credential: "checkout-credential",
  scan: "checkout-scan",
  sessionLoans: "checkout-session-loans",
  item: "checkout-itemBarcode",
  outcome: "checkout-outcome",
  override: "checkout-override",
  reason: "checkout-overrideReason",
  status: "checkout-status",
  rows: "checkout-loans",
};

/** What htmx does with the answer of a scan form: each new loan becomes the last row of the list. */
const scanTarget = (slug: string) => ({
  "hx-post": `/${slug}/staff/checkout/scan`,
  "hx-target": `#${ids.rows}`,
  "hx-swap": "beforeend",
  // a scanner's next number, sent while the last is being answered, waits its turn instead of being dropped
  "hx-sync": "this:queue all",
});

export function CheckoutPage(props: { desk: CheckoutDesk }) {
  const { desk } = props;
  const { lang, slug, patron } = desk;
  return (
    <>
      <CirculationNav lang={lang} slug={slug} current="checkout" />
      <h1>{t(lang, "checkout")}</h1>
      <CounterPointForm
        lang={lang}
        slug={slug}
        csrf={desk.csrf}
        use="checkout"
        counter={desk.counter}
        selected={desk.servicePoint}
      />
      <section class="desk-step" aria-labelledby="checkout-patron-heading">
        <h2 id="checkout-patron-heading">{t(lang, "patronStep")}</h2>
        <CredentialForm desk={desk} />
        {patron && <PatronPanel desk={desk} patron={patron} />}
      </section>
      {patron && (
        <section class="desk-step" aria-labelledby="checkout-items-heading">
          <h2 id="checkout-items-heading">{t(lang, "itemsStep")}</h2>
          <ScanForm desk={desk} loanIds={desk.session.map((loan) => loan.id)} />
          <OutcomeRegion id={ids.outcome}>
            {desk.outcome && <CheckoutOutcomeNotice lang={lang} outcome={desk.outcome} />}
          </OutcomeRegion>
          <div id={ids.override}>
            {desk.outcome && !desk.outcome.ok && desk.outcome.overridable && (
              <OverrideForm
                desk={desk}
                loanIds={desk.session.map((loan) => loan.id)}
                barcode={desk.outcome.barcode}
              />
            )}
          </div>
        </section>
      )}
      {patron && (
        <SessionList lang={lang} headingId="checkout-session" heading="sessionLoans" empty="noSessionLoans">
          <table class="patron-table session-table">
            <thead>
              <tr>
                <th scope="col">{t(lang, "title")}</th>
                <th scope="col">{t(lang, "itemBarcode")}</th>
                <th scope="col">{t(lang, "dueOn")}</th>
              </tr>
            </thead>
            <tbody id={ids.rows}>
              {desk.session.map((loan) => (
                <SessionLoanRow lang={lang} loan={loan} />
              ))}
            </tbody>
          </table>
        </SessionList>
      )}
    </>
  );
}

/**
 * The answer to an htmx scan: the new row (if any) and the parts of the page that change with it. The scan form
 * itself stays: the new loan is added to its list, because a scan queued behind this one was taken from that form
 * before this answer came and must still find it on the page (and its own answer adds its own loan).
 */
export function CheckoutScanAnswer(props: {
  desk: Pick<CheckoutDesk, "lang" | "slug" | "csrf" | "servicePoint" | "form">;
  loanIds: number[];
  outcome: CheckoutOutcome;
  lent: SessionLoan | null;
  status: { patronId: string; loanCount: number } | null;
}) {
  const { desk, outcome } = props;
  const { lang } = desk;
  return (
    <>
      {props.lent && <SessionLoanRow lang={lang} loan={props.lent} />}
      {props.status && (
        <hx-partial hx-target={`#${ids.status}`} hx-swap="outerHTML">
          <CheckoutStatus
            lang={lang}
            slug={desk.slug}
            patronId={props.status.patronId}
            loanCount={props.status.loanCount}
          />
        </hx-partial>
      )}
      {props.lent && (
        <hx-partial hx-target={`#${ids.sessionLoans}`} hx-swap="beforeend">
          <LoanIdField id={props.lent.id} />
        </hx-partial>
      )}
      <hx-partial hx-target={`#${ids.outcome}`} hx-swap="innerHTML">
        <CheckoutOutcomeNotice lang={lang} outcome={outcome} />
      </hx-partial>
      <hx-partial hx-target={`#${ids.override}`} hx-swap="innerHTML">
        {!outcome.ok && outcome.overridable && (
          <OverrideForm desk={desk} loanIds={props.loanIds} barcode={outcome.barcode} />
        )}
      </hx-partial>
    </>
  );
}

/** An htmx scan that could not be handled at all (the form expired): only the outcome changes. */
export function CheckoutScanFailure(props: { lang: Lang; message: string }) {
  return (
    <hx-partial hx-target={`#${ids.outcome}`} hx-swap="innerHTML">
      <div class="notice notice-danger">
        <p class="notice-title">{props.message}</p>
      </div>
    </hx-partial>
  );
}

function CredentialForm(props: { desk: CheckoutDesk }) {
  const { desk } = props;
  const { lang, slug, form } = desk;
  const problem = desk.credentialProblem;
  const describedBy = problem ? `${ids.credential}-error` : undefined;
  return (
    <form method="post" action={`/${slug}/staff/checkout`} class="desk-form credential-form">
      <input type="hidden" name="_csrf" value={desk.csrf} />
      <input type="hidden" name="step" value="patron" />
      <input type="hidden" name="servicePoint" value={desk.servicePoint} />
      <div class="field-row credential-row">
        <div class="field credential-kind">
          <label for={ids.credentialKind}>{t(lang, "credentialKind")}</label>
          <select id={ids.credentialKind} name="credentialKind">
            {(["card", "felica", "mynumber", "line"] as const).map((kind) => (
              <option value={kind} selected={kind === form.credentialKind}>
                {credentialNames[kind]![lang]}
              </option>
            ))}
          </select>
        </div>
        <div class={problem ? "field field-invalid" : "field"}>
          <label for={ids.credential}>{t(lang, "credentialValue")}</label>
          {problem && (
            <p id={`${ids.credential}-error`} class="field-error" role="alert">
              <span class="visually-hidden">{lang === "ja" ? "エラー: " : "Error: "}</span>
              {problem}
            </p>
          )}
          <input
            id={ids.credential}
            name="credential"
            type="text"
            value={form.credential}
            maxlength={256}
            autocomplete="off"
            autocapitalize="off"
            spellcheck={false}
            enterkeyhint="go"
            required
            aria-invalid={problem ? "true" : undefined}
            aria-describedby={describedBy}
            autofocus={desk.patron === null}
          />
        </div>
      </div>
      <div class="form-actions-note">
        <button type="submit">{t(lang, "readCredential")}</button>
        {desk.patron && (
          <a class="next-patron" href={`/${slug}/staff/checkout`}>
            {t(lang, "nextPatron")}
          </a>
        )}
      </div>
    </form>
  );
}

function PatronPanel(props: { desk: CheckoutDesk; patron: PatronView }) {
  const { desk, patron } = props;
  const { lang, slug } = desk;
  return (
    <div class="desk-patron">
      <p class="desk-patron-name">
        <a href={`/${slug}/staff/patrons/${patron.id}`}>
          {patron.familyName} {patron.givenName}
        </a>
        <span class="patron-reading">
          {patron.familyNameKana} {patron.givenNameKana}
        </span>
      </p>
      <p class="patron-keyline">
        <span>
          {t(lang, "newCardNumber")}: <strong class="card-number">{patron.cardNumber ?? "—"}</strong>
        </span>
        <span>
          {t(lang, "expiresOn")}: <strong>{formatDate(lang, patron.expiresOn)}</strong>
        </span>
      </p>
      <PatronNotices lang={lang} patron={patron} />
      <CheckoutStatus lang={lang} slug={slug} patronId={patron.id} loanCount={desk.loanCount} />
    </div>
  );
}

/** How many items the patron has now, and where to go from here (the slip once there is a loan). */
function CheckoutStatus(props: { lang: Lang; slug: string; patronId: string; loanCount: number }) {
  const { lang, slug, patronId } = props;
  const base = `/${slug}/staff/patrons/${patronId}/loans`;
  return (
    <div id={ids.status} class="checkout-status">
      <p class="loan-count">
        {t(lang, "onLoanNow")}: <strong>{props.loanCount}</strong> {t(lang, "itemsUnit")}
      </p>
      <ul class="action-links">
        {props.loanCount > 0 && (
          <li>
            <a href={`${base}/slip`}>{t(lang, "printSlip")}</a>
          </li>
        )}
        <li>
          <a href={base}>{t(lang, "patronLoans")}</a>
        </li>
      </ul>
    </div>
  );
}

/** The desk's state every item form carries: who borrows, where, and the loans made so far. */
function DeskFields(props: {
  desk: Pick<CheckoutDesk, "csrf" | "servicePoint" | "form">;
  loanIds: number[];
  loansId?: string;
}) {
  const { desk } = props;
  return (
    <>
      <input type="hidden" name="_csrf" value={desk.csrf} />
      <input type="hidden" name="servicePoint" value={desk.servicePoint} />
      <input type="hidden" name="credentialKind" value={desk.form.credentialKind} />
      <input type="hidden" name="credential" value={desk.form.credential} />
      <span id={props.loansId} hidden>
        {props.loanIds.map((id) => (
          <LoanIdField id={id} />
        ))}
      </span>
    </>
  );
}

function LoanIdField(props: { id: number }) {
  return <input type="hidden" name="loan" value={String(props.id)} />;
}

function ScanForm(props: {
  desk: Pick<CheckoutDesk, "lang" | "slug" | "csrf" | "servicePoint" | "form">;
  loanIds: number[];
}) {
  const { desk } = props;
  return (
    <form
      id={ids.scan}
      method="post"
      action={`/${desk.slug}/staff/checkout`}
      class="desk-form scan-form"
      {...scanTarget(desk.slug)}
    >
      <DeskFields desk={desk} loanIds={props.loanIds} loansId={ids.sessionLoans} />
      <input type="hidden" name="step" value="item" />
      <ScanField lang={desk.lang} id={ids.item} label="itemBarcode" button="lend" hint="itemBarcodeHint" />
    </form>
  );
}

/** Lending despite refusals that are all overridable: the same item again, with the reason recorded. */
function OverrideForm(props: {
  desk: Pick<CheckoutDesk, "lang" | "slug" | "csrf" | "servicePoint" | "form">;
  loanIds: number[];
  barcode: string;
}) {
  const { desk, barcode, loanIds } = props;
  const { lang } = desk;
  return (
    <form
      method="post"
      action={`/${desk.slug}/staff/checkout`}
      class="desk-form override-form"
      {...scanTarget(desk.slug)}
    >
      <DeskFields desk={desk} loanIds={loanIds} />
      <input type="hidden" name="step" value="override" />
      <input type="hidden" name="itemBarcode" value={barcode} />
      <fieldset class="form-section">
        <legend>
          {t(lang, "overrideHeading")}: <span class="card-number">{barcode}</span>
        </legend>
        <p id={`${ids.reason}-hint`} class="field-hint">
          {t(lang, "overrideIntro")}
        </p>
        <div class="field">
          <label for={ids.reason}>{t(lang, "overrideReason")}</label>
          <input
            id={ids.reason}
            name="overrideReason"
            type="text"
            maxlength={500}
            autocomplete="off"
            required
            aria-describedby={`${ids.reason}-hint`}
          />
        </div>
        <div>
          <button type="submit" class="button-warning">
            {t(lang, "overrideSubmit")}
          </button>
        </div>
      </fieldset>
    </form>
  );
}

function CheckoutOutcomeNotice(props: { lang: Lang; outcome: CheckoutOutcome }) {
  const { lang, outcome } = props;
  if (outcome.ok) {
    return (
      <div class="notice notice-ok">
        <p class="notice-title">
          {t(lang, outcome.overridden ? "lentOverridden" : "lentOk")}:{" "}
          <span class="card-number">{outcome.barcode}</span>
        </p>
        <p>
          {outcome.title} — {t(lang, "dueOn")}{" "}
          <strong class="due-date">{formatDate(lang, outcome.dueDate)}</strong>
        </p>
      </div>
    );
  }
  return (
    <RefusalNotice title={t(lang, "cannotLend")} barcode={outcome.barcode} messages={outcome.messages} />
  );
}

function SessionLoanRow(props: { lang: Lang; loan: SessionLoan }) {
  const { lang, loan } = props;
  return (
    <tr>
      <th scope="row" data-label={t(lang, "title")}>
        {loan.title}
      </th>
      <td data-label={t(lang, "itemBarcode")} class="card-number">
        {loan.barcode}
      </td>
      <td data-label={t(lang, "dueOn")}>{formatDate(lang, loan.dueDate)}</td>
    </tr>
  );
}
