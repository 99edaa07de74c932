import type { LoanView } from "../../services/circulation/list-loans.ts";
import type { PatronView } from "../../services/patrons/patron-view.ts";
import type { Lang } from "../context.ts";
import { describeError } from "../error-messages.ts";
import { CirculationNav } from "./circulation-shared.tsx";
import { t } from "./i18n.ts";
import { formatDate, PatronNotices } from "./patron-record.tsx";

/** What a renewal did, shown above the list: the new due date, or every reason it was refused. */
export type RenewalOutcome =
  | { ok: true; title: string; dueDate: string }
  | { ok: false; title: string; messages: string[] };

/** A patron's current loans at the counter (貸出状況): due dates, overdue ones marked, renewal per loan. */
export function PatronLoansPage(props: {
  lang: Lang;
  slug: string;
  csrf: string;
  patron: PatronView;
  loans: LoanView[];
  outcome: RenewalOutcome | null;
}) {
  const { lang, slug, patron, loans, outcome } = props;
  const base = `/${slug}/staff/patrons/${patron.id}`;
  return (
    <>
      <CirculationNav lang={lang} slug={slug} />
      <div class="patron-heading">
        <h1>
          {t(lang, "loansTitle")}: {patron.familyName} {patron.givenName}
          <span class="patron-reading">
            {patron.familyNameKana} {patron.givenNameKana}
          </span>
        </h1>
        <p class="patron-keyline">
          <span>
            {t(lang, "newCardNumber")}: <strong class="card-number">{patron.cardNumber ?? "—"}</strong>
          </span>
          <span>
            {t(lang, "onLoanNow")}: <strong class="loan-count">{loans.length}</strong> {t(lang, "itemsUnit")}
          </span>
        </p>
      </div>
      {outcome?.ok && (
        <div class="notice notice-ok" role="status">
          <p class="notice-title">
            {t(lang, "renewedOk")}: {outcome.title}
          </p>
          <p>
            {t(lang, "newDueDate")}: <strong class="due-date">{formatDate(lang, outcome.dueDate)}</strong>
          </p>
        </div>
      )}
      {outcome && !outcome.ok && (
        <div class="notice notice-danger" role="alert">
          <p class="notice-title">
            {t(lang, "cannotRenew")}: {outcome.title}
          </p>
          <ul>
            {outcome.messages.map((message) => (
              <li>{message}</li>
            ))}
          </ul>
        </div>
      )}
      <PatronNotices lang={lang} patron={patron} />
      <ul class="action-links">
        {loans.length > 0 && (
          <li>
            <a href={`${base}/loans/slip`}>{t(lang, "printSlip")}</a>
          </li>
        )}
        <li>
          <a href={base}>{t(lang, "backToRecord")}</a>
        </li>
      </ul>
      {loans.length === 0 ? (
        <p>{t(lang, "noLoans")}</p>
      ) : (
        <div class="table-scroll">
          <table class="patron-table loans-table">
            <thead>
              <tr>
                <th scope="col">{t(lang, "title")}</th>
                <th scope="col">{t(lang, "itemBarcode")}</th>
                <th scope="col">{t(lang, "loanedOn")}</th>
                <th scope="col">{t(lang, "dueOn")}</th>
                <th scope="col">{t(lang, "renewalsCount")}</th>
                <th scope="col">{t(lang, "renewalColumn")}</th>
              </tr>
            </thead>
            <tbody>
              {loans.map((loan) => (
                <LoanRow lang={lang} csrf={props.csrf} base={base} loan={loan} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function LoanRow(props: { lang: Lang; csrf: string; base: string; loan: LoanView }) {
  const { lang, loan } = props;
  return (
    <tr class={loan.overdue ? "loan-overdue" : undefined}>
      <th scope="row" data-label={t(lang, "title")}>
        {/* One box for the title and its call number: on a phone the cell is a label–value grid. */}
        <span>
          {loan.item.title}
          {loan.item.callNumber && <span class="call-number">{loan.item.callNumber}</span>}
        </span>
      </th>
      <td data-label={t(lang, "itemBarcode")} class="card-number">
        {loan.item.barcode}
      </td>
      <td data-label={t(lang, "loanedOn")}>{formatDate(lang, loan.loanedOn)}</td>
      <td data-label={t(lang, "dueOn")}>
        <span class="due-date">{formatDate(lang, loan.dueDate)}</span>
        {loan.overdue && <span class="badge badge-overdue">{t(lang, "overdue")}</span>}
      </td>
      <td data-label={t(lang, "renewalsCount")}>{loan.renewals}</td>
      <td data-label={t(lang, "renewalColumn")}>
        {loan.renewable ? (
          <form method="post" action={`${props.base}/loans/${loan.id}/renewal`} class="renew-form">
            <input type="hidden" name="_csrf" value={props.csrf} />
            <button type="submit">
              {t(lang, "renewLoan")}
              <span class="visually-hidden"> {loan.item.title}</span>
            </button>
          </form>
        ) : (
          <div class="not-renewable">
            <p>{t(lang, "notRenewable")}</p>
            <ul>
              {loan.renewalRefusals.map((refusal) => (
                <li>{describeError(refusal.code)[lang]}</li>
              ))}
            </ul>
          </div>
        )}
      </td>
    </tr>
  );
}

/**
 * The due-date slip handed over with the items (返却期限票). It names no one: the card's last four digits,
 * the titles and their due dates are enough for the patron, and nothing more leaves the library on paper.
 */
export function DueDateSlip(props: {
  lang: Lang;
  slug: string;
  patronId: string;
  systemName: string;
  cardNumber: string | null;
  today: string;
  loans: LoanView[];
}) {
  const { lang, loans } = props;
  const base = `/${props.slug}/staff/patrons/${props.patronId}/loans`;
  return (
    <>
      <div class="no-print">
        <CirculationNav lang={lang} slug={props.slug} />
        <h1>{t(lang, "slipTitle")}</h1>
        <p>{t(lang, "slipHint")}</p>
      </div>
      <section class="due-slip" aria-labelledby="slip-heading">
        <p class="due-slip-system">{props.systemName}</p>
        <h2 id="slip-heading" class="due-slip-heading">
          {t(lang, "slipHeading")}
        </h2>
        <dl class="due-slip-facts">
          <dt>{t(lang, "slipCard")}</dt>
          <dd class="card-number">{props.cardNumber ? props.cardNumber.slice(-4) : "—"}</dd>
          <dt>{t(lang, "slipPrintedOn")}</dt>
          <dd>{formatDate(lang, props.today)}</dd>
        </dl>
        {loans.length === 0 ? (
          <p>{t(lang, "noLoans")}</p>
        ) : (
          <ol class="due-slip-items">
            {loans.map((loan) => (
              <li>
                <span class="due-slip-title">{loan.item.title}</span>
                <span class="due-slip-due">
                  {t(lang, "dueOn")}: <strong>{formatDate(lang, loan.dueDate)}</strong>
                </span>
              </li>
            ))}
          </ol>
        )}
        <p class="due-slip-footer">{t(lang, "slipFooter")}</p>
      </section>
      <div class="no-print">
        <ul class="action-links">
          <li>
            <a href={base}>{t(lang, "backToLoans")}</a>
          </li>
          <li>
            <a href={`/${props.slug}/staff/checkout`}>{t(lang, "checkout")}</a>
          </li>
        </ul>
      </div>
    </>
  );
}
