import type { Context } from "hono";
import { Hono } from "hono";
import { withTenant } from "../../db/tenant.ts";
import { AppError } from "../../domain/errors.ts";
import { type MaterialType, materialTypes } from "../../domain/vocabulary.ts";
import { cancelHold } from "../../services/holds/cancel-hold.ts";
import type { HoldActor } from "../../services/holds/hold-actor.ts";
import {
  changeRequestStatus,
  listRequests,
  placeRequest,
  receiveRequestedCopy,
} from "../../services/holds/hold-requests.ts";
import { listPatronHolds } from "../../services/holds/hold-view.ts";
import { placeHold } from "../../services/holds/place-hold.ts";
import { staffActor } from "../client-address.ts";
import { type AppEnv, type Lang, useCaseContext } from "../context.ts";
import { describeError } from "../error-messages.ts";
import { counterPoints, counterStaff } from "./circulation-counter.ts";
import { type Body, csrfCheckedBody, one, scannedNumber } from "./circulation-form-data.ts";
import { csrfToken } from "./csrf.ts";
import {
  type Contact,
  choiceOf,
  HoldChoices,
  holdsPolicy,
  pickupPoints,
  postalOffer,
  type Refusal,
  RefusalNotice,
  refusalOf,
  requestStatusNames,
  statusNames,
} from "./hold-page-parts.tsx";
import { materialTypeNames, t } from "./i18n.ts";
import { Layout } from "./layout.tsx";
import { loadPatron, patronIdParam } from "./patron-page-context.ts";
import { formatDate, PatronNotices } from "./patron-record.tsx";
import { shell } from "./shell.ts";

/**
 * A patron's reservations and requests at the counter (/staff/patrons/{id}/holds): reserve a title for them at
 * the counter or on the phone, cancel (also one that is ready), take a request for a title the library does
 * not hold, and move each request on until its copy arrives. Every action is one reservation service, which
 * decides the rules and writes the audit entry; a refusal is shown in place and nothing is written.
 */

const words = {
  title: { ja: "予約とリクエスト", en: "Reservations and requests" },
  reserve: { ja: "予約を受け付ける", en: "Take a reservation" },
  recordId: { ja: "資料番号(書誌ID)", en: "Record id" },
  recordIdHint: {
    ja: "蔵書検索で開いた資料ページのアドレスの末尾の番号です。",
    en: "The number at the end of the record page's address in the catalogue.",
  },
  copy: {
    ja: "この資料(所蔵)を指定する場合のバーコード(任意)",
    en: "Barcode of a particular copy (optional)",
  },
  copyHint: {
    ja: "運用ルールで資料単位の予約が認められています。空欄なら、どの所蔵でも最初に返却されたものを確保します。",
    en: "The policy allows reserving a particular copy. Leave empty to take whichever copy comes back first.",
  },
  requestedCopy: { ja: "指定の資料", en: "Requested copy" },
  channel: { ja: "受付方法", en: "Taken" },
  counter: { ja: "窓口", en: "At the counter" },
  phone: { ja: "電話", en: "By phone" },
  place: { ja: "予約する", en: "Reserve" },
  holds: { ja: "予約中の資料", en: "Current reservations" },
  noHolds: { ja: "予約はありません。", en: "No reservations." },
  cancel: { ja: "取り消す", en: "Cancel" },
  reason: { ja: "理由(任意)", en: "Reason (optional)" },
  request: { ja: "リクエストを受け付ける", en: "Take a request" },
  requestHint: {
    ja: "所蔵していない資料だけが対象です。所蔵している資料は予約してください。",
    en: "Only for titles the library does not hold; reserve a title it holds.",
  },
  bookTitle: { ja: "書名", en: "Title" },
  author: { ja: "著者", en: "Author" },
  publisher: { ja: "出版者", en: "Publisher" },
  isbn: { ja: "ISBN", en: "ISBN" },
  materialType: { ja: "資料の種類", en: "Material type" },
  genre: { ja: "分野(学習参考書・問題集など)", en: "Genre (study guide, workbook …)" },
  takeRequest: { ja: "リクエストを受け付ける", en: "Take the request" },
  requests: { ja: "リクエスト", en: "Requests" },
  noRequests: { ja: "リクエストはありません。", en: "No requests." },
  status: { ja: "状態", en: "Status" },
  moveOn: { ja: "状態を変える", en: "Change status" },
  lender: { ja: "借用先", en: "Lending library" },
  arrived: { ja: "資料が届いた", en: "The copy arrived" },
  itemBarcode: { ja: "資料バーコード", en: "Item barcode" },
  postage: { ja: "送料(円)", en: "Postage (yen)" },
  done: { ja: "受け付けました。", en: "Done." },
  back: { ja: "利用者の記録へ", en: "Back to the patron's record" },
} as const;
const w = (lang: Lang, key: keyof typeof words) => words[key][lang];

const nextStatuses = ["ordered", "requested", "refused", "cancelled"] as const;

export function staffPatronHoldPages() {
  const app = new Hono<AppEnv>();
  app.use("/staff/patrons/:id/holds", counterStaff);
  app.use("/staff/patrons/:id/holds/*", counterStaff);

  app.get("/staff/patrons/:id/holds", (c) => page(c, {}));

  app.post("/staff/patrons/:id/holds", async (c) => {
    const body = await csrfCheckedBody(c);
    const recordId = Number(one(body, "recordId"));
    return act(c, () =>
      placeHold({
        ...context(c),
        actor: staffHoldActor(c, body),
        patronId: patronIdParam(c),
        recordId: Number.isSafeInteger(recordId) && recordId > 0 ? recordId : 0,
        itemBarcode: scannedNumber(one(body, "itemBarcode")) || null,
        ...choiceOf(body),
        contact: choiceOf(body).contact as Contact,
      }),
    );
  });

  app.post("/staff/patrons/:id/holds/:holdId/cancel", async (c) => {
    const body = await csrfCheckedBody(c);
    return act(c, () =>
      cancelHold({
        ...context(c),
        actor: staffHoldActor(c, body),
        holdId: Number(c.req.param("holdId")),
        reason: one(body, "reason").trim().slice(0, 200) || null,
      }),
    );
  });

  app.post("/staff/patrons/:id/holds/requests", async (c) => {
    const body = await csrfCheckedBody(c);
    const materialType = one(body, "materialType");
    const optional = (name: string, max: number) => one(body, name).trim().slice(0, max) || null;
    return act(c, () => {
      if (!(materialTypes as readonly string[]).includes(materialType)) {
        throw new AppError("VALIDATION_FAILED", { field: "materialType" });
      }
      return placeRequest(requestContext(c, body), {
        patronId: patronIdParam(c),
        title: one(body, "title").trim().slice(0, 256),
        author: optional("author", 256),
        publisher: optional("publisher", 128),
        isbn: optional("isbn", 32),
        materialType: materialType as MaterialType,
        genre: optional("genre", 64),
        ...choiceOf(body),
        contact: choiceOf(body).contact as Contact,
      });
    });
  });

  app.post("/staff/patrons/:id/holds/requests/:requestId", async (c) => {
    const body = await csrfCheckedBody(c);
    const id = Number(c.req.param("requestId"));
    const status = one(body, "status") as (typeof nextStatuses)[number];
    return act(c, () => {
      if (!nextStatuses.includes(status)) throw new AppError("VALIDATION_FAILED", { field: "status" });
      return changeRequestStatus(requestContext(c, body), id, {
        status,
        lender: one(body, "lender").trim().slice(0, 128) || null,
        refusalReason: one(body, "reason").trim().slice(0, 500) || null,
      });
    });
  });

  app.post("/staff/patrons/:id/holds/requests/:requestId/arrival", async (c) => {
    const body = await csrfCheckedBody(c);
    const postage = Number(one(body, "postageYen") || "0");
    return act(c, async () => {
      const counter = await counterPoints(c, "returns");
      return receiveRequestedCopy(requestContext(c, body), Number(c.req.param("requestId")), {
        itemBarcode: one(body, "itemBarcode").trim(),
        servicePoint: counter.current.code,
        postageYen: Number.isSafeInteger(postage) && postage >= 0 ? postage : 0,
      });
    });
  });

  return app;
}

const context = useCaseContext;

function channelOf(body: Body): "counter" | "phone" {
  return one(body, "channel") === "phone" ? "phone" : "counter";
}

function staffHoldActor(c: Context<AppEnv>, body: Body): HoldActor {
  return { kind: "staff", staff: staffActor(c), channel: channelOf(body) };
}

function requestContext(c: Context<AppEnv>, body: Body) {
  return { ...context(c), staff: staffActor(c), channel: channelOf(body) };
}

/** Runs the action; done: back to the page (a fresh GET), refused: the page again with the refusal. */
async function act(c: Context<AppEnv>, action: () => Promise<unknown>) {
  try {
    await action();
  } catch (error) {
    const refusal = refusalOf(error);
    if (refusal.code === "PATRON_NOT_FOUND") throw error;
    return page(c, { refusal }, describeError(refusal.code).status === 404 ? 404 : 409);
  }
  return c.redirect(`/${c.get("system").slug}/staff/patrons/${patronIdParam(c)}/holds?done=1`, 303);
}

async function page(c: Context<AppEnv>, state: { refusal?: Refusal }, status: 200 | 404 | 409 = 200) {
  const s = shell(c);
  const lang = s.prefs.lang;
  const slug = c.get("system").slug;
  const deps = c.get("deps");
  const patron = await loadPatron(c, "holds");
  const holdsRules = await holdsPolicy(c);
  const points = await pickupPoints(c, holdsRules);
  // Staff enter phone reservations here: posting is offered where the policy posts those (001).
  const postal = await postalOffer(c, "phone");
  const holds = await withTenant(deps.database.db, c.get("system").id, (tx) =>
    listPatronHolds(tx, patron.id, "active"),
  );
  const requests = await listRequests(context(c), { status: null, patronId: patron.id });
  const csrf = csrfToken(c);
  const base = `/${slug}/staff/patrons/${patron.id}/holds`;
  const Csrf = () => <input type="hidden" name="_csrf" value={csrf} />;
  const ChannelSelect = (props: { id: string }) => (
    <>
      <label for={props.id}>{w(lang, "channel")}</label>
      <select id={props.id} name="channel">
        <option value="counter">{w(lang, "counter")}</option>
        <option value="phone">{w(lang, "phone")}</option>
      </select>
    </>
  );
  return c.html(
    <Layout shell={s} title={`${w(lang, "title")}: ${patron.familyName} ${patron.givenName}`}>
      <h1>
        {w(lang, "title")}: {patron.familyName} {patron.givenName}
        <span class="patron-reading">
          {patron.familyNameKana} {patron.givenNameKana}
        </span>
      </h1>
      <p class="patron-keyline">
        {t(lang, "newCardNumber")}: <strong class="card-number">{patron.cardNumber ?? "—"}</strong>
      </p>
      <PatronNotices lang={lang} patron={patron} />
      {c.req.query("done") && !state.refusal && (
        <div class="notice notice-ok" role="status">
          <p>{w(lang, "done")}</p>
        </div>
      )}
      {state.refusal && <RefusalNotice lang={lang} refusal={state.refusal} id="refusal" />}
      <ul class="action-links">
        <li>
          <a href={`/${slug}/staff/patrons/${patron.id}`}>{w(lang, "back")}</a>
        </li>
      </ul>

      <section aria-labelledby="holds-heading">
        <h2 id="holds-heading">{w(lang, "holds")}</h2>
        {holds.length === 0 ? (
          <p>{w(lang, "noHolds")}</p>
        ) : (
          <div class="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{w(lang, "bookTitle")}</th>
                  <th scope="col">{w(lang, "status")}</th>
                  <th scope="col">{w(lang, "cancel")}</th>
                </tr>
              </thead>
              <tbody>
                {holds.map((h) => (
                  <tr>
                    <td>
                      <a href={`/${slug}/records/${h.recordId}`}>{h.title}</a>
                      {h.requestedItemBarcode && (
                        <>
                          <br />
                          <small>
                            {w(lang, "requestedCopy")}: {h.requestedItemBarcode}
                          </small>
                        </>
                      )}
                    </td>
                    <td>
                      {statusNames[h.status][lang]}
                      {h.position !== null && ` (${h.position})`}
                      {h.pickupPoint && ` · ${h.pickupPoint.name[lang]}`}
                      {h.pickupDeadline && ` · ${formatDate(lang, h.pickupDeadline)}`}
                    </td>
                    <td>
                      <form method="post" action={`${base}/${h.id}/cancel`} class="inline-form">
                        <Csrf />
                        <label for={`reason-${h.id}`}>{w(lang, "reason")}</label>
                        <input id={`reason-${h.id}`} name="reason" maxlength={200} />
                        <ChannelSelect id={`channel-cancel-${h.id}`} />
                        <button type="submit">{w(lang, "cancel")}</button>
                      </form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="reserve-heading">
        <h2 id="reserve-heading">{w(lang, "reserve")}</h2>
        <form method="post" action={base} class="stacked-form">
          <Csrf />
          <label for="record-id">{w(lang, "recordId")}</label>
          <input
            id="record-id"
            name="recordId"
            inputmode="numeric"
            required
            aria-describedby="record-id-hint"
          />
          <p id="record-id-hint" class="field-hint">
            {w(lang, "recordIdHint")}
          </p>
          {holdsRules.itemLevelAllowed && (
            <>
              <label for="hold-copy">{w(lang, "copy")}</label>
              <input id="hold-copy" name="itemBarcode" maxlength={32} aria-describedby="hold-copy-hint" />
              <p id="hold-copy-hint" class="field-hint">
                {w(lang, "copyHint")}
              </p>
            </>
          )}
          <ChannelSelect id="hold-channel" />
          <HoldChoices
            lang={lang}
            idPrefix="hold"
            points={points}
            contacts={holdsRules.contactMethods}
            postal={postal}
          />
          <button type="submit">{w(lang, "place")}</button>
        </form>
      </section>

      <section aria-labelledby="requests-heading">
        <h2 id="requests-heading">{w(lang, "requests")}</h2>
        {requests.length === 0 ? (
          <p>{w(lang, "noRequests")}</p>
        ) : (
          <ul class="request-list">
            {requests.map((r) => (
              <li>
                <p>
                  <strong>{r.title}</strong> — {requestStatusNames[r.status]?.[lang] ?? r.status}
                  {r.lender && ` · ${r.lender}`}
                </p>
                {(r.status === "received" || r.status === "ordered" || r.status === "requested") && (
                  <>
                    <form method="post" action={`${base}/requests/${r.id}`} class="inline-form">
                      <Csrf />
                      <label for={`status-${r.id}`}>{w(lang, "moveOn")}</label>
                      <select id={`status-${r.id}`} name="status">
                        {nextStatuses.map((st) => (
                          <option value={st}>{requestStatusNames[st]![lang]}</option>
                        ))}
                      </select>
                      <label for={`lender-${r.id}`}>{w(lang, "lender")}</label>
                      <input id={`lender-${r.id}`} name="lender" maxlength={128} />
                      <label for={`refusal-${r.id}`}>{w(lang, "reason")}</label>
                      <input id={`refusal-${r.id}`} name="reason" maxlength={500} />
                      <button type="submit">{w(lang, "moveOn")}</button>
                    </form>
                    {r.status !== "received" && (
                      <form method="post" action={`${base}/requests/${r.id}/arrival`} class="inline-form">
                        <Csrf />
                        <label for={`arrival-${r.id}`}>{w(lang, "itemBarcode")}</label>
                        <input id={`arrival-${r.id}`} name="itemBarcode" required maxlength={32} />
                        <label for={`postage-${r.id}`}>{w(lang, "postage")}</label>
                        <input id={`postage-${r.id}`} name="postageYen" inputmode="numeric" maxlength={6} />
                        <button type="submit">{w(lang, "arrived")}</button>
                      </form>
                    )}
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
        <h3>{w(lang, "request")}</h3>
        <p class="field-hint">{w(lang, "requestHint")}</p>
        <form method="post" action={`${base}/requests`} class="stacked-form">
          <Csrf />
          <label for="request-title">{w(lang, "bookTitle")}</label>
          <input id="request-title" name="title" required maxlength={256} />
          <label for="request-author">{w(lang, "author")}</label>
          <input id="request-author" name="author" maxlength={256} />
          <label for="request-publisher">{w(lang, "publisher")}</label>
          <input id="request-publisher" name="publisher" maxlength={128} />
          <label for="request-isbn">{w(lang, "isbn")}</label>
          <input id="request-isbn" name="isbn" maxlength={32} inputmode="numeric" />
          <label for="request-type">{w(lang, "materialType")}</label>
          <select id="request-type" name="materialType">
            {materialTypes.map((m) => (
              <option value={m}>{materialTypeNames[m]?.[lang] ?? m}</option>
            ))}
          </select>
          <label for="request-genre">{w(lang, "genre")}</label>
          <input id="request-genre" name="genre" maxlength={64} />
          <ChannelSelect id="request-channel" />
          <HoldChoices lang={lang} idPrefix="request" points={points} contacts={holdsRules.contactMethods} />
          <button type="submit">{w(lang, "takeRequest")}</button>
        </form>
      </section>
    </Layout>,
    status,
  );
}
