import type { Context } from "hono";
import { Hono } from "hono";
import { japanDate } from "../../clock.ts";
import type { ApplicationRow } from "../../db/queries/applications.ts";
import { ageInOpeningDays } from "../../domain/applications/application-rules.ts";
import { isReviewOverdue, type PhotoSide } from "../../domain/applications/registration-kits.ts";
import { AppError, isAppError } from "../../domain/errors.ts";
import { askApplicant, getInquiries } from "../../services/applications/application-inquiries.ts";
import {
  decideApplication,
  getApplicationForReview,
  getApplicationPhoto,
  listReviewQueue,
} from "../../services/applications/application-review.ts";
import { getPolicyInForce } from "../../services/policies/get-policy-in-force.ts";
import { listServicePoints } from "../../services/service-points/list-service-points.ts";
import { applicantContext } from "../api/applications.ts";
import { staffActor } from "../client-address.ts";
import { type AppEnv, type Lang, useCaseContext } from "../context.ts";
import { staffWithRole } from "./circulation-counter.ts";
import { csrfCheckedBody, one } from "./circulation-form-data.ts";
import { basisNames, idDocumentNames } from "./i18n.ts";
import { Layout } from "./layout.tsx";
import { formatDate } from "./patron-record.tsx";
import { RefusalBox } from "./refusal-box.tsx";
import { shell } from "./shell.ts";

const words = {
  queue: { ja: "利用申請の審査", en: "Application review" },
  staffMenu: { ja: "職員メニュー", en: "Staff menu" },
  none: { ja: "審査を待つ申請はありません。", en: "No applications waiting." },
  receipt: { ja: "受付番号", en: "Receipt" },
  submitted: { ja: "申請日", en: "Applied" },
  expected: { ja: "目標日", en: "Target" },
  age: { ja: "経過(開館日)", en: "Waiting (opening days)" },
  late: { ja: "目標日を過ぎています", en: "Past the target" },
  name: { ja: "氏名", en: "Name" },
  open: { ja: "審査する", en: "Review" },
  details: { ja: "申請内容", en: "Application" },
  email: { ja: "メールアドレス", en: "E-mail" },
  birthDate: { ja: "生年月日", en: "Date of birth" },
  address: { ja: "住所", en: "Address" },
  phone: { ja: "電話番号", en: "Phone" },
  basis: { ja: "区分", en: "Basis" },
  idDocument: { ja: "本人確認書類", en: "Identity document" },
  photos: { ja: "本人確認書類の写真", en: "Identity document photos" },
  front: { ja: "表面", en: "Front" },
  back: { ja: "裏面", en: "Back" },
  card: { ja: "利用者カード(氏名記入)", en: "Kit card (name written)" },
  kitNumber: { ja: "登録セットのカード番号", en: "Kit card number" },
  deliveryLending: { ja: "オンライン貸出サービス", en: "Online lending service" },
  applied: { ja: "同時に申し込み", en: "Applied for" },
  notApplied: { ja: "申し込みなし", en: "Not applied for" },
  overdue: { ja: "日を超えて審査を待っている申請", en: "Waiting longer than" },
  days: { ja: "日", en: " days" },
  approve: { ja: "承認して登録する", en: "Approve and register" },
  reject: { ja: "お断りする", en: "Reject" },
  reason: { ja: "理由(申請者にメールで伝えます)", en: "Reason (mailed to the applicant)" },
  back_: { ja: "一覧へ", en: "Back to the queue" },
  done: { ja: "決定しました。申請者にメールを送りました。", en: "Decided; the applicant was mailed." },
  inquiries: { ja: "申請者へのお問い合わせ", en: "Questions to the applicant" },
  ask: { ja: "メールで問い合わせる", en: "Ask by e-mail" },
  question: { ja: "お問い合わせの内容", en: "Question" },
  answer: { ja: "回答", en: "Answer" },
  noAnswer: { ja: "(未回答)", en: "(not answered)" },
  asked: { ja: "お問い合わせを送りました。", en: "The question was sent." },
  refused: { ja: "決定できませんでした", en: "Not decided" },
} as const;
const w = (lang: Lang, key: keyof typeof words) => words[key][lang];

const reviewerStaff = staffWithRole("reviewer");

/**
 * /staff/applications: the review queue (reviewer role) — the oldest first with the day the card is usually
 * usable and those past it marked — and each application with its photos, approved or rejected with a reason.
 */
export function staffApplicationReview() {
  const app = new Hono<AppEnv>();
  app.use("/staff/applications", reviewerStaff);
  app.use("/staff/applications/*", reviewerStaff);

  app.get("/staff/applications", async (c) => {
    const s = shell(c);
    const lang = s.prefs.lang;
    const slug = c.get("system").slug;
    const ctx = useCaseContext(c);
    const today = japanDate(ctx.now);
    const rows = await listReviewQueue(ctx);
    const { policy } = await getPolicyInForce(ctx.db, ctx.librarySystemId, today);
    const rules = policy.onlineRegistration;
    const main = (await listServicePoints(ctx.db, ctx.librarySystemId)).find((p) => p.type === "main");
    // applications sent on one day share their age: counted once per day, not once per row
    const ages = new Map<string, number>();
    const ageOf = (submittedOn: string) => {
      if (!main) return null;
      if (!ages.has(submittedOn)) ages.set(submittedOn, ageInOpeningDays(main.calendar, submittedOn, today));
      return ages.get(submittedOn)!;
    };
    // 004: 1～3日程度 — the applications older than the review's upper bound, listed first
    const overdue = rows.filter((a) => a.submittedOn && isReviewOverdue(rules, a.submittedOn, today));
    const overdueHeading =
      lang === "ja"
        ? `${rules.reviewOpeningDays.max}${w(lang, "overdue")}`
        : `${w(lang, "overdue")} ${rules.reviewOpeningDays.max}${w(lang, "days")}`;
    c.header("Cache-Control", "no-store");
    return c.html(
      <Layout shell={s} title={w(lang, "queue")}>
        <p>
          <a href={`/${slug}/staff`}>{w(lang, "staffMenu")}</a>
        </p>
        <h1>{w(lang, "queue")}</h1>
        <section
          aria-labelledby="overdue-heading"
          class={overdue.length > 0 ? "notice notice-error" : "notice"}
        >
          <h2 id="overdue-heading">
            {overdueHeading}: {overdue.length}
          </h2>
          {overdue.length > 0 && (
            <ul>
              {overdue.map((a) => (
                <li>
                  <a href={`/${slug}/staff/applications/${a.id}`}>{a.receiptNumber}</a> (
                  {formatDate(lang, a.submittedOn)})
                </li>
              ))}
            </ul>
          )}
        </section>
        {c.req.query("done") && (
          <p class="notice notice-ok" role="status">
            {w(lang, "done")}
          </p>
        )}
        {rows.length === 0 ? (
          <p>{w(lang, "none")}</p>
        ) : (
          <div class="table-scroll">
            <table class="patron-table">
              <caption>
                {w(lang, "queue")} ({rows.length})
              </caption>
              <thead>
                <tr>
                  <th scope="col">{w(lang, "receipt")}</th>
                  <th scope="col">{w(lang, "submitted")}</th>
                  <th scope="col">{w(lang, "expected")}</th>
                  <th scope="col">{w(lang, "age")}</th>
                  <th scope="col">{w(lang, "name")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((a) => {
                  const late = a.expectedOn !== null && a.expectedOn < today;
                  const form = a.form as { familyName?: string; givenName?: string };
                  return (
                    <tr class={late ? "row-late" : undefined}>
                      <td>
                        <a href={`/${slug}/staff/applications/${a.id}`}>{a.receiptNumber}</a>
                      </td>
                      <td>{formatDate(lang, a.submittedOn)}</td>
                      <td>
                        {formatDate(lang, a.expectedOn)}
                        {late && <strong class="badge-important"> {w(lang, "late")}</strong>}
                      </td>
                      <td>{(a.submittedOn && ageOf(a.submittedOn)) ?? "—"}</td>
                      <td>
                        {form.familyName} {form.givenName}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </Layout>,
    );
  });

  app.get("/staff/applications/:id/photos/:side{front|back|card}", async (c) => {
    const image = await getApplicationPhoto(
      { ...applicantContext(c), staff: staffActor(c) },
      applicationIdOf(c),
      c.req.param("side") as PhotoSide,
    );
    return c.body(new Uint8Array(image), 200, { "content-type": "image/jpeg", "cache-control": "no-store" });
  });

  app.get("/staff/applications/:id", async (c) => detailPage(c, {}));

  app.post("/staff/applications/:id/inquiries", async (c) => {
    const body = await csrfCheckedBody(c);
    try {
      const question = one(body, "question").trim().slice(0, 2000);
      if (!question) throw new AppError("VALIDATION_FAILED", { field: "question" });
      await askApplicant({ ...applicantContext(c), staff: staffActor(c) }, applicationIdOf(c), question);
    } catch (error) {
      if (!isAppError(error)) throw error;
      return detailPage(c, { refusal: error.code }, 409);
    }
    return c.redirect(`/${c.get("system").slug}/staff/applications/${applicationIdOf(c)}?asked=1`, 303);
  });

  app.post("/staff/applications/:id", async (c) => {
    const body = await csrfCheckedBody(c);
    const decision = one(body, "decision");
    try {
      if (decision !== "approve" && decision !== "reject")
        throw new AppError("VALIDATION_FAILED", { field: "decision" });
      await decideApplication({ ...applicantContext(c), staff: staffActor(c) }, applicationIdOf(c), {
        approve: decision === "approve",
        reason: one(body, "reason").trim().slice(0, 500) || null,
      });
    } catch (error) {
      if (!isAppError(error)) throw error;
      return detailPage(c, { refusal: error.code }, 409);
    }
    return c.redirect(`/${c.get("system").slug}/staff/applications?done=1`, 303);
  });

  return app;
}

function applicationIdOf(c: Context<AppEnv>): string {
  const id = c.req.param("id") ?? "";
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError("APPLICATION_NOT_FOUND", {});
  return id;
}

async function detailPage(c: Context<AppEnv>, state: { refusal?: string }, status: 200 | 409 = 200) {
  const s = shell(c);
  const lang = s.prefs.lang;
  const slug = c.get("system").slug;
  const a: ApplicationRow = await getApplicationForReview(
    { ...applicantContext(c), staff: staffActor(c) },
    applicationIdOf(c),
  );
  const form = a.form as {
    familyName?: string;
    givenName?: string;
    familyNameKana?: string;
    givenNameKana?: string;
    birthDate?: string;
    address?: { postalCode?: string; prefecture?: string; city?: string; street?: string; building?: string };
    phone?: string;
    basis?: string;
    idDocument?: { type?: string; expiresOn?: string | null };
    deliveryLending?: boolean;
  };
  const base = `/${slug}/staff/applications/${a.id}`;
  const inquiries = await getInquiries(useCaseContext(c), a.id);
  c.header("Cache-Control", "no-store");
  return c.html(
    <Layout shell={s} title={`${w(lang, "details")} ${a.receiptNumber ?? ""}`}>
      <p>
        <a href={`/${slug}/staff/applications`}>{w(lang, "back_")}</a>
      </p>
      <h1>
        {w(lang, "details")} {a.receiptNumber}
      </h1>
      <RefusalBox lang={lang} heading={w(lang, "refused")} code={state.refusal} />
      <dl class="facts">
        <dt>{w(lang, "name")}</dt>
        <dd>
          {form.familyName} {form.givenName} ({form.familyNameKana} {form.givenNameKana})
        </dd>
        <dt>{w(lang, "birthDate")}</dt>
        <dd>{formatDate(lang, form.birthDate)}</dd>
        <dt>{w(lang, "address")}</dt>
        <dd>
          〒{form.address?.postalCode} {form.address?.prefecture}
          {form.address?.city}
          {form.address?.street} {form.address?.building}
        </dd>
        <dt>{w(lang, "phone")}</dt>
        <dd>{form.phone}</dd>
        <dt>{w(lang, "email")}</dt>
        <dd>{a.email}</dd>
        <dt>{w(lang, "basis")}</dt>
        <dd>{basisNames[form.basis ?? ""]?.[lang] ?? form.basis}</dd>
        <dt>{w(lang, "idDocument")}</dt>
        <dd>{idDocumentNames[form.idDocument?.type ?? ""]?.[lang] ?? form.idDocument?.type}</dd>
        <dt>{w(lang, "submitted")}</dt>
        <dd>{formatDate(lang, a.submittedOn)}</dd>
        {a.kitNumber && (
          <>
            <dt>{w(lang, "kitNumber")}</dt>
            <dd class="card-number">{a.kitNumber}</dd>
            <dt>{w(lang, "deliveryLending")}</dt>
            <dd>{w(lang, form.deliveryLending ? "applied" : "notApplied")}</dd>
          </>
        )}
      </dl>
      <section aria-labelledby="photos-heading">
        <h2 id="photos-heading">{w(lang, "photos")}</h2>
        <div class="application-photos">
          {a.photos.map((side) => (
            <figure>
              <img
                src={`${base}/photos/${side}`}
                alt={side === "card" ? w(lang, "card") : `${w(lang, "idDocument")}: ${w(lang, side)}`}
              />
              <figcaption>{w(lang, side)}</figcaption>
            </figure>
          ))}
        </div>
      </section>
      {c.req.query("asked") && (
        <p class="notice notice-ok" role="status">
          {w(lang, "asked")}
        </p>
      )}
      <section aria-labelledby="inquiries-heading">
        <h2 id="inquiries-heading">{w(lang, "inquiries")}</h2>
        {inquiries.length > 0 && (
          <ol class="request-list">
            {inquiries.map((q) => (
              <li>
                {formatDate(lang, q.askedOn)}: {q.question}
                <br />
                <small>
                  {w(lang, "answer")}: {q.answer ?? w(lang, "noAnswer")}
                </small>
              </li>
            ))}
          </ol>
        )}
        {(a.status === "submitted" || a.status === "inquiry") && (
          <form method="post" action={`${base}/inquiries`} class="stacked-form">
            <input type="hidden" name="_csrf" value={s.csrf} />
            <label for="inquiry-question">{w(lang, "question")}</label>
            <textarea id="inquiry-question" name="question" required maxlength={2000} rows={3} />
            <button type="submit">{w(lang, "ask")}</button>
          </form>
        )}
      </section>
      {(a.status === "submitted" || a.status === "inquiry") && (
        <div class="review-decisions">
          <form method="post" action={base} class="inline-form">
            <input type="hidden" name="_csrf" value={s.csrf} />
            <input type="hidden" name="decision" value="approve" />
            <button type="submit">{w(lang, "approve")}</button>
          </form>
          <form method="post" action={base} class="stacked-form">
            <input type="hidden" name="_csrf" value={s.csrf} />
            <input type="hidden" name="decision" value="reject" />
            <label for="reject-reason">{w(lang, "reason")}</label>
            <textarea id="reject-reason" name="reason" required maxlength={500} rows={3} />
            <button type="submit">{w(lang, "reject")}</button>
          </form>
        </div>
      )}
    </Layout>,
    status,
  );
}
