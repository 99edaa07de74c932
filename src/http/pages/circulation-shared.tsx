import type { Child } from "hono/jsx";
import type { Lang } from "../context.ts";
import type { CounterPoints, CounterUse } from "./circulation-counter.ts";
import { t, type WordKey } from "./i18n.ts";

/** The staff's own links between the circulation pages. */
export function CirculationNav(props: { lang: Lang; slug: string; current?: CounterUse }) {
  const { lang, slug, current } = props;
  return (
    <nav class="staff-subnav" aria-label={t(lang, "circulationWork")}>
      <ul>
        <li>
          <a href={`/${slug}/staff/checkout`} aria-current={current === "checkout" ? "page" : undefined}>
            {t(lang, "checkout")}
          </a>
        </li>
        <li>
          <a href={`/${slug}/staff/returns`} aria-current={current === "returns" ? "page" : undefined}>
            {t(lang, "returns")}
          </a>
        </li>
        <li>
          <a href={`/${slug}/staff/return-exceptions`}>
            {lang === "ja" ? "返却の確認" : "Return exceptions"}
          </a>
        </li>
        <li>
          <a href={`/${slug}/staff/overdue`}>{lang === "ja" ? "延滞の連絡" : "Overdue calls"}</a>
        </li>
        <li>
          <a href={`/${slug}/staff/ill`}>{lang === "ja" ? "相互貸借" : "ILL items"}</a>
        </li>
        <li>
          <a href={`/${slug}/staff/patrons`}>{t(lang, "patronSearch")}</a>
        </li>
        <li>
          <a href={`/${slug}/staff`}>{t(lang, "staffDashboard")}</a>
        </li>
      </ul>
    </nav>
  );
}

/** The desk's service point, chosen once and remembered by this browser (a plain form, no script needed). */
export function CounterPointForm(props: {
  lang: Lang;
  slug: string;
  csrf: string;
  use: CounterUse;
  counter: CounterPoints;
  selected: string;
}) {
  const { lang, slug, counter } = props;
  return (
    <form method="post" action={`/${slug}/staff/counter-point`} class="counter-point">
      <input type="hidden" name="_csrf" value={props.csrf} />
      <input type="hidden" name="return" value={props.use} />
      <label for="counter-point">{t(lang, "counterPoint")}</label>
      <div class="counter-point-row">
        <select id="counter-point" name="servicePoint">
          {counter.points.map((p) => (
            <option value={p.code} selected={p.code === props.selected}>
              {p.name[lang]}
            </option>
          ))}
        </select>
        <button type="submit" class="button-secondary">
          {t(lang, "switchCounterPoint")}
        </button>
      </div>
    </form>
  );
}

/**
 * The one field a scanner types into, with its submit button beside it. Autofocused, so that after every
 * scan (a page rendered again, or the form swapped in by htmx) the next scan lands here.
 */
export function ScanField(props: { lang: Lang; id: string; label: WordKey; button: WordKey; hint: WordKey }) {
  const { lang, id } = props;
  return (
    <div class="scan-field">
      <label for={id}>{t(lang, props.label)}</label>
      <p id={`${id}-hint`} class="field-hint">
        {t(lang, props.hint)}
      </p>
      <div class="scan-row">
        <input
          id={id}
          name="itemBarcode"
          type="text"
          inputmode="numeric"
          autocomplete="off"
          autocapitalize="off"
          spellcheck={false}
          enterkeyhint="go"
          maxlength={32}
          required
          aria-describedby={`${id}-hint`}
          autofocus
          data-scan
        />
        <button type="submit">{t(lang, props.button)}</button>
      </div>
    </div>
  );
}

/**
 * Where each scan's outcome is announced: a polite live region that stays on the page, so that a screen
 * reader reads what htmx puts into it (a region added with its text would not be read).
 */
export function OutcomeRegion(props: { id: string; children?: Child }) {
  return (
    <div id={props.id} class="scan-outcome" role="status" aria-live="polite" aria-atomic="true">
      {props.children}
    </div>
  );
}

/** A session's list: the table shows once it has a row, the empty note until then (CSS :has, no script). */
export function SessionList(props: {
  lang: Lang;
  headingId: string;
  heading: WordKey;
  empty: WordKey;
  children: Child;
}) {
  const { lang } = props;
  return (
    <section class="session-list" aria-labelledby={props.headingId}>
      <h2 id={props.headingId}>{t(lang, props.heading)}</h2>
      <p class="session-empty">{t(lang, props.empty)}</p>
      <div class="table-scroll">{props.children}</div>
    </section>
  );
}

/** 3 as "3日" or "3 days". */
export function days(lang: Lang, n: number): string {
  return lang === "ja" ? `${n}${t(lang, "daysUnit")}` : `${n} ${t(lang, "daysUnit")}`;
}

/** A scan the rules refused: what was scanned and every reason, in the page's language. */
export function RefusalNotice(props: {
  title: string;
  barcode: string | null | undefined;
  messages: string[];
}) {
  return (
    <div class="notice notice-danger">
      <p class="notice-title">
        {props.title}
        {props.barcode && (
          <>
            : <span class="card-number">{props.barcode}</span>
          </>
        )}
      </p>
      <ul class="refusals">
        {props.messages.map((message) => (
          <li>{message}</li>
        ))}
      </ul>
    </div>
  );
}
