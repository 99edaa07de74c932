import type { Context } from "hono";
import { Hono } from "hono";
import { japanDate } from "../../clock.ts";
import type { FeeEntryRow, FeeTotalRow } from "../../db/queries/fee-ledger.ts";
import type { PhotocopyRequestRow } from "../../db/queries/photocopy-requests.ts";
import { isIsoDate } from "../../domain/calendar/dates.ts";
import { AppError, isAppError } from "../../domain/errors.ts";
import type { FeeKind } from "../../domain/fees/fee-ledger.ts";
import { type PhotocopyScope, photocopyChecklist } from "../../domain/fees/photocopy-rules.ts";
import { getFeeDay, getFeeEntry, recordPostage, refundFee } from "../../services/fees/fee-ledger.ts";
import { getPhotocopyRequest, recordPhotocopy } from "../../services/fees/record-photocopy.ts";
import { getPolicyInForce } from "../../services/policies/get-policy-in-force.ts";
import { staffActor } from "../client-address.ts";
import { type AppEnv, type Lang, useCaseContext } from "../context.ts";
import { photocopyRuleNames } from "../error-messages/fees.ts";
import { counterPoints, counterStaff } from "./circulation-counter.ts";
import { type Body, csrfCheckedBody, many, one, scannedNumber } from "./circulation-form-data.ts";
import { csrfToken } from "./csrf.ts";
import { Layout } from "./layout.tsx";
import { formatDate } from "./patron-record.tsx";
import { RefusalBox } from "./refusal-box.tsx";
import { shell } from "./shell.ts";

const words = {
  photocopyTitle: { ja: "複写の受付", en: "Photocopy request" },
  ledgerTitle: { ja: "料金台帳", en: "Fee ledger" },
  receiptTitle: { ja: "領収書", en: "Receipt" },
  staffMenu: { ja: "職員メニュー", en: "Staff menu" },
  photocopyIntro: {
    ja: "著作権法第31条の範囲内で複写を受け付けます。申込者に確認事項を読んでいただき、すべてに同意を得てから受け付けてください。",
    en: "Copies are made within copyright law art. 31. Have the patron read the statements and confirm each before taking the request.",
  },
  servicePoint: { ja: "受付場所", en: "Service point" },
  itemBarcode: { ja: "資料バーコード(ある場合)", en: "Item barcode (if it has one)" },
  itemBarcodeHint: {
    ja: "バーコードを読むと、資料名と雑誌の最新号かどうかは所蔵データから取ります。",
    en: "With a barcode, the title and whether it is a magazine's current issue come from the holdings.",
  },
  materialTitle: { ja: "資料名", en: "Title" },
  periodical: { ja: "雑誌・新聞などの逐次刊行物", en: "A periodical (magazine, newspaper …)" },
  currentIssue: { ja: "最新号である", en: "It is the current issue" },
  scope: { ja: "複写の範囲", en: "What is copied" },
  partOfWork: { ja: "著作物の一部分", en: "Part of a work" },
  wholeArticle: {
    ja: "雑誌の記事1編の全部(最新号を除く)",
    en: "A whole article of a periodical (not the current issue)",
  },
  wholeWork: { ja: "著作物の全部", en: "The whole work" },
  pages: { ja: "複写する箇所(ページ)", en: "Pages copied" },
  copies: { ja: "部数", en: "Copies" },
  monoPages: { ja: "白黒(枚)", en: "Black and white (pages)" },
  colourPages: { ja: "カラー(枚)", en: "Colour (pages)" },
  prices: {
    ja: "料金: 白黒1枚{mono}円、カラー1枚{colour}円",
    en: "Fees: {mono} yen a black-and-white page, {colour} yen a colour page",
  },
  checklist: { ja: "申込者の確認事項(著作権法第31条)", en: "The patron confirms (copyright law art. 31)" },
  forResearch: { ja: "調査研究のための複写です。", en: "The copy is for research." },
  onePerPerson: { ja: "複写は1人1部です。", en: "One copy per person." },
  withinScope: {
    ja: "著作物の一部分(発行後相当期間を経た雑誌は記事1編の全部)までの複写です。",
    en: "Only part of a work (or one whole article of a periodical issue that is no longer current).",
  },
  record: { ja: "受け付けて料金を記録する", en: "Take the request and record the fee" },
  refusedHeading: { ja: "お受けできません", en: "Cannot be taken" },
  ledgerIntro: {
    ja: "その日に受け取った料金(複写、郵送貸出やリクエストの送料、デジタル化資料の複写)と返金です。返金は理由を記録し、元の記録は書き換えません。",
    en: "The fees taken on a day (photocopies, postal-loan and request postage, NDL prints) and the refunds. A refund records its reason; the original entry is never rewritten.",
  },
  day: { ja: "日付", en: "Day" },
  allPoints: { ja: "すべての受付場所", en: "All service points" },
  show: { ja: "表示", en: "Show" },
  totals: { ja: "受付場所・種別ごとの合計", en: "Totals per service point and kind" },
  kind: { ja: "種別", en: "Kind" },
  entries: { ja: "件数", en: "Entries" },
  received: { ja: "受領額", en: "Received" },
  refunded: { ja: "返金額", en: "Refunded" },
  net: { ja: "差引", en: "Net" },
  dayTotal: { ja: "合計", en: "Total" },
  entriesHeading: { ja: "記録", en: "Entries" },
  none: { ja: "この日の記録はありません。", en: "Nothing recorded on this day." },
  number: { ja: "番号", en: "No." },
  time: { ja: "時刻", en: "Time" },
  amount: { ja: "金額", en: "Amount" },
  by: { ja: "担当", en: "Staff" },
  refundOf: { ja: "No.{n} の返金", en: "Refund of No. {n}" },
  refund: { ja: "返金する", en: "Refund" },
  refundAmount: { ja: "返金額(円、空欄なら残額すべて)", en: "Amount (yen; empty for all that remains)" },
  reason: { ja: "理由", en: "Reason" },
  receipt: { ja: "領収書", en: "Receipt" },
  done: { ja: "記録しました。", en: "Recorded." },
  newPhotocopy: { ja: "複写を受け付ける", en: "Take a photocopy request" },
  printHint: {
    ja: "ブラウザの印刷機能で印刷してください(画面の操作部分は印刷されません)。",
    en: "Print with the browser's print command (the page's controls are not printed).",
  },
  receiptNumber: { ja: "領収番号", en: "Receipt no." },
  receivedOn: { ja: "受領日", en: "Date" },
  detail: { ja: "内容", en: "For" },
  receivedWords: { ja: "上記の金額を領収いたしました。", en: "Received with thanks." },
  refundsHeading: { ja: "返金", en: "Refunds" },
  refundReceipt: { ja: "返金の記録", en: "Refund record" },
  yen: { ja: "{n}円", en: "¥{n}" },
  postage: { ja: "送料を記録する", en: "Record postage" },
  postageKind: { ja: "種別", en: "For" },
  postageAmount: { ja: "金額(円)", en: "Amount (yen)" },
  postageReference: {
    ja: "対象(貸出・リクエストの番号など、任意)",
    en: "For which loan or request (optional)",
  },
} as const;

const w = (lang: Lang, key: keyof typeof words) => words[key][lang];
const yen = (lang: Lang, n: number) => w(lang, "yen").replace("{n}", n.toLocaleString("ja-JP"));

export const feeKindNames: Record<FeeKind, { ja: string; en: string }> = {
  photocopy: { ja: "複写料金", en: "Photocopies" },
  postalLoanPostage: { ja: "郵送貸出の送料", en: "Postal-loan postage" },
  requestPostage: { ja: "リクエストの送料", en: "Request postage" },
  ndlPrint: { ja: "デジタル化資料の複写", en: "NDL digital prints" },
};

type PhotocopyForm = {
  servicePoint: string;
  itemBarcode: string;
  title: string;
  periodical: boolean;
  currentIssue: boolean;
  scope: string;
  pagesDescription: string;
  copies: string;
  monoPages: string;
  colourPages: string;
  confirmed: string[];
};

/**
 * The counter's fee pages (001): /staff/photocopies takes a copy request with the art. 31 checklist;
 * /staff/fees is the day's ledger with totals per service point and refunds; /staff/fees/{id}/receipt is a
 * receipt to print on the counter's slip printer.
 */
export function staffFeePages() {
  const app = new Hono<AppEnv>();
  for (const path of ["/staff/photocopies", "/staff/fees", "/staff/fees/*"]) app.use(path, counterStaff);

  app.get("/staff/photocopies", (c) => photocopyPage(c, {}));

  app.post("/staff/photocopies", async (c) => {
    const body = await csrfCheckedBody(c);
    const form = photocopyFormOf(body);
    try {
      const made = await recordPhotocopy(
        { ...useCaseContext(c), staff: staffActor(c) },
        photocopyInput(form),
      );
      return c.redirect(`/${c.get("system").slug}/staff/fees/${made.feeEntryId}/receipt?done=1`, 303);
    } catch (error) {
      if (!isAppError(error)) throw error;
      return photocopyPage(c, { form, refusal: { code: error.code, details: error.details } }, 409);
    }
  });

  app.get("/staff/fees", (c) => ledgerPage(c, {}));

  app.post("/staff/fees/postage", async (c) => {
    const body = await csrfCheckedBody(c);
    const kind = one(body, "kind");
    const amount = Number(one(body, "amountYen"));
    try {
      if (kind !== "postalLoanPostage" && kind !== "requestPostage") {
        throw new AppError("VALIDATION_FAILED", { field: "kind" });
      }
      if (!Number.isSafeInteger(amount) || amount <= 0 || amount > 100_000) {
        throw new AppError("VALIDATION_FAILED", { field: "amountYen" });
      }
      const made = await recordPostage(
        { ...useCaseContext(c), staff: staffActor(c) },
        {
          kind,
          servicePoint: one(body, "servicePoint").slice(0, 64),
          amountYen: amount,
          reference: one(body, "reference").trim().slice(0, 64) || null,
        },
      );
      return c.redirect(`/${c.get("system").slug}/staff/fees/${made.id}/receipt?done=1`, 303);
    } catch (error) {
      if (!isAppError(error)) throw error;
      return ledgerPage(c, { refusal: { code: error.code, details: error.details } }, 409);
    }
  });

  app.post("/staff/fees/:id/refund", async (c) => {
    const body = await csrfCheckedBody(c);
    const day = one(body, "day");
    const amount = one(body, "amountYen").trim();
    try {
      const reason = one(body, "reason").trim().slice(0, 500);
      if (!reason) throw new AppError("VALIDATION_FAILED", { field: "reason" });
      const asked = amount === "" ? null : Number(amount);
      if (asked !== null && !(Number.isSafeInteger(asked) && asked > 0)) {
        throw new AppError("VALIDATION_FAILED", { field: "amountYen" });
      }
      await refundFee({ ...useCaseContext(c), staff: staffActor(c) }, Number(c.req.param("id")) || 0, {
        reason,
        amountYen: asked,
      });
    } catch (error) {
      if (!isAppError(error)) throw error;
      return ledgerPage(c, { refusal: { code: error.code, details: error.details } }, 409);
    }
    const query = new URLSearchParams({ done: "1", ...(isIsoDate(day) ? { date: day } : {}) });
    return c.redirect(`/${c.get("system").slug}/staff/fees?${query}`, 303);
  });

  app.get("/staff/fees/:id/receipt", async (c) => {
    const s = shell(c);
    const lang = s.prefs.lang;
    const slug = c.get("system").slug;
    const ctx = useCaseContext(c);
    const id = Number(c.req.param("id"));
    if (!Number.isSafeInteger(id) || id <= 0) throw new AppError("FEE_ENTRY_NOT_FOUND", {});
    const entry = await getFeeEntry(ctx, id);
    const photocopy =
      entry.subjectType === "photocopyRequest" && entry.subjectId
        ? await getPhotocopyRequest(ctx, Number(entry.subjectId))
        : null;
    const { policy } = await getPolicyInForce(ctx.db, ctx.librarySystemId, entry.recordedOn);
    const system = c.get("system");
    c.header("Cache-Control", "no-store");
    return c.html(
      <Layout shell={s} title={w(lang, "receiptTitle")}>
        <div class="no-print">
          <p>
            <a href={`/${slug}/staff`}>{w(lang, "staffMenu")}</a>
          </p>
          {c.req.query("done") === "1" && (
            <p class="notice" role="status">
              {w(lang, "done")}
            </p>
          )}
          <h1>{entry.refundOf === null ? w(lang, "receiptTitle") : w(lang, "refundReceipt")}</h1>
          <p>{w(lang, "printHint")}</p>
        </div>
        <section class="due-slip" aria-labelledby="receipt-heading">
          <p class="due-slip-system">{lang === "ja" ? system.nameJa : system.nameEn}</p>
          <h2 id="receipt-heading" class="due-slip-heading">
            {entry.refundOf === null ? w(lang, "receiptTitle") : w(lang, "refundReceipt")}
          </h2>
          <dl class="due-slip-facts">
            <dt>{w(lang, "receiptNumber")}</dt>
            <dd>{entry.id}</dd>
            <dt>{w(lang, "receivedOn")}</dt>
            <dd>{formatDate(lang, entry.recordedOn)}</dd>
            <dt>{w(lang, "servicePoint")}</dt>
            <dd>{entry.servicePointName[lang]}</dd>
            <dt>{w(lang, "detail")}</dt>
            <dd>
              {feeKindNames[entry.kind][lang]}
              {entry.refundOf !== null && (
                <> ({w(lang, "refundOf").replace("{n}", String(entry.refundOf))})</>
              )}
            </dd>
            {photocopy && <PhotocopyLines lang={lang} row={photocopy} prices={policy.fees} />}
            <dt>{w(lang, "amount")}</dt>
            <dd>
              <strong>{yen(lang, entry.amountYen)}</strong>
            </dd>
            {entry.refundedYen > 0 && (
              <>
                <dt>{w(lang, "refunded")}</dt>
                <dd>{yen(lang, entry.refundedYen)}</dd>
              </>
            )}
            {entry.reason && (
              <>
                <dt>{w(lang, "reason")}</dt>
                <dd>{entry.reason}</dd>
              </>
            )}
          </dl>
          {entry.refundOf === null && <p class="due-slip-footer">{w(lang, "receivedWords")}</p>}
        </section>
        <ul class="action-links no-print">
          <li>
            <a href={`/${slug}/staff/photocopies`}>{w(lang, "newPhotocopy")}</a>
          </li>
          <li>
            <a href={`/${slug}/staff/fees?date=${entry.recordedOn}`}>{w(lang, "ledgerTitle")}</a>
          </li>
        </ul>
      </Layout>,
    );
  });

  return app;
}

function PhotocopyLines(props: {
  lang: Lang;
  row: PhotocopyRequestRow;
  prices: { photocopyMonoYen: number; photocopyColourYen: number };
}) {
  const { lang, row, prices } = props;
  return (
    <>
      <dt>{w(lang, "materialTitle")}</dt>
      <dd>
        {row.title}
        {row.pagesDescription && <> ({row.pagesDescription})</>}
      </dd>
      {row.monoPages > 0 && (
        <>
          <dt>{w(lang, "monoPages")}</dt>
          <dd>
            {row.monoPages} × {yen(lang, prices.photocopyMonoYen)}
          </dd>
        </>
      )}
      {row.colourPages > 0 && (
        <>
          <dt>{w(lang, "colourPages")}</dt>
          <dd>
            {row.colourPages} × {yen(lang, prices.photocopyColourYen)}
          </dd>
        </>
      )}
    </>
  );
}

function photocopyFormOf(body: Body): PhotocopyForm {
  return {
    servicePoint: one(body, "servicePoint").slice(0, 64),
    itemBarcode: scannedNumber(one(body, "itemBarcode")).slice(0, 32),
    title: one(body, "title").trim().slice(0, 256),
    periodical: one(body, "periodical") === "yes",
    currentIssue: one(body, "currentIssue") === "yes",
    scope: one(body, "scope"),
    pagesDescription: one(body, "pagesDescription").trim().slice(0, 200),
    copies: one(body, "copies").trim() || "1",
    monoPages: one(body, "monoPages").trim() || "0",
    colourPages: one(body, "colourPages").trim() || "0",
    confirmed: many(body, "confirmed"),
  };
}

/** The form as the use case takes it; a number that is not a count is a validation error naming its field. */
function photocopyInput(form: PhotocopyForm) {
  const count = (field: "copies" | "monoPages" | "colourPages", min: number) => {
    const n = Number(form[field]);
    if (!Number.isSafeInteger(n) || n < min || n > 2000) throw new AppError("VALIDATION_FAILED", { field });
    return n;
  };
  if (!["partOfWork", "wholeArticle", "wholeWork"].includes(form.scope)) {
    throw new AppError("VALIDATION_FAILED", { field: "scope" });
  }
  const monoPages = count("monoPages", 0);
  const colourPages = count("colourPages", 0);
  if (monoPages + colourPages === 0) throw new AppError("VALIDATION_FAILED", { field: "monoPages" });
  return {
    servicePoint: form.servicePoint,
    itemBarcode: form.itemBarcode || null,
    title: form.title || null,
    periodical: form.periodical,
    currentIssue: form.currentIssue,
    scope: form.scope as PhotocopyScope,
    pagesDescription: form.pagesDescription || null,
    copies: count("copies", 1),
    monoPages,
    colourPages,
    confirmed: form.confirmed.filter((item) => (photocopyChecklist as readonly string[]).includes(item)),
  };
}

type Refusal = { code: string; details: Record<string, unknown> };

function RefusalNotice(props: { lang: Lang; refusal: Refusal }) {
  const { lang, refusal } = props;
  const rule =
    typeof refusal.details.rule === "string" ? photocopyRuleNames[refusal.details.rule] : undefined;
  const field = typeof refusal.details.field === "string" ? refusal.details.field : null;
  const more = [
    ...(rule ? [rule[lang]] : []),
    ...(field && field in words ? [w(lang, field as keyof typeof words)] : []),
  ];
  return <RefusalBox lang={lang} heading={w(lang, "refusedHeading")} code={refusal.code} more={more} />;
}

async function photocopyPage(
  c: Context<AppEnv>,
  state: { form?: PhotocopyForm; refusal?: Refusal },
  status: 200 | 409 = 200,
) {
  const s = shell(c);
  const lang = s.prefs.lang;
  const slug = c.get("system").slug;
  const ctx = useCaseContext(c);
  const [counter, { policy }] = await Promise.all([
    counterPoints(c, "returns"),
    getPolicyInForce(ctx.db, ctx.librarySystemId, japanDate(ctx.now)),
  ]);
  const form = state.form;
  const chosenPoint = form?.servicePoint || counter.current.code;
  const csrf = csrfToken(c);
  const scope = form?.scope ?? "partOfWork";
  c.header("Cache-Control", "no-store");
  return c.html(
    <Layout shell={s} title={w(lang, "photocopyTitle")}>
      <p>
        <a href={`/${slug}/staff`}>{w(lang, "staffMenu")}</a> ·{" "}
        <a href={`/${slug}/staff/fees`}>{w(lang, "ledgerTitle")}</a>
      </p>
      <h1>{w(lang, "photocopyTitle")}</h1>
      <p>{w(lang, "photocopyIntro")}</p>
      {state.refusal && <RefusalNotice lang={lang} refusal={state.refusal} />}
      <form method="post" action={`/${slug}/staff/photocopies`} class="stacked-form">
        <input type="hidden" name="_csrf" value={csrf} />
        <label for="pc-point">{w(lang, "servicePoint")}</label>
        <select id="pc-point" name="servicePoint">
          {counter.points.map((p) => (
            <option value={p.code} selected={p.code === chosenPoint}>
              {p.name[lang]}
            </option>
          ))}
        </select>
        <label for="pc-barcode">{w(lang, "itemBarcode")}</label>
        <input
          id="pc-barcode"
          name="itemBarcode"
          maxlength={32}
          inputmode="numeric"
          value={form?.itemBarcode}
          aria-describedby="pc-barcode-hint"
        />
        <p id="pc-barcode-hint" class="field-hint">
          {w(lang, "itemBarcodeHint")}
        </p>
        <label for="pc-title">{w(lang, "materialTitle")}</label>
        <input id="pc-title" name="title" maxlength={256} value={form?.title} />
        <label class="check">
          <input type="checkbox" name="periodical" value="yes" checked={form?.periodical} />{" "}
          {w(lang, "periodical")}
        </label>
        <label class="check">
          <input type="checkbox" name="currentIssue" value="yes" checked={form?.currentIssue} />{" "}
          {w(lang, "currentIssue")}
        </label>
        <fieldset>
          <legend>{w(lang, "scope")}</legend>
          {(["partOfWork", "wholeArticle"] as const).map((value) => (
            <label class="check">
              <input type="radio" name="scope" value={value} checked={scope === value} /> {w(lang, value)}
            </label>
          ))}
        </fieldset>
        <label for="pc-pages">{w(lang, "pages")}</label>
        <input id="pc-pages" name="pagesDescription" maxlength={200} value={form?.pagesDescription} />
        <label for="pc-copies">{w(lang, "copies")}</label>
        <input id="pc-copies" name="copies" type="number" min={1} max={2000} value={form?.copies ?? "1"} />
        <label for="pc-mono">{w(lang, "monoPages")}</label>
        <input
          id="pc-mono"
          name="monoPages"
          type="number"
          min={0}
          max={2000}
          value={form?.monoPages ?? "0"}
        />
        <label for="pc-colour">{w(lang, "colourPages")}</label>
        <input
          id="pc-colour"
          name="colourPages"
          type="number"
          min={0}
          max={2000}
          value={form?.colourPages ?? "0"}
        />
        <p class="field-hint">
          {w(lang, "prices")
            .replace("{mono}", String(policy.fees.photocopyMonoYen))
            .replace("{colour}", String(policy.fees.photocopyColourYen))}
        </p>
        <fieldset>
          <legend>{w(lang, "checklist")}</legend>
          {photocopyChecklist.map((item) => (
            <label class="check">
              <input type="checkbox" name="confirmed" value={item} checked={form?.confirmed.includes(item)} />{" "}
              {w(lang, item)}
            </label>
          ))}
        </fieldset>
        <button type="submit">{w(lang, "record")}</button>
      </form>
    </Layout>,
    status,
  );
}

async function ledgerPage(c: Context<AppEnv>, state: { refusal?: Refusal }, status: 200 | 409 = 200) {
  const s = shell(c);
  const lang = s.prefs.lang;
  const slug = c.get("system").slug;
  const ctx = useCaseContext(c);
  const counter = await counterPoints(c, "returns");
  const askedDay = c.req.query("date") ?? "";
  const day = isIsoDate(askedDay) ? askedDay : japanDate(ctx.now);
  const askedPoint = c.req.query("servicePoint") ?? "";
  const point = counter.points.some((p) => p.code === askedPoint) ? askedPoint : "";
  const { entries, totals } = await getFeeDay(ctx, day, point || null);
  const pointName = new Map(counter.points.map((p) => [p.code, p.name[lang]]));
  const csrf = csrfToken(c);
  const sum = (key: "receivedYen" | "refundedYen" | "netYen") => totals.reduce((n, r) => n + r[key], 0);
  c.header("Cache-Control", "no-store");
  return c.html(
    <Layout shell={s} title={w(lang, "ledgerTitle")}>
      <p>
        <a href={`/${slug}/staff`}>{w(lang, "staffMenu")}</a> ·{" "}
        <a href={`/${slug}/staff/photocopies`}>{w(lang, "newPhotocopy")}</a>
      </p>
      <h1>{w(lang, "ledgerTitle")}</h1>
      <p>{w(lang, "ledgerIntro")}</p>
      {c.req.query("done") === "1" && (
        <p class="notice" role="status">
          {w(lang, "done")}
        </p>
      )}
      {state.refusal && <RefusalNotice lang={lang} refusal={state.refusal} />}
      <form method="get" action={`/${slug}/staff/fees`} class="inline-form">
        <label for="fee-day">{w(lang, "day")}</label>
        <input id="fee-day" name="date" type="date" value={day} />
        <label for="fee-point">{w(lang, "servicePoint")}</label>
        <select id="fee-point" name="servicePoint">
          <option value="">{w(lang, "allPoints")}</option>
          {counter.points.map((p) => (
            <option value={p.code} selected={p.code === point}>
              {p.name[lang]}
            </option>
          ))}
        </select>
        <button type="submit">{w(lang, "show")}</button>
      </form>
      <h2>
        {w(lang, "totals")} — {formatDate(lang, day)}
      </h2>
      {totals.length === 0 ? (
        <p>{w(lang, "none")}</p>
      ) : (
        <TotalsTable lang={lang} totals={totals} pointName={pointName} sum={sum} />
      )}
      <details>
        <summary>{w(lang, "postage")}</summary>
        <form method="post" action={`/${slug}/staff/fees/postage`} class="stacked-form">
          <input type="hidden" name="_csrf" value={csrf} />
          <label for="postage-kind">{w(lang, "postageKind")}</label>
          <select id="postage-kind" name="kind">
            <option value="postalLoanPostage">{feeKindNames.postalLoanPostage[lang]}</option>
            <option value="requestPostage">{feeKindNames.requestPostage[lang]}</option>
          </select>
          <label for="postage-point">{w(lang, "servicePoint")}</label>
          <select id="postage-point" name="servicePoint">
            {counter.points.map((p) => (
              <option value={p.code} selected={p.code === counter.current.code}>
                {p.name[lang]}
              </option>
            ))}
          </select>
          <label for="postage-amount">{w(lang, "postageAmount")}</label>
          <input id="postage-amount" name="amountYen" type="number" min={1} max={100000} required />
          <label for="postage-reference">{w(lang, "postageReference")}</label>
          <input id="postage-reference" name="reference" maxlength={64} />
          <button type="submit">{w(lang, "postage")}</button>
        </form>
      </details>
      {entries.length > 0 && (
        <>
          <h2>{w(lang, "entriesHeading")}</h2>
          <div class="table-scroll">
            <table class="patron-table">
              <caption>
                {w(lang, "entriesHeading")} ({entries.length})
              </caption>
              <thead>
                <tr>
                  <th scope="col">{w(lang, "number")}</th>
                  <th scope="col">{w(lang, "time")}</th>
                  <th scope="col">{w(lang, "kind")}</th>
                  <th scope="col">{w(lang, "amount")}</th>
                  <th scope="col">{w(lang, "by")}</th>
                  <th scope="col">{w(lang, "refund")}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <EntryRow lang={lang} slug={slug} day={day} csrf={csrf} entry={e} />
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Layout>,
    status,
  );
}

function TotalsTable(props: {
  lang: Lang;
  totals: FeeTotalRow[];
  pointName: Map<string, string>;
  sum: (key: "receivedYen" | "refundedYen" | "netYen") => number;
}) {
  const { lang, totals, pointName, sum } = props;
  return (
    <div class="table-scroll">
      <table class="patron-table">
        <caption>{w(lang, "totals")}</caption>
        <thead>
          <tr>
            <th scope="col">{w(lang, "servicePoint")}</th>
            <th scope="col">{w(lang, "kind")}</th>
            <th scope="col">{w(lang, "entries")}</th>
            <th scope="col">{w(lang, "received")}</th>
            <th scope="col">{w(lang, "refunded")}</th>
            <th scope="col">{w(lang, "net")}</th>
          </tr>
        </thead>
        <tbody>
          {totals.map((r) => (
            <tr>
              <td>{pointName.get(r.servicePointCode) ?? r.servicePointCode}</td>
              <td>{feeKindNames[r.kind]?.[lang] ?? r.kind}</td>
              <td>{r.entries}</td>
              <td>{yen(lang, r.receivedYen)}</td>
              <td>{yen(lang, r.refundedYen)}</td>
              <td>{yen(lang, r.netYen)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colspan={3}>
              {w(lang, "dayTotal")}
            </th>
            <td>{yen(lang, sum("receivedYen"))}</td>
            <td>{yen(lang, sum("refundedYen"))}</td>
            <td>
              <strong>{yen(lang, sum("netYen"))}</strong>
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function EntryRow(props: { lang: Lang; slug: string; day: string; csrf: string; entry: FeeEntryRow }) {
  const { lang, slug, day, csrf, entry: e } = props;
  const remaining = e.amountYen - e.refundedYen;
  const time = new Date(e.recordedAt).toLocaleTimeString("ja-JP", {
    timeZone: "Asia/Tokyo",
    hour: "2-digit",
    minute: "2-digit",
  });
  return (
    <tr id={`fee-${e.id}`}>
      <td>
        <a href={`/${slug}/staff/fees/${e.id}/receipt`}>{e.id}</a>
      </td>
      <td>{time}</td>
      <td>
        {feeKindNames[e.kind]?.[lang] ?? e.kind}
        <br />
        <small>{e.servicePointName[lang]}</small>
        {e.refundOf !== null && (
          <>
            <br />
            <small>
              {w(lang, "refundOf").replace("{n}", String(e.refundOf))}: {e.reason}
            </small>
          </>
        )}
      </td>
      <td>
        {yen(lang, e.amountYen)}
        {e.refundedYen > 0 && (
          <>
            <br />
            <small>
              {w(lang, "refunded")}: {yen(lang, e.refundedYen)}
            </small>
          </>
        )}
      </td>
      <td>{e.recordedByName ?? ""}</td>
      <td>
        {e.refundOf === null && remaining > 0 && (
          <form method="post" action={`/${slug}/staff/fees/${e.id}/refund`} class="inline-form">
            <input type="hidden" name="_csrf" value={csrf} />
            <input type="hidden" name="day" value={day} />
            <label for={`refund-amount-${e.id}`}>{w(lang, "refundAmount")}</label>
            <input
              id={`refund-amount-${e.id}`}
              name="amountYen"
              type="number"
              min={1}
              max={remaining}
              inputmode="numeric"
            />
            <label for={`refund-reason-${e.id}`}>{w(lang, "reason")}</label>
            <input id={`refund-reason-${e.id}`} name="reason" required maxlength={500} />
            <button type="submit">{w(lang, "refund")}</button>
          </form>
        )}
      </td>
    </tr>
  );
}
