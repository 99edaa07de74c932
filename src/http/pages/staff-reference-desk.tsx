import type { Context } from "hono";
import { Hono } from "hono";
import { japanDate } from "../../clock.ts";
import type { ReferenceQuestionRow } from "../../db/queries/reference-questions.ts";
import { AppError, isAppError } from "../../domain/errors.ts";
import type { UnansweredKind } from "../../domain/reference/reference-questions.ts";
import { getPolicyInForce } from "../../services/policies/get-policy-in-force.ts";
import { unansweredKindNames } from "../../services/reference/reference-mail.ts";
import {
  askReferenceQuestion,
  getReferenceDesk,
  moveReferenceQuestion,
  type ReferenceDeskView,
  referenceDeskViews,
} from "../../services/reference/reference-questions.ts";
import { staffActor } from "../client-address.ts";
import { type AppEnv, accountMailContext, type Lang, useCaseContext } from "../context.ts";
import { describeError } from "../error-messages.ts";
import { counterPoints, counterStaff } from "./circulation-counter.ts";
import { csrfCheckedBody, one } from "./circulation-form-data.ts";
import { csrfToken } from "./csrf.ts";
import { Layout } from "./layout.tsx";
import { formatDate } from "./patron-record.tsx";
import { RefusalBox } from "./refusal-box.tsx";
import { shell } from "./shell.ts";

const words = {
  title: { ja: "調べもの(レファレンス)", en: "Reference desk" },
  staffMenu: { ja: "職員メニュー", en: "Staff menu" },
  views: { ja: "表示", en: "Show" },
  open: { ja: "対応中", en: "Open" },
  answered: { ja: "回答済", en: "Answered" },
  declined: { ja: "お断り", en: "Declined" },
  take: { ja: "相談を受け付ける", en: "Take a question" },
  channel: { ja: "受付方法", en: "Taken" },
  referenceRoom: { ja: "調査相談室", en: "Reference room" },
  referenceCorner: { ja: "調査相談コーナー", en: "Reference corner" },
  phone: { ja: "電話", en: "Phone" },
  web: { ja: "ホームページ", en: "Web form" },
  servicePoint: { ja: "受付場所", en: "Service point" },
  askerName: { ja: "お名前(任意)", en: "Name (optional)" },
  email: { ja: "メールアドレス(回答をメールで送る場合)", en: "E-mail (to mail the answer)" },
  phoneNumber: { ja: "電話番号(任意)", en: "Phone (optional)" },
  question: { ja: "相談内容", en: "Question" },
  wantedBy: { ja: "希望期限", en: "Wanted by" },
  received: { ja: "受付", en: "Received" },
  inProgress: { ja: "調査中", en: "In progress" },
  start: { ja: "調査を始める", en: "Start" },
  answer: { ja: "回答", en: "Answer" },
  sources: { ja: "参考資料(任意)", en: "Sources (optional)" },
  sendAnswer: { ja: "回答を記録する", en: "Record the answer" },
  mailed: {
    ja: "メールアドレスがある場合は、回答をメールで送ります。",
    en: "Mailed where an address was given.",
  },
  decline: { ja: "お答えできない種類としてお断りする", en: "Decline as a kind not answered" },
  kind: { ja: "種類", en: "Kind" },
  none: { ja: "該当するご相談はありません。", en: "No questions here." },
  done: { ja: "記録しました。", en: "Recorded." },
  refused: { ja: "記録できませんでした", en: "Not recorded" },
  notOffered: {
    ja: "この図書館の運用ルールでは、調べもののご相談を受け付けていません。",
    en: "This library's policy offers no reference service.",
  },
  number: { ja: "No.", en: "No." },
} as const;
const w = (lang: Lang, key: keyof typeof words) => words[key][lang];
const viewNames = Object.keys(referenceDeskViews) as ReferenceDeskView[];

/**
 * /staff/reference: the reference desk (001 調べもの) — questions taken at the room, the corner or by phone,
 * and those from the web form, worked from received to answered; the kinds not answered are declined.
 */
export function staffReferenceDesk() {
  const app = new Hono<AppEnv>();
  app.use("/staff/reference", counterStaff);
  app.use("/staff/reference/*", counterStaff);

  app.get("/staff/reference", (c) => page(c, {}));

  app.post("/staff/reference", async (c) => {
    const body = await csrfCheckedBody(c);
    const channel = one(body, "channel");
    return act(c, () => {
      if (!["referenceRoom", "referenceCorner", "phone"].includes(channel)) {
        throw new AppError("VALIDATION_FAILED", { field: "channel" });
      }
      const question = one(body, "question").trim().slice(0, 4000);
      if (!question) throw new AppError("VALIDATION_FAILED", { field: "question" });
      const email = one(body, "email").trim().slice(0, 128);
      const wantedBy = one(body, "wantedBy").trim();
      return askReferenceQuestion(
        { ...accountMailContext(c), staff: staffActor(c) },
        {
          channel: channel as "referenceRoom" | "referenceCorner" | "phone",
          servicePoint: one(body, "servicePoint").slice(0, 64) || null,
          question,
          askerName: one(body, "askerName").trim().slice(0, 128) || null,
          email: /^[^\s@]+@[^\s@]+$/.test(email) ? email : null,
          phone: one(body, "phone").trim().slice(0, 32) || null,
          wantedBy: /^\d{4}-\d{2}-\d{2}$/.test(wantedBy) ? wantedBy : null,
        },
      );
    });
  });

  app.post("/staff/reference/:id", async (c) => {
    const body = await csrfCheckedBody(c);
    const status = one(body, "status");
    return act(c, () => {
      if (!["inProgress", "answered", "declined"].includes(status)) {
        throw new AppError("VALIDATION_FAILED", { field: "status" });
      }
      return moveReferenceQuestion(
        { ...accountMailContext(c), staff: staffActor(c) },
        Number(c.req.param("id")) || 0,
        {
          status: status as "inProgress" | "answered" | "declined",
          answer: one(body, "answer").trim().slice(0, 8000) || null,
          sources: one(body, "sources").trim().slice(0, 2000) || null,
          declinedKind: (one(body, "declinedKind") || null) as UnansweredKind | null,
        },
      );
    });
  });

  return app;
}

async function act(c: Context<AppEnv>, action: () => Promise<unknown>) {
  try {
    await action();
  } catch (error) {
    if (!isAppError(error)) throw error;
    return page(c, { refusal: error.code }, describeError(error.code).status === 404 ? 404 : 409);
  }
  return c.redirect(`/${c.get("system").slug}/staff/reference?done=1`, 303);
}

async function page(c: Context<AppEnv>, state: { refusal?: string }, status: 200 | 404 | 409 = 200) {
  const s = shell(c);
  const lang = s.prefs.lang;
  const slug = c.get("system").slug;
  const ctx = useCaseContext(c);
  const asked = c.req.query("view") as ReferenceDeskView | undefined;
  const view: ReferenceDeskView = asked && viewNames.includes(asked) ? asked : "open";
  const [{ policy }, { rows, counts }, counter] = await Promise.all([
    getPolicyInForce(ctx.db, ctx.librarySystemId, japanDate(ctx.now)),
    getReferenceDesk(ctx, referenceDeskViews[view]),
    counterPoints(c, "returns"),
  ]);
  const rules = policy.reference;
  const csrf = csrfToken(c);
  const countOf = (v: ReferenceDeskView) => referenceDeskViews[v].reduce((n, st) => n + (counts[st] ?? 0), 0);
  const staffChannels = rules.channels.filter((ch) => ch !== "web");
  c.header("Cache-Control", "no-store");
  return c.html(
    <Layout shell={s} title={w(lang, "title")}>
      <p>
        <a href={`/${slug}/staff`}>{w(lang, "staffMenu")}</a>
      </p>
      <h1>{w(lang, "title")}</h1>
      {c.req.query("done") === "1" && (
        <p class="notice" role="status">
          {w(lang, "done")}
        </p>
      )}
      <RefusalBox lang={lang} heading={w(lang, "refused")} code={state.refusal} />
      {!rules.offered && <p>{w(lang, "notOffered")}</p>}
      <nav aria-label={w(lang, "views")} class="staff-subnav">
        <ul>
          {viewNames.map((v) => (
            <li>
              <a href={`/${slug}/staff/reference?view=${v}`} aria-current={v === view ? "page" : undefined}>
                {w(lang, v)} ({countOf(v)})
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {rows.length === 0 ? (
        <p>{w(lang, "none")}</p>
      ) : (
        <ol class="request-list">
          {rows.map((q) => (
            <QuestionItem lang={lang} slug={slug} csrf={csrf} q={q} kinds={rules.notAnswered} />
          ))}
        </ol>
      )}
      {rules.offered && staffChannels.length > 0 && (
        <section aria-labelledby="take-heading">
          <h2 id="take-heading">{w(lang, "take")}</h2>
          <form method="post" action={`/${slug}/staff/reference`} class="stacked-form">
            <input type="hidden" name="_csrf" value={csrf} />
            <label for="ref-channel">{w(lang, "channel")}</label>
            <select id="ref-channel" name="channel">
              {staffChannels.map((ch) => (
                <option value={ch}>{w(lang, ch)}</option>
              ))}
            </select>
            <label for="ref-point">{w(lang, "servicePoint")}</label>
            <select id="ref-point" name="servicePoint">
              {counter.points.map((p) => (
                <option value={p.code} selected={p.code === counter.current.code}>
                  {p.name[lang]}
                </option>
              ))}
            </select>
            <label for="ref-question">{w(lang, "question")}</label>
            <textarea id="ref-question" name="question" required maxlength={4000} rows={4} />
            <label for="ref-name">{w(lang, "askerName")}</label>
            <input id="ref-name" name="askerName" maxlength={128} />
            <label for="ref-email">{w(lang, "email")}</label>
            <input id="ref-email" name="email" type="email" maxlength={128} />
            <label for="ref-phone">{w(lang, "phoneNumber")}</label>
            <input id="ref-phone" name="phone" type="tel" maxlength={32} />
            <label for="ref-wanted">{w(lang, "wantedBy")}</label>
            <input id="ref-wanted" name="wantedBy" type="date" />
            <button type="submit">{w(lang, "take")}</button>
          </form>
        </section>
      )}
    </Layout>,
    status,
  );
}

function QuestionItem(props: {
  lang: Lang;
  slug: string;
  csrf: string;
  q: ReferenceQuestionRow;
  kinds: readonly UnansweredKind[];
}) {
  const { lang, slug, csrf, q, kinds } = props;
  const action = `/${slug}/staff/reference/${q.id}`;
  const open = q.status === "received" || q.status === "inProgress";
  const Csrf = () => <input type="hidden" name="_csrf" value={csrf} />;
  return (
    <li id={`question-${q.id}`}>
      <h3>
        {w(lang, "number")} {q.id} — {w(lang, q.status)} · {w(lang, q.channel)} ·{" "}
        {formatDate(lang, japanDate(new Date(q.createdAt)))}
        {q.wantedBy && (
          <>
            {" "}
            · {w(lang, "wantedBy")}: {formatDate(lang, q.wantedBy)}
          </>
        )}
      </h3>
      <p class="question-text">{q.question}</p>
      {(q.askerName || q.email || q.phone) && (
        <p>
          <small>{[q.askerName, q.email, q.phone].filter(Boolean).join(" · ")}</small>
        </p>
      )}
      {q.answer && (
        <p>
          <strong>{w(lang, "answer")}:</strong> {q.answer}
          {q.sources && (
            <>
              <br />
              <small>{q.sources}</small>
            </>
          )}
        </p>
      )}
      {q.declinedKind && (
        <p>
          {w(lang, "kind")}: {unansweredKindNames[q.declinedKind as UnansweredKind]?.[lang] ?? q.declinedKind}
        </p>
      )}
      {q.status === "received" && (
        <form method="post" action={action} class="inline-form">
          <Csrf />
          <input type="hidden" name="status" value="inProgress" />
          <button type="submit">{w(lang, "start")}</button>
        </form>
      )}
      {open && (
        <>
          <form method="post" action={action} class="stacked-form">
            <Csrf />
            <input type="hidden" name="status" value="answered" />
            <label for={`answer-${q.id}`}>{w(lang, "answer")}</label>
            <textarea id={`answer-${q.id}`} name="answer" required maxlength={8000} rows={3} />
            <label for={`sources-${q.id}`}>{w(lang, "sources")}</label>
            <input id={`sources-${q.id}`} name="sources" maxlength={2000} />
            <p class="field-hint">{w(lang, "mailed")}</p>
            <button type="submit">{w(lang, "sendAnswer")}</button>
          </form>
          {kinds.length > 0 && (
            <form method="post" action={action} class="inline-form">
              <Csrf />
              <input type="hidden" name="status" value="declined" />
              <label for={`kind-${q.id}`}>{w(lang, "kind")}</label>
              <select id={`kind-${q.id}`} name="declinedKind">
                {kinds.map((k) => (
                  <option value={k}>{unansweredKindNames[k][lang]}</option>
                ))}
              </select>
              <button type="submit">{w(lang, "decline")}</button>
            </form>
          )}
        </>
      )}
    </li>
  );
}
