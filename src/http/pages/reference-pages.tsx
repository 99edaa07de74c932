import type { Context } from "hono";
import { Hono } from "hono";
import { japanDate } from "../../clock.ts";
import { AppError, isAppError } from "../../domain/errors.ts";
import { getPolicyInForce } from "../../services/policies/get-policy-in-force.ts";
import { unansweredKindNames } from "../../services/reference/reference-mail.ts";
import { askReferenceQuestion } from "../../services/reference/reference-questions.ts";
import { type AppEnv, type Lang, useCaseContext } from "../context.ts";
import { describeError } from "../error-messages.ts";
import { csrfCheckedBody, one } from "./circulation-form-data.ts";
import { Layout } from "./layout.tsx";
import { RefusalBox } from "./refusal-box.tsx";
import { shell } from "./shell.ts";

const words = {
  title: { ja: "調べもののご相談", en: "Ask a librarian" },
  intro: {
    ja: "図書館では職員が、図書館にある資料などを使って調べものや資料探しのお手伝いをします。ご来館のほか、電話やこのフォームでもご相談いただけます。回答はメールでお送りします。",
    en: "Library staff help you find information and materials with the library's collection. Ask in person, by phone or with this form; the answer comes by e-mail.",
  },
  notAnswered: { ja: "お答えできないもの", en: "What we cannot answer" },
  name: { ja: "お名前", en: "Your name" },
  email: { ja: "メールアドレス(回答の送り先)", en: "E-mail address (for the answer)" },
  question: { ja: "調べたいこと", en: "Your question" },
  questionHint: {
    ja: "何を、何のために調べたいか、これまでに調べたことがあれば、それもお書きください。",
    en: "Say what you want to find out and why, and what you have already looked at.",
  },
  wantedBy: { ja: "回答の希望期限(任意)", en: "Answer wanted by (optional)" },
  send: { ja: "相談を送る", en: "Send the question" },
  sent: {
    ja: "ご相談を受け付けました。受付番号は {n} です。確認のメールをお送りしました。",
    en: "Your question was received as no. {n}. A confirmation was mailed to you.",
  },
  notOffered: {
    ja: "この図書館では、ホームページからの調べもののご相談は受け付けていません。窓口でお尋ねください。",
    en: "This library does not take questions on the web; please ask at the counter.",
  },
  refused: { ja: "送信できませんでした", en: "Not sent" },
} as const;
const w = (lang: Lang, key: keyof typeof words) => words[key][lang];

type Form = { askerName: string; email: string; question: string; wantedBy: string };

/** /reference: the reference service's web form (001 調べもの), open to anyone; the answer is mailed. */
export function referencePages() {
  const app = new Hono<AppEnv>();
  app.get("/reference", (c) => page(c, {}));
  app.post("/reference", async (c) => {
    const body = await csrfCheckedBody(c);
    const form: Form = {
      askerName: one(body, "askerName").trim().slice(0, 128),
      email: one(body, "email").trim().slice(0, 128),
      question: one(body, "question").trim().slice(0, 4000),
      wantedBy: one(body, "wantedBy").trim(),
    };
    const system = c.get("system");
    try {
      if (!form.question) throw new AppError("VALIDATION_FAILED", { field: "question" });
      const row = await askReferenceQuestion(
        { ...useCaseContext(c), library: { ja: system.nameJa, en: system.nameEn }, staff: null },
        {
          channel: "web",
          askerName: form.askerName || null,
          email: /^[^\s@]+@[^\s@]+$/.test(form.email) ? form.email : null,
          question: form.question,
          wantedBy: /^\d{4}-\d{2}-\d{2}$/.test(form.wantedBy) ? form.wantedBy : null,
        },
      );
      return c.redirect(`/${system.slug}/reference?sent=${row.id}`, 303);
    } catch (error) {
      if (!isAppError(error)) throw error;
      return page(c, { form, refusal: error.code }, describeError(error.code).status === 422 ? 422 : 409);
    }
  });
  return app;
}

async function page(
  c: Context<AppEnv>,
  state: { form?: Form; refusal?: string },
  status: 200 | 409 | 422 = 200,
) {
  const s = shell(c);
  const lang = s.prefs.lang;
  const slug = c.get("system").slug;
  const ctx = useCaseContext(c);
  const { policy } = await getPolicyInForce(ctx.db, ctx.librarySystemId, japanDate(ctx.now));
  const rules = policy.reference;
  const sent = c.req.query("sent");
  const form = state.form;
  return c.html(
    <Layout shell={s} title={w(lang, "title")}>
      <h1>{w(lang, "title")}</h1>
      <p>{w(lang, "intro")}</p>
      {rules.notAnswered.length > 0 && (
        <section aria-labelledby="not-answered">
          <h2 id="not-answered">{w(lang, "notAnswered")}</h2>
          <ul>
            {rules.notAnswered.map((kind) => (
              <li>{unansweredKindNames[kind][lang]}</li>
            ))}
          </ul>
        </section>
      )}
      {sent && /^\d+$/.test(sent) && (
        <p class="notice" role="status">
          {w(lang, "sent").replace("{n}", sent)}
        </p>
      )}
      <RefusalBox lang={lang} heading={w(lang, "refused")} code={state.refusal} />
      {!rules.offered || !rules.channels.includes("web") ? (
        <p>{w(lang, "notOffered")}</p>
      ) : (
        <form method="post" action={`/${slug}/reference`} class="stacked-form">
          <input type="hidden" name="_csrf" value={s.csrf} />
          <label for="ref-name">{w(lang, "name")}</label>
          <input
            id="ref-name"
            name="askerName"
            required
            maxlength={128}
            autocomplete="name"
            value={form?.askerName}
          />
          <label for="ref-email">{w(lang, "email")}</label>
          <input
            id="ref-email"
            name="email"
            type="email"
            required
            maxlength={128}
            autocomplete="email"
            value={form?.email}
          />
          <label for="ref-question">{w(lang, "question")}</label>
          <textarea
            id="ref-question"
            name="question"
            required
            maxlength={4000}
            rows={6}
            aria-describedby="ref-hint"
          >
            {form?.question ?? ""}
          </textarea>
          <p id="ref-hint" class="field-hint">
            {w(lang, "questionHint")}
          </p>
          <label for="ref-wanted">{w(lang, "wantedBy")}</label>
          <input id="ref-wanted" name="wantedBy" type="date" value={form?.wantedBy} />
          <button type="submit">{w(lang, "send")}</button>
        </form>
      )}
    </Layout>,
    status,
  );
}
