import type { Context } from "hono";
import { Hono } from "hono";
import { japanDate } from "../../clock.ts";
import { daysBetween } from "../../domain/calendar/dates.ts";
import { AppError, isAppError } from "../../domain/errors.ts";
import { materialTypes } from "../../domain/vocabulary.ts";
import { listIllItems, receiveIllItem, sendIllItemBack } from "../../services/circulation/ill-borrowings.ts";
import {
  listOverdue,
  listReturnExceptions,
  resolveReturnException,
} from "../../services/circulation/staff-lists.ts";
import { resolveCredential } from "../../services/patrons/resolve-credential.ts";
import { illReceiptSchema } from "../api/ill-borrowings.ts";
import { staffActor } from "../client-address.ts";
import { type AppEnv, type Lang, useCaseContext } from "../context.ts";
import { counterPoints, counterStaff } from "./circulation-counter.ts";
import { csrfCheckedBody, one, scannedNumber } from "./circulation-form-data.ts";
import { CirculationNav } from "./circulation-shared.tsx";
import { materialTypeNames, returnExceptionNames } from "./i18n.ts";
import { Layout } from "./layout.tsx";
import { isoDateOf } from "./patron-form-data.ts";
import { formatDate } from "./patron-record.tsx";
import { RefusalBox } from "./refusal-box.tsx";
import { shell } from "./shell.ts";

const words = {
  overdue: { ja: "延滞の連絡リスト", en: "Overdue call list" },
  overdueIntro: {
    ja: "返却期限を過ぎた資料と、連絡する利用者です(延滞の長いものから)。この一覧を見たことは記録されます。",
    en: "Items past their due date and whom to contact, the longest overdue first. Viewing this list is recorded.",
  },
  exceptions: { ja: "返却の確認リスト", en: "Return exceptions" },
  exceptionsIntro: {
    ja: "ブックポストなどで受け付けた、確認の必要な返却です(古いものから)。",
    en: "Returns taken in against a rule (book drops and the like), oldest first.",
  },
  ill: { ja: "相互貸借資料", en: "Inter-library loan items" },
  illOpen: { ja: "館内にある借用資料", en: "Borrowed items still here" },
  illSent: { ja: "返送したもの", en: "Sent back" },
  receive: { ja: "借用資料を受け入れる", en: "Receive a borrowed item" },
  none: { ja: "ありません。", en: "None." },
  title: { ja: "書名", en: "Title" },
  barcode: { ja: "資料番号", en: "Barcode" },
  dueOn: { ja: "返却期限", en: "Due" },
  daysOverdue: { ja: "延滞日数", en: "Days overdue" },
  notices: { ja: "督促メール", en: "Notices mailed" },
  patron: { ja: "利用者", en: "Patron" },
  contact: { ja: "連絡先", en: "Contact" },
  noEmail: { ja: "メールなし", en: "no e-mail" },
  check: { ja: "確認すること", en: "To check" },
  returnedOn: { ja: "返却日", en: "Returned" },
  where: { ja: "受付場所", en: "Where" },
  resolve: { ja: "対応済みにする", en: "Mark as dealt with" },
  resolved: { ja: "対応済みにしました。", en: "Marked as dealt with." },
  lender: { ja: "貸出館", en: "Lender" },
  lenderReference: { ja: "貸出館の番号(任意)", en: "Lender's reference (optional)" },
  receivedOn: { ja: "受入日", en: "Received" },
  status: { ja: "状態", en: "Status" },
  sendBack: { ja: "貸出館へ返送する", en: "Send back to the lender" },
  sentBackOn: { ja: "返送日", en: "Sent back" },
  sent: { ja: "返送を記録しました。", en: "Recorded as sent back." },
  received: { ja: "受け入れました。資料番号: ", en: "Received. Barcode: " },
  recordId: { ja: "書誌番号(資料詳細ページの番号)", en: "Record number (as on the record's page)" },
  card: { ja: "依頼した利用者のカード番号", en: "Card number of the patron who asked" },
  dueDate: { ja: "貸出館の返却期限", en: "The lender's due date" },
  servicePoint: { ja: "受け取る館", en: "Receiving library" },
  materialType: { ja: "資料の種類", en: "Material type" },
  callNumber: { ja: "請求記号(任意)", en: "Call number (optional)" },
  itemBarcode: { ja: "資料番号(空欄なら自動で割り当て)", en: "Barcode (allocated when empty)" },
  refused: { ja: "できませんでした", en: "Not done" },
  onShelf: { ja: "館内(貸出前・返却済み)", en: "Here (not lent, or returned)" },
  onLoan: { ja: "貸出中", en: "On loan" },
  inTransit: { ja: "搬送中", en: "In transit" },
  onHoldShelf: { ja: "取置中", en: "On the hold shelf" },
} as const;
const w = (lang: Lang, key: keyof typeof words) => words[key][lang];

const lists = ["/staff/overdue", "/staff/return-exceptions", "/staff/ill"] as const;

/**
 * The counter's lists beside checkout and return (issue "Circulation", item 9): the overdue call list (audited,
 * as it shows contact details), the returns a drop took in against a rule, and the inter-library-loan items —
 * received for a patron, and sent back to their lender once returned.
 */
export function circulationDeskLists() {
  const app = new Hono<AppEnv>();
  for (const path of lists) {
    app.use(path, counterStaff);
    app.use(`${path}/*`, counterStaff);
  }

  app.get("/staff/overdue", async (c) => {
    const s = shell(c);
    const lang = s.prefs.lang;
    const ctx = useCaseContext(c);
    const today = japanDate(ctx.now);
    const loans = await listOverdue({ ...ctx, actor: staffActor(c) });
    const slug = c.get("system").slug;
    c.header("Cache-Control", "no-store");
    return c.html(
      <Layout shell={s} title={w(lang, "overdue")}>
        <CirculationNav lang={lang} slug={slug} />
        <h1>{w(lang, "overdue")}</h1>
        <p>{w(lang, "overdueIntro")}</p>
        {loans.length === 0 ? (
          <p>{w(lang, "none")}</p>
        ) : (
          <div class="table-scroll">
            <table class="patron-table">
              <caption>
                {w(lang, "overdue")} ({loans.length})
              </caption>
              <thead>
                <tr>
                  <th scope="col">{w(lang, "patron")}</th>
                  <th scope="col">{w(lang, "contact")}</th>
                  <th scope="col">{w(lang, "title")}</th>
                  <th scope="col">{w(lang, "dueOn")}</th>
                  <th scope="col">{w(lang, "daysOverdue")}</th>
                  <th scope="col">{w(lang, "notices")}</th>
                </tr>
              </thead>
              <tbody>
                {loans.map((loan) => (
                  <tr>
                    <td>
                      <a href={`/${slug}/staff/patrons/${loan.patronId}/loans`}>
                        {loan.familyName} {loan.givenName}
                      </a>
                    </td>
                    <td>
                      {loan.phone ? <a href={`tel:${loan.phone}`}>{loan.phone}</a> : "—"}
                      {!loan.email && <small> ({w(lang, "noEmail")})</small>}
                    </td>
                    <td>
                      {loan.title} <small class="card-number">{loan.barcode}</small>
                    </td>
                    <td>{formatDate(lang, loan.dueOn)}</td>
                    <td>{daysBetween(loan.dueOn, today)}</td>
                    <td>{loan.overdueNotices}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Layout>,
    );
  });

  app.get("/staff/return-exceptions", (c) => exceptionsPage(c, {}));

  app.post("/staff/return-exceptions/:loanId{[0-9]+}/resolution", async (c) => {
    await csrfCheckedBody(c);
    try {
      await resolveReturnException({
        ...useCaseContext(c),
        actor: staffActor(c),
        loanId: Number(c.req.param("loanId")),
      });
    } catch (error) {
      if (!isAppError(error)) throw error;
      return exceptionsPage(c, { refusal: error.code }, 409);
    }
    return c.redirect(`/${c.get("system").slug}/staff/return-exceptions?resolved=1`, 303);
  });

  app.get("/staff/ill", (c) => illPage(c, {}));

  app.post("/staff/ill", async (c) => {
    const body = await csrfCheckedBody(c);
    const ctx = useCaseContext(c);
    const values = Object.fromEntries(
      [
        "recordId",
        "card",
        "lender",
        "lenderReference",
        "dueDate",
        "servicePoint",
        "materialType",
        "callNumber",
        "barcode",
      ].map((name) => [name, one(body, name).normalize("NFKC").trim()]),
    );
    try {
      const { patron } = await resolveCredential({
        ...ctx,
        actor: staffActor(c),
        kind: "card",
        value: scannedNumber(values.card ?? ""),
      });
      // the API's own body: what the form left wrong is refused by the same schema
      const parsed = illReceiptSchema.safeParse({
        recordId: Number(values.recordId),
        patronId: patron.id,
        lender: values.lender,
        lenderReference: values.lenderReference || null,
        dueDate: isoDateOf(values.dueDate ?? ""),
        servicePoint: values.servicePoint,
        materialType: values.materialType || undefined,
        callNumber: values.callNumber,
        barcode: values.barcode ? scannedNumber(values.barcode) : null,
      });
      if (!parsed.success) {
        throw new AppError("VALIDATION_FAILED", { fields: parsed.error.issues.map((i) => i.path.join(".")) });
      }
      const received = await receiveIllItem({ ...ctx, actor: staffActor(c), ...parsed.data });
      return c.redirect(
        `/${c.get("system").slug}/staff/ill?received=${encodeURIComponent(received.barcode)}`,
        303,
      );
    } catch (error) {
      if (!isAppError(error)) throw error;
      return illPage(c, { refusal: error.code, values }, error.code === "VALIDATION_FAILED" ? 422 : 409);
    }
  });

  app.post("/staff/ill/:id{[0-9]+}/send-back", async (c) => {
    await csrfCheckedBody(c);
    try {
      await sendIllItemBack({ ...useCaseContext(c), actor: staffActor(c), id: Number(c.req.param("id")) });
    } catch (error) {
      if (!isAppError(error)) throw error;
      return illPage(c, { refusal: error.code }, 409);
    }
    return c.redirect(`/${c.get("system").slug}/staff/ill?sent=1`, 303);
  });
  return app;
}

async function exceptionsPage(c: Context<AppEnv>, state: { refusal?: string }, status: 200 | 409 = 200) {
  const s = shell(c);
  const lang = s.prefs.lang;
  const slug = c.get("system").slug;
  const ctx = useCaseContext(c);
  const rows = await listReturnExceptions(ctx.db, ctx.librarySystemId);
  c.header("Cache-Control", "no-store");
  return c.html(
    <Layout shell={s} title={w(lang, "exceptions")}>
      <CirculationNav lang={lang} slug={slug} />
      <h1>{w(lang, "exceptions")}</h1>
      <p>{w(lang, "exceptionsIntro")}</p>
      <RefusalBox lang={lang} heading={w(lang, "refused")} code={state.refusal} />
      {c.req.query("resolved") && (
        <p class="notice notice-ok" role="status">
          {w(lang, "resolved")}
        </p>
      )}
      {rows.length === 0 ? (
        <p>{w(lang, "none")}</p>
      ) : (
        <div class="table-scroll">
          <table class="patron-table">
            <caption>
              {w(lang, "exceptions")} ({rows.length})
            </caption>
            <thead>
              <tr>
                <th scope="col">{w(lang, "title")}</th>
                <th scope="col">{w(lang, "check")}</th>
                <th scope="col">{w(lang, "returnedOn")}</th>
                <th scope="col">{w(lang, "where")}</th>
                <th scope="col">
                  <span class="visually-hidden">{w(lang, "resolve")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr>
                  <td>
                    {row.title} <small class="card-number">{row.barcode}</small>
                  </td>
                  <td>
                    {row.exceptions.map((code) => returnExceptionNames[code]?.[lang] ?? code).join("、")}
                  </td>
                  <td>{formatDate(lang, row.returnedOn)}</td>
                  <td>
                    {row.servicePointCode}
                    {row.bookDropCode ? ` / ${row.bookDropCode}` : ""}
                  </td>
                  <td>
                    <form method="post" action={`/${slug}/staff/return-exceptions/${row.loanId}/resolution`}>
                      <input type="hidden" name="_csrf" value={s.csrf} />
                      <button type="submit">
                        {w(lang, "resolve")}
                        <span class="visually-hidden"> ({row.barcode})</span>
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>,
    status,
  );
}

async function illPage(
  c: Context<AppEnv>,
  state: { refusal?: string; values?: Record<string, string | undefined> },
  status: 200 | 409 | 422 = 200,
) {
  const s = shell(c);
  const lang = s.prefs.lang;
  const slug = c.get("system").slug;
  const ctx = useCaseContext(c);
  const sentBack = c.req.query("status") === "sentBack";
  const [rows, counter] = await Promise.all([
    listIllItems({ ...ctx, open: !sentBack }),
    counterPoints(c, "checkout"),
  ]);
  const v = state.values ?? {};
  const field = (name: string, label: keyof typeof words, attrs: Record<string, unknown> = {}) => (
    <>
      <label for={`ill-${name}`}>{w(lang, label)}</label>
      <input id={`ill-${name}`} name={name} value={v[name] ?? ""} autocomplete="off" {...attrs} />
    </>
  );
  c.header("Cache-Control", "no-store");
  return c.html(
    <Layout shell={s} title={w(lang, "ill")}>
      <CirculationNav lang={lang} slug={slug} />
      <h1>{w(lang, "ill")}</h1>
      <RefusalBox lang={lang} heading={w(lang, "refused")} code={state.refusal} />
      {c.req.query("received") && (
        <p class="notice notice-ok" role="status">
          {w(lang, "received")}
          <span class="card-number">{c.req.query("received")}</span>
        </p>
      )}
      {c.req.query("sent") && (
        <p class="notice notice-ok" role="status">
          {w(lang, "sent")}
        </p>
      )}
      <p>
        {sentBack ? (
          <a href={`/${slug}/staff/ill`}>{w(lang, "illOpen")}</a>
        ) : (
          <a href={`/${slug}/staff/ill?status=sentBack`}>{w(lang, "illSent")}</a>
        )}
      </p>
      <h2>{w(lang, sentBack ? "illSent" : "illOpen")}</h2>
      {rows.length === 0 ? (
        <p>{w(lang, "none")}</p>
      ) : (
        <div class="table-scroll">
          <table class="patron-table">
            <caption>{w(lang, sentBack ? "illSent" : "illOpen")}</caption>
            <thead>
              <tr>
                <th scope="col">{w(lang, "title")}</th>
                <th scope="col">{w(lang, "lender")}</th>
                <th scope="col">{w(lang, "dueOn")}</th>
                <th scope="col">{w(lang, sentBack ? "sentBackOn" : "status")}</th>
                <th scope="col">{w(lang, "patron")}</th>
                {!sentBack && (
                  <th scope="col">
                    <span class="visually-hidden">{w(lang, "sendBack")}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr>
                  <td>
                    {row.title} <small class="card-number">{row.barcode}</small>
                  </td>
                  <td>
                    {row.lender}
                    {row.lenderReference ? ` (${row.lenderReference})` : ""}
                  </td>
                  <td>{formatDate(lang, row.dueOn)}</td>
                  <td>
                    {sentBack
                      ? formatDate(lang, row.sentBackOn)
                      : (words[row.itemStatus as keyof typeof words]?.[lang] ?? row.itemStatus)}
                  </td>
                  <td>
                    {row.patronId ? (
                      <a href={`/${slug}/staff/patrons/${row.patronId}`}>{w(lang, "patron")}</a>
                    ) : (
                      "—"
                    )}
                  </td>
                  {!sentBack && (
                    <td>
                      {row.itemStatus === "onShelf" && (
                        <form method="post" action={`/${slug}/staff/ill/${row.id}/send-back`}>
                          <input type="hidden" name="_csrf" value={s.csrf} />
                          <button type="submit">
                            {w(lang, "sendBack")}
                            <span class="visually-hidden"> ({row.barcode})</span>
                          </button>
                        </form>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{w(lang, "receive")}</h2>
      <form method="post" action={`/${slug}/staff/ill`} class="stacked-form">
        <input type="hidden" name="_csrf" value={s.csrf} />
        {field("recordId", "recordId", { inputmode: "numeric", required: true, maxlength: 12 })}
        {field("card", "card", { inputmode: "numeric", required: true, maxlength: 20 })}
        {field("lender", "lender", { required: true, maxlength: 128 })}
        {field("lenderReference", "lenderReference", { maxlength: 64 })}
        {field("dueDate", "dueDate", { required: true, maxlength: 20, placeholder: "2027-01-31" })}
        <label for="ill-servicePoint">{w(lang, "servicePoint")}</label>
        <select id="ill-servicePoint" name="servicePoint">
          {counter.points.map((p) => (
            <option value={p.code} selected={p.code === (v.servicePoint || counter.current.code)}>
              {p.name[lang]}
            </option>
          ))}
        </select>
        <label for="ill-materialType">{w(lang, "materialType")}</label>
        <select id="ill-materialType" name="materialType">
          {materialTypes.map((type) => (
            <option value={type} selected={type === (v.materialType || "book")}>
              {materialTypeNames[type]?.[lang] ?? type}
            </option>
          ))}
        </select>
        {field("callNumber", "callNumber", { maxlength: 64 })}
        {field("barcode", "itemBarcode", { maxlength: 32 })}
        <button type="submit">{w(lang, "receive")}</button>
      </form>
    </Layout>,
    status,
  );
}
