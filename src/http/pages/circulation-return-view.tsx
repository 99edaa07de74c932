import type { Lang } from "../context.ts";
import type { CounterPoints } from "./circulation-counter.ts";
import type { ReturnForm, ReturnRow } from "./circulation-form-data.ts";
import {
  CirculationNav,
  CounterPointForm,
  days,
  OutcomeRegion,
  RefusalNotice,
  ScanField,
  SessionList,
} from "./circulation-shared.tsx";
import { returnExceptionNames, t } from "./i18n.ts";
import { formatDate } from "./patron-record.tsx";

/**
 * The returns desk (返却): at a counter or from a book drop (with the day it was emptied), items scanned one
 * after another; each row says where the item goes next. As on the checkout desk, the forms post to the
 * page without scripts and to /returns/scan with htmx, which appends the row and swaps the changed parts.
 */

export type ReturnOutcome = { ok: true; row: ReturnRow } | { ok: false; barcode: string; messages: string[] };

export type ReturnDesk = {
  lang: Lang;
  slug: string;
  csrf: string;
  counter: CounterPoints;
  servicePoint: string;
  today: string;
  form: ReturnForm;
  outcome: ReturnOutcome | null;
};

const ids = {
  scan: "return-scan",
  item: "return-itemBarcode",
  outcome: "return-outcome",
  rows: "return-rows",
  done: "return-done",
  bookDrop: "return-bookDrop",
  emptiedOn: "return-emptiedOn",
};

export function ReturnPage(props: { desk: ReturnDesk }) {
  const { desk } = props;
  const { lang, slug } = desk;
  return (
    <>
      <CirculationNav lang={lang} slug={slug} current="returns" />
      <h1>{t(lang, "returns")}</h1>
      <CounterPointForm
        lang={lang}
        slug={slug}
        csrf={desk.csrf}
        use="returns"
        counter={desk.counter}
        selected={desk.servicePoint}
      />
      <ReturnScanForm desk={desk} />
      <OutcomeRegion id={ids.outcome}>
        {desk.outcome && <ReturnOutcomeNotice lang={lang} today={desk.today} outcome={desk.outcome} />}
      </OutcomeRegion>
      <SessionList lang={lang} headingId="return-session" heading="returnResults" empty="noReturnResults">
        <table class="patron-table session-table">
          <thead>
            <tr>
              <th scope="col">{t(lang, "title")}</th>
              <th scope="col">{t(lang, "itemBarcode")}</th>
              <th scope="col">{t(lang, "overdueDays")}</th>
              <th scope="col">{t(lang, "nextPlace")}</th>
              <th scope="col">{t(lang, "returnChecks")}</th>
            </tr>
          </thead>
          <tbody id={ids.rows}>
            {desk.form.done.map((row) => (
              <ReturnRowView lang={lang} today={desk.today} row={row} />
            ))}
          </tbody>
        </table>
      </SessionList>
    </>
  );
}

/**
 * The answer to an htmx scan: the new row, its copy added to the scan form's list, the outcome. The scan form
 * stays (a scan queued behind this one was taken from it and answers into it), with what the clerk chose in it.
 */
export function ReturnScanAnswer(props: { desk: ReturnDesk }) {
  const { desk } = props;
  const { lang, outcome } = desk;
  return (
    <>
      {outcome?.ok && <ReturnRowView lang={lang} today={desk.today} row={outcome.row} />}
      {outcome?.ok && (
        <hx-partial hx-target={`#${ids.done}`} hx-swap="beforeend">
          <DoneField row={outcome.row} />
        </hx-partial>
      )}
      <hx-partial hx-target={`#${ids.outcome}`} hx-swap="innerHTML">
        {outcome && <ReturnOutcomeNotice lang={lang} today={desk.today} outcome={outcome} />}
      </hx-partial>
    </>
  );
}

export function ReturnScanFailure(props: { message: string }) {
  return (
    <hx-partial hx-target={`#${ids.outcome}`} hx-swap="innerHTML">
      <div class="notice notice-danger">
        <p class="notice-title">{props.message}</p>
      </div>
    </hx-partial>
  );
}

function ReturnScanForm(props: { desk: ReturnDesk }) {
  const { desk } = props;
  const { lang, slug, form } = desk;
  const point = desk.counter.points.find((p) => p.code === desk.servicePoint);
  const drops = point?.bookDrops ?? [];
  const via = drops.length > 0 ? form.via : "counter";
  return (
    <form
      id={ids.scan}
      method="post"
      action={`/${slug}/staff/returns`}
      class="desk-form scan-form return-scan"
      hx-post={`/${slug}/staff/returns/scan`}
      hx-sync="this:queue all"
      hx-target={`#${ids.rows}`}
      hx-swap="beforeend"
    >
      <input type="hidden" name="_csrf" value={desk.csrf} />
      <input type="hidden" name="servicePoint" value={desk.servicePoint} />
      <span id={ids.done} hidden>
        {form.done.map((row) => (
          <DoneField row={row} />
        ))}
      </span>
      {drops.length === 0 ? (
        <input type="hidden" name="via" value="counter" />
      ) : (
        <>
          <fieldset class="radio-group return-via">
            <legend>{t(lang, "returnVia")}</legend>
            <div class="radio-row">
              <div class="check">
                <input
                  type="radio"
                  id="return-via-counter"
                  name="via"
                  value="counter"
                  checked={via === "counter"}
                />
                <label for="return-via-counter">{t(lang, "viaCounter")}</label>
              </div>
              <div class="check">
                <input
                  type="radio"
                  id="return-via-bookDrop"
                  name="via"
                  value="bookDrop"
                  checked={via === "bookDrop"}
                />
                <label for="return-via-bookDrop">{t(lang, "viaBookDrop")}</label>
              </div>
            </div>
          </fieldset>
          <div class="field-row drop-fields">
            <div class="field">
              <label for={ids.bookDrop}>{t(lang, "bookDrop")}</label>
              <select id={ids.bookDrop} name="bookDrop">
                {drops.map((drop) => (
                  <option value={drop.code} selected={drop.code === form.bookDrop}>
                    {drop.name[lang]}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for={ids.emptiedOn}>{t(lang, "emptiedOn")}</label>
              <p id={`${ids.emptiedOn}-hint`} class="field-hint">
                {t(lang, "emptiedOnHint")}
              </p>
              <input
                id={ids.emptiedOn}
                name="emptiedOn"
                type="date"
                value={form.emptiedOn || desk.today}
                max={desk.today}
                aria-describedby={`${ids.emptiedOn}-hint`}
              />
            </div>
          </div>
        </>
      )}
      <ScanField lang={lang} id={ids.item} label="itemBarcode" button="returnItem" hint="itemBarcodeHint" />
    </form>
  );
}

/** Where the item goes next, as staff put it on a trolley: hold shelf, transit, the lender, or the shelf. */
function nextPlace(lang: Lang, row: ReturnRow): string {
  if (row.sendBackTo) return `${t(lang, "sendBackTo")}: ${row.sendBackTo}`;
  if (row.holdTrapped?.ready) return t(lang, "toHoldShelf");
  if (row.transitTo) {
    const why = row.holdTrapped ? "transitForHold" : "transitHome";
    return `${t(lang, why)}: ${row.transitTo.name[lang]}`;
  }
  return t(lang, "toShelf");
}

/** Everything staff must check about the return: an item that was not on loan, the drop's exceptions. */
function checksOf(lang: Lang, today: string, row: ReturnRow): string[] {
  const checks: string[] = [];
  if (row.status === "notOnLoan") checks.push(t(lang, "notOnLoan"));
  if (row.status === "arrived") checks.push(t(lang, "arrivedFromTransit"));
  // A book drop's return counts from the day before it was emptied; say so when that is not today.
  if (row.returnedOn && row.returnedOn !== today) {
    checks.push(`${t(lang, "returnedOn")}: ${formatDate(lang, row.returnedOn)}`);
  }
  for (const code of row.exceptions) checks.push(returnExceptionNames[code]?.[lang] ?? code);
  return checks;
}

function ReturnRowView(props: { lang: Lang; today: string; row: ReturnRow }) {
  const { lang, row } = props;
  const checks = checksOf(lang, props.today, row);
  return (
    <tr class={checks.length > 0 ? "needs-check" : undefined}>
      <th scope="row" data-label={t(lang, "title")}>
        {row.title}
      </th>
      <td data-label={t(lang, "itemBarcode")} class="card-number">
        {row.barcode}
      </td>
      <td data-label={t(lang, "overdueDays")} class={row.overdueDays > 0 ? "overdue" : "empty"}>
        {row.overdueDays > 0 ? days(lang, row.overdueDays) : "—"}
      </td>
      <td data-label={t(lang, "nextPlace")} class="next-place">
        {nextPlace(lang, row)}
      </td>
      <td data-label={t(lang, "returnChecks")} class={checks.length > 0 ? "return-checks" : "empty"}>
        {checks.length > 0 ? (
          <ul>
            {checks.map((check) => (
              <li>{check}</li>
            ))}
          </ul>
        ) : (
          "—"
        )}
      </td>
    </tr>
  );
}

function ReturnOutcomeNotice(props: { lang: Lang; today: string; outcome: ReturnOutcome }) {
  const { lang, outcome } = props;
  if (!outcome.ok) {
    return (
      <RefusalNotice title={t(lang, "cannotReturn")} barcode={outcome.barcode} messages={outcome.messages} />
    );
  }
  const { row } = outcome;
  const title =
    row.status === "returned" ? "returnedOk" : row.status === "arrived" ? "arrivedFromTransit" : "notOnLoan";
  // The status is the notice's title already; the rest of the row's checks follow it.
  const checks = checksOf(lang, props.today, row).filter((check) => check !== t(lang, title));
  return (
    <div class={`notice ${checks.length > 0 || row.overdueDays > 0 ? "notice-warning" : "notice-ok"}`}>
      <p class="notice-title">
        {t(lang, title)}: <span class="card-number">{row.barcode}</span>
      </p>
      <p>
        {row.title} — <strong class="next-place">{nextPlace(lang, row)}</strong>
      </p>
      {row.overdueDays > 0 && (
        <p>
          {t(lang, "overdueDays")}: <strong>{days(lang, row.overdueDays)}</strong>
        </p>
      )}
      {checks.length > 0 && (
        <ul>
          {checks.map((check) => (
            <li>{check}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A returned row's copy in the scan form, so that a page drawn without scripts lists the session so far. */
function DoneField(props: { row: ReturnRow }) {
  return <input type="hidden" name="done" value={JSON.stringify(props.row)} />;
}
