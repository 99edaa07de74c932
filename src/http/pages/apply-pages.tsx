import type { Context } from "hono";
import { Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { japanDate } from "../../clock.ts";
import type { ApplicationRow } from "../../db/queries/applications.ts";
import type { OnlineProcedure } from "../../domain/applications/application-rules.ts";
import { needsKit, type PhotoSide, requiredPhotos } from "../../domain/applications/registration-kits.ts";
import { isAppError } from "../../domain/errors.ts";
import { onlineProcedures } from "../../domain/vocabulary.ts";
import { answerApplicantInquiry } from "../../services/applications/application-inquiries.ts";
import {
  applicationStatus,
  getMyApplication,
  saveApplicationDraft,
  startApplication,
  submitApplication,
  uploadApplicationPhoto,
  verifyApplicationEmail,
} from "../../services/applications/online-application.ts";
import { getPolicyInForce } from "../../services/policies/get-policy-in-force.ts";
import { applicantContext, applicationFormSchema } from "../api/applications.ts";
import type { AppEnv, Lang } from "../context.ts";
import { describeError } from "../error-messages.ts";
import { csrfCheckedBody, one, scannedNumber } from "./circulation-form-data.ts";
import { isHttps } from "./csrf.ts";
import { idDocumentNames, t } from "./i18n.ts";
import { Layout } from "./layout.tsx";
import {
  AddressFields,
  CheckField,
  EligibilityFields,
  ErrorSummary,
  type FormState,
  formState,
  IdentityFields,
  NameFields,
  TextField,
} from "./patron-form.tsx";
import {
  type FormProblem,
  type FormValues,
  formErrorsOf,
  formValuesOf,
  isChecked,
  issueProblems,
  katakanaOf,
  registrationBodyOf,
} from "./patron-form-data.ts";
import { formPolicyOf } from "./patron-pages.tsx";
import { formatDate } from "./patron-record.tsx";
import { shell } from "./shell.ts";

const words = {
  title: { ja: "利用登録の申請(スマート登録)", en: "Apply for a library card online" },
  steps: { ja: "手続きの流れ", en: "Steps" },
  step1: { ja: "メールアドレス", en: "E-mail" },
  step2: { ja: "申請内容", en: "Details" },
  step3: { ja: "本人確認書類", en: "ID photos" },
  step4: { ja: "送信", en: "Send" },
  intro: {
    ja: "はじめにメールアドレスを入力してください。確認のためのリンクをお送りします。リンクを開くと申請を続けられます(入力途中で中断しても、あとで続けられます)。",
    en: "Enter your e-mail address first. We send a link to confirm it; open it to continue (you can stop and carry on later).",
  },
  email: { ja: "メールアドレス", en: "E-mail address" },
  sendLink: { ja: "確認のメールを送る", en: "Send the link" },
  linkSent: {
    ja: "確認のメールを送りました。メールのリンクを開いて申請を続けてください。届かない場合は迷惑メールのフォルダもご確認ください。",
    en: "We sent the link. Open it to continue. Check your spam folder if it does not arrive.",
  },
  notOffered: {
    ja: "この図書館では、ホームページからの利用申請を受け付けていません。窓口でお手続きください。",
    en: "This library does not take applications online; please register at the counter.",
  },
  continueTitle: { ja: "申請を続ける", en: "Continue your application" },
  continueText: {
    ja: "ボタンを押すと、申請の入力画面を開きます。",
    en: "Press the button to open your application.",
  },
  continueButton: { ja: "申請を続ける", en: "Continue" },
  notes: { ja: "注意事項", en: "Please read" },
  notesText: {
    ja: "{library}を利用できる方(在住・在勤・在学など)が対象です。すでに利用券をお持ちの方は申請できません。本人確認書類は、現住所が記載されたものを表裏とも撮影してください。健康保険証の記号・番号等は隠してから撮影してください。",
    en: "For those who may use {library} (residents, workers, students …). If you already hold a card, do not apply again. Photograph both sides of an identity document showing your current address; hide health-insurance numbers before taking the photo.",
  },
  consent: { ja: "注意事項に同意します", en: "I agree to the notes" },
  save: { ja: "入力内容を保存する", en: "Save" },
  saved: { ja: "保存しました。", en: "Saved." },
  photos: { ja: "本人確認書類の写真", en: "Photos of the identity document" },
  procedure: { ja: "申請する手続き", en: "What you are applying for" },
  newRegistration: { ja: "新規登録", en: "New registration" },
  reissue: { ja: "再発行(紛失・氏名の変更)", en: "Reissue (lost card, new name)" },
  renewRegistration: {
    ja: "有効期限の更新(1か月前から、または3年以上使っていなかったかた)",
    en: "Renew the registration (from a month before expiry, or after 3 years unused)",
  },
  changeOfDetails: { ja: "登録内容の変更(住所・電話番号)", en: "Change of address or phone" },
  forgotElibraryPassword: {
    ja: "「電子図書館サービス」のパスワードを忘れた",
    en: "I forgot my e-library password",
  },
  registeredHint: {
    ja: "登録済みのかたの手続きでは、登録されている氏名のフリガナと生年月日でご本人を確認します。住所の変更では、新しい住所を入力してください。",
    en: "For registered patrons, the reading of your name and your date of birth on record identify you. For a change of address, enter the new one.",
  },
  reissueHeading: { ja: "再発行の理由", en: "Why the reissue" },
  lost: { ja: "利用カードを紛失した", en: "I lost my card" },
  nameChange: {
    ja: "氏名が変わった(下の氏名欄には新しい氏名を入力)",
    en: "My name changed (enter the new name below)",
  },
  previousReading: { ja: "変更前の氏名のフリガナ", en: "The reading of your previous name" },
  forgotCardNumber: {
    ja: "スマート登録したが、利用券番号が分からなくなってしまった(氏名・フリガナ・生年月日のみ入力)",
    en: "I registered online but lost my card number (name, reading and date of birth only)",
  },
  photosHint: {
    ja: "新規登録では、表面と裏面を1枚ずつ(JPEG または PNG)。健康保険証の記号・番号等は隠してください。",
    en: "For a new registration, one photo of each side (JPEG or PNG). Hide health-insurance numbers.",
  },
  front: { ja: "表面", en: "Front" },
  back: { ja: "裏面", en: "Back" },
  card: { ja: "利用者カード(名前を書いたもの)", en: "The kit's card (with your name written on it)" },
  kitHeading: { ja: "オンライン利用者登録セット", en: "Registration kit" },
  kitHint: {
    ja: "図書館・公民館などで受け取ったセットの利用者カードに名前を書き、カードに印刷された番号を入力してください。カードの写真もアップロードします。",
    en: "Write your name on the card from the kit you picked up at a library or community centre, and enter the number printed on it. Upload a photo of the card too.",
  },
  kitPhotosHint: {
    ja: "本人確認書類(氏名・住所のわかるもの)の表面と裏面、名前を書いた利用者カードの写真を1枚ずつ(JPEG または PNG)。",
    en: "One photo each of the identity document's front and back (name and address) and of the card with your name (JPEG or PNG).",
  },
  uploaded: { ja: "アップロード済み", en: "Uploaded" },
  upload: { ja: "アップロード", en: "Upload" },
  submit: { ja: "申請を送信する", en: "Send the application" },
  submitHint: {
    ja: "送信すると内容は変更できません。審査の結果はメールでお知らせします。",
    en: "Once sent, the application cannot be changed. The result comes by e-mail.",
  },
  receiptTitle: { ja: "申請を受け付けました", en: "Application received" },
  receiptNumber: { ja: "受付番号", en: "Receipt number" },
  expected: { ja: "利用できる見込みの日", en: "Usually usable from" },
  summary: { ja: "入力内容", en: "What you sent" },
  reading: { ja: "フリガナ", en: "Reading" },
  printHint: {
    ja: "ブラウザーの印刷機能で、この画面(入力内容)を印刷できます。",
    en: "Use the browser's print to print this page with what you sent.",
  },
  onlineLending: { ja: "オンライン貸出サービス", en: "Online lending service" },
  yes: { ja: "申し込む", en: "Applied for" },
  no: { ja: "申し込まない", en: "Not applied for" },
  receiptText: {
    ja: "受付番号は申請の状況の確認に使います。この画面は印刷できます。",
    en: "Keep the receipt number to check the status. You can print this page.",
  },
  statusTitle: { ja: "申請の状況", en: "Application status" },
  check: { ja: "確認する", en: "Check" },
  status: { ja: "状況", en: "Status" },
  refused: { ja: "申請できませんでした", en: "Not accepted" },
  phone: { ja: "電話番号", en: "Phone" },
  answerTitle: { ja: "お問い合わせへの回答", en: "Answer our question" },
  answer: { ja: "回答", en: "Your answer" },
  sendAnswer: { ja: "回答を送る", en: "Send" },
  answered: {
    ja: "回答を受け付けました。審査を続けます(受付番号 {n})。",
    en: "Thank you; the review goes on (receipt {n}).",
  },
} as const;
const w = (lang: Lang, key: keyof typeof words) => words[key][lang];

const statusNames: Record<string, { ja: string; en: string }> = {
  draft: { ja: "入力中", en: "Being filled in" },
  submitted: { ja: "審査中", en: "Under review" },
  inquiry: { ja: "お問い合わせ中(メールをご確認ください)", en: "Waiting for your answer (see your e-mail)" },
  approved: { ja: "登録完了", en: "Registered" },
  rejected: { ja: "お受けできませんでした", en: "Not accepted" },
  cancelled: { ja: "取り消されました", en: "Cancelled" },
};

const cookieName = "shiori_apply";

function sessionToken(c: Context<AppEnv>): string {
  return getCookie(c, cookieName) ?? "";
}

/** The fields saved in the draft, as the form's values (`address.postalCode`, checked boxes as "on"). */
function valuesOfForm(form: Record<string, unknown>, prefix = ""): FormValues {
  const values: FormValues = {};
  for (const [key, value] of Object.entries(form)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === "object")
      Object.assign(values, valuesOfForm(value as Record<string, unknown>, name));
    else if (typeof value === "boolean") values[name] = value ? "on" : "";
    else if (value !== null && value !== undefined) values[name] = String(value);
  }
  return values;
}

/**
 * The typed form as the draft's fields: what the counter's conversions make of it, without the counter's extras;
 * with the kit's number, the name written on its card and online lending where the library uses kits (004).
 */
function draftOf(values: FormValues, kit = false) {
  const {
    duplicateOverride: _d,
    notes: _n,
    proxy: _p,
    email: _e,
    supplementaryDocument: _s,
    ...body
  } = registrationBodyOf(values);
  if (!kit) return body;
  return {
    ...body,
    kitNumber: scannedNumber(values.kitNumber ?? ""),
    nameWrittenOnCard: isChecked(values, "nameWrittenOnCard"),
    deliveryLending: isChecked(values, "deliveryLending"),
  };
}

/**
 * The fields each procedure takes from the form: a new registration all of them; the procedures for a registered
 * patron the name, its reading, the birth date and the identity document, with the new address for a change and
 * the reason (and the earlier reading) for a reissue; the card-number reminder no document.
 */
function procedureFormOf(values: FormValues, procedure: OnlineProcedure, kit: boolean) {
  if (procedure === "newRegistration") return draftOf(values, kit);
  if (procedure === "forgotCardNumber") return reminderOf(values);
  const draft = draftOf(values);
  const named = { ...reminderOf(values), idDocument: draft.idDocument };
  if (procedure === "changeOfDetails") {
    return { ...named, address: draft.address, phone: draft.phone, municipality: draft.municipality };
  }
  if (procedure !== "reissue") return named;
  const reason = values.reissueReason || undefined;
  return {
    ...named,
    reissueReason: reason,
    ...(reason === "nameChange"
      ? {
          previousFamilyNameKana: katakanaOf(values.previousFamilyNameKana ?? ""),
          previousGivenNameKana: katakanaOf(values.previousGivenNameKana ?? ""),
        }
      : {}),
  };
}

/** "I forgot my card number" needs only the name, its reading and the birth date. */
function reminderOf(values: FormValues) {
  const { familyName, givenName, familyNameKana, givenNameKana, birthDate } = draftOf(values);
  const entries = Object.entries({ familyName, givenName, familyNameKana, givenNameKana, birthDate });
  return Object.fromEntries(entries.filter(([, v]) => v));
}

function Steps(props: { lang: Lang; at: 1 | 2 | 3 | 4 }) {
  const { lang, at } = props;
  const names = [w(lang, "step1"), w(lang, "step2"), w(lang, "step3"), w(lang, "step4")];
  return (
    <nav aria-label={w(lang, "steps")} class="apply-steps">
      <ol>
        {names.map((name, i) => (
          <li aria-current={i + 1 === at ? "step" : undefined} class={i + 1 < at ? "done" : undefined}>
            {name}
          </li>
        ))}
      </ol>
    </nav>
  );
}

/**
 * /apply: smart registration (002) on a phone — the e-mail first, the link from the mail, the details, the two
 * photos, then the receipt; /apply/status shows where an application is by its receipt number.
 */
export function applyPages() {
  const app = new Hono<AppEnv>();

  app.get("/apply", (c) => startPage(c, {}));

  app.post("/apply", async (c) => {
    const body = await csrfCheckedBody(c);
    const email = one(body, "email").trim().slice(0, 128);
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
      return startPage(c, { refusal: "VALIDATION_FAILED", email }, 422);
    try {
      await startApplication(applicantContext(c), email);
    } catch (error) {
      if (!isAppError(error)) throw error;
      return startPage(c, { refusal: error.code, email }, 409);
    }
    return startPage(c, { sent: true });
  });

  app.get("/apply/continue", (c) => {
    const s = shell(c);
    const lang = s.prefs.lang;
    const key = (c.req.query("key") ?? "").slice(0, 200);
    return c.html(
      <Layout shell={s} title={w(lang, "continueTitle")}>
        <h1>{w(lang, "continueTitle")}</h1>
        <p>{w(lang, "continueText")}</p>
        <form method="post" action={`/${c.get("system").slug}/apply/continue`}>
          <input type="hidden" name="_csrf" value={s.csrf} />
          <input type="hidden" name="key" value={key} />
          <button type="submit">{w(lang, "continueButton")}</button>
        </form>
      </Layout>,
    );
  });

  // A POST spends the key: a mail scanner that fetches the link does not.
  app.post("/apply/continue", async (c) => {
    const body = await csrfCheckedBody(c);
    try {
      const session = await verifyApplicationEmail(applicantContext(c), one(body, "key"));
      setCookie(c, cookieName, session.token, {
        path: `/${c.get("system").slug}/apply`,
        httpOnly: true,
        sameSite: "Lax",
        secure: isHttps(c),
        maxAge: Math.floor((session.expiresAt.getTime() - c.get("deps").clock.now().getTime()) / 1000),
      });
    } catch (error) {
      if (!isAppError(error)) throw error;
      return startPage(c, { refusal: error.code }, 410);
    }
    return c.redirect(`/${c.get("system").slug}/apply/form`, 303);
  });

  app.get("/apply/answer", (c) => answerPage(c, { key: (c.req.query("key") ?? "").slice(0, 200) }));

  app.post("/apply/answer", async (c) => {
    const body = await csrfCheckedBody(c);
    const key = one(body, "key").slice(0, 200);
    const answer = one(body, "answer").trim().slice(0, 4000);
    if (!answer) return answerPage(c, { key, refusal: "VALIDATION_FAILED" }, 422);
    try {
      const { receiptNumber } = await answerApplicantInquiry(applicantContext(c), key, answer);
      return answerPage(c, { key: "", answeredReceipt: receiptNumber });
    } catch (error) {
      if (!isAppError(error)) throw error;
      return answerPage(
        c,
        { key, refusal: error.code },
        describeError(error.code).status === 410 ? 410 : 409,
      );
    }
  });

  app.get("/apply/form", async (c) => {
    const application = await sessionApplication(c);
    if (!application) return startPage(c, { refusal: "APPLICATION_SESSION_INVALID" }, 401);
    if (application.status !== "draft") return c.redirect(`/${c.get("system").slug}/apply/receipt`, 303);
    return formPage(c, application, valuesOfForm(application.form), []);
  });

  app.post("/apply/form", async (c) => {
    const lang = shell(c).prefs.lang;
    const application = await sessionApplication(c);
    if (!application) return startPage(c, { refusal: "APPLICATION_SESSION_INVALID" }, 401);
    const values = formValuesOf(await csrfCheckedBody(c));
    const procedure = (onlineProcedures as readonly string[]).includes(values.procedure ?? "")
      ? (values.procedure as OnlineProcedure)
      : "newRegistration";
    const ctx = applicantContext(c);
    const { policy } = await getPolicyInForce(ctx.db, ctx.librarySystemId, japanDate(ctx.now));
    const parsed = applicationFormSchema.safeParse(
      procedureFormOf(values, procedure, needsKit(policy.onlineRegistration, procedure)),
    );
    if (!parsed.success)
      return formPage(c, application, values, issueProblems(parsed.error.issues, lang, values), 422);
    try {
      await saveApplicationDraft(applicantContext(c), sessionToken(c), {
        procedure,
        consent: values.consent === "on" || undefined,
        form: parsed.data as Record<string, unknown>,
      });
    } catch (error) {
      const { status, problems } = formErrorsOf(error, values, lang);
      return formPage(c, application, values, problems, status as 409);
    }
    return c.redirect(`/${c.get("system").slug}/apply/form?saved=1`, 303);
  });

  app.post("/apply/photos/:side{front|back|card}", async (c) => {
    const lang = shell(c).prefs.lang;
    const application = await sessionApplication(c);
    if (!application) return startPage(c, { refusal: "APPLICATION_SESSION_INVALID" }, 401);
    const body = await csrfCheckedBody(c);
    const file = body.photo;
    const upload = Array.isArray(file) ? file[0] : file;
    try {
      const bytes = upload instanceof File ? Buffer.from(await upload.arrayBuffer()) : Buffer.alloc(0);
      await uploadApplicationPhoto(
        applicantContext(c),
        sessionToken(c),
        c.req.param("side") as PhotoSide,
        bytes,
      );
    } catch (error) {
      const { status, problems } = formErrorsOf(error, {}, lang);
      return formPage(c, application, valuesOfForm(application.form), problems, status as 409);
    }
    return c.redirect(`/${c.get("system").slug}/apply/form?saved=1#photos`, 303);
  });

  app.post("/apply/submit", async (c) => {
    const lang = shell(c).prefs.lang;
    const application = await sessionApplication(c);
    if (!application) return startPage(c, { refusal: "APPLICATION_SESSION_INVALID" }, 401);
    await csrfCheckedBody(c);
    try {
      await submitApplication(applicantContext(c), sessionToken(c));
    } catch (error) {
      const values = valuesOfForm(application.form);
      const { status, problems } = formErrorsOf(error, values, lang);
      return formPage(c, application, values, problems, status as 409);
    }
    return c.redirect(`/${c.get("system").slug}/apply/receipt`, 303);
  });

  app.get("/apply/receipt", async (c) => {
    const s = shell(c);
    const lang = s.prefs.lang;
    const application = await sessionApplication(c);
    if (!application?.receiptNumber) return c.redirect(`/${c.get("system").slug}/apply/form`, 303);
    c.header("Cache-Control", "no-store");
    return c.html(
      <Layout shell={s} title={w(lang, "receiptTitle")}>
        <Steps lang={lang} at={4} />
        <h1>{w(lang, "receiptTitle")}</h1>
        <dl class="facts apply-receipt">
          <dt>{w(lang, "receiptNumber")}</dt>
          <dd>
            <strong class="card-number">{application.receiptNumber}</strong>
          </dd>
          <dt>{w(lang, "expected")}</dt>
          <dd>{formatDate(lang, application.expectedOn)}</dd>
          <dt>{w(lang, "status")}</dt>
          <dd>{statusNames[application.status]?.[lang]}</dd>
        </dl>
        <p>{w(lang, "receiptText")}</p>
        <ApplicationSummary lang={lang} application={application} />
      </Layout>,
    );
  });

  app.get("/apply/status", async (c) => {
    const s = shell(c);
    const lang = s.prefs.lang;
    const receipt = (c.req.query("receiptNumber") ?? "").slice(0, 20);
    const email = (c.req.query("email") ?? "").slice(0, 128);
    let found: ApplicationRow | null = null;
    let refusal: string | null = null;
    if (receipt && email) {
      try {
        found = await applicationStatus(applicantContext(c), receipt, email);
      } catch (error) {
        if (!isAppError(error)) throw error;
        refusal = error.code;
      }
    }
    return c.html(
      <Layout shell={s} title={w(lang, "statusTitle")}>
        <h1>{w(lang, "statusTitle")}</h1>
        <form method="get" action={`/${c.get("system").slug}/apply/status`} class="stacked-form">
          <label for="st-receipt">{w(lang, "receiptNumber")}</label>
          <input id="st-receipt" name="receiptNumber" value={receipt} maxlength={20} autocomplete="off" />
          <label for="st-email">{w(lang, "email")}</label>
          <input id="st-email" name="email" type="email" value={email} maxlength={128} autocomplete="email" />
          <button type="submit">{w(lang, "check")}</button>
        </form>
        {refusal && (
          <p class="notice notice-error" role="alert">
            {describeError(refusal)[lang]}
          </p>
        )}
        {found && (
          <div role="status">
            <dl class="facts">
              <dt>{w(lang, "receiptNumber")}</dt>
              <dd>{found.receiptNumber}</dd>
              <dt>{w(lang, "status")}</dt>
              <dd>{statusNames[found.status]?.[lang]}</dd>
              <dt>{w(lang, "expected")}</dt>
              <dd>{formatDate(lang, found.expectedOn)}</dd>
            </dl>
          </div>
        )}
      </Layout>,
    );
  });

  return app;
}

/**
 * What the applicant sent, to print (002: 入力内容を印刷する) — the procedure and the fields given, never the
 * photos. The page's print styles leave the site's header and footer out.
 */
function ApplicationSummary(props: { lang: Lang; application: ApplicationRow }) {
  const { lang, application } = props;
  const form = application.form as {
    familyName?: string;
    givenName?: string;
    familyNameKana?: string;
    givenNameKana?: string;
    birthDate?: string;
    address?: { postalCode?: string; prefecture?: string; city?: string; street?: string; building?: string };
    phone?: string;
    idDocument?: { type?: string };
    kitNumber?: string;
    deliveryLending?: boolean;
    reissueReason?: "lost" | "nameChange";
  };
  const rows: [string, string | undefined][] = [
    [w(lang, "procedure"), application.procedure ? w(lang, application.procedure) : undefined],
    [w(lang, "reissueHeading"), form.reissueReason ? w(lang, form.reissueReason) : undefined],
    [
      t(lang, "patronName"),
      form.familyName || form.givenName ? `${form.familyName ?? ""} ${form.givenName ?? ""}` : undefined,
    ],
    [
      w(lang, "reading"),
      form.familyNameKana ? `${form.familyNameKana} ${form.givenNameKana ?? ""}` : undefined,
    ],
    [t(lang, "birthDate"), form.birthDate ? formatDate(lang, form.birthDate) : undefined],
    [
      t(lang, "address"),
      form.address
        ? `〒${form.address.postalCode ?? ""} ${form.address.prefecture ?? ""}${form.address.city ?? ""}${form.address.street ?? ""} ${form.address.building ?? ""}`
        : undefined,
    ],
    [t(lang, "phone"), form.phone || undefined],
    [w(lang, "email"), application.email],
    [
      t(lang, "idDocumentType"),
      form.idDocument?.type ? idDocumentNames[form.idDocument.type]?.[lang] : undefined,
    ],
    [t(lang, "kitNumber"), form.kitNumber || undefined],
    [w(lang, "onlineLending"), form.kitNumber ? w(lang, form.deliveryLending ? "yes" : "no") : undefined],
  ];
  return (
    <section aria-labelledby="summary-heading" class="apply-summary">
      <h2 id="summary-heading">{w(lang, "summary")}</h2>
      <p class="field-hint no-print">{w(lang, "printHint")}</p>
      <dl class="facts">
        {rows
          .filter(([, value]) => value)
          .map(([label, value]) => (
            <>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </>
          ))}
      </dl>
    </section>
  );
}

function answerPage(
  c: Context<AppEnv>,
  state: { key: string; refusal?: string; answeredReceipt?: string },
  status: 200 | 409 | 410 | 422 = 200,
) {
  const s = shell(c);
  const lang = s.prefs.lang;
  return c.html(
    <Layout shell={s} title={w(lang, "answerTitle")}>
      <h1>{w(lang, "answerTitle")}</h1>
      {state.refusal && (
        <div class="notice notice-error" role="alert">
          <p>{describeError(state.refusal)[lang]}</p>
        </div>
      )}
      {state.answeredReceipt ? (
        <p class="notice notice-ok" role="status">
          {w(lang, "answered").replace("{n}", state.answeredReceipt)}
        </p>
      ) : (
        <form method="post" action={`/${c.get("system").slug}/apply/answer`} class="stacked-form">
          <input type="hidden" name="_csrf" value={s.csrf} />
          <input type="hidden" name="key" value={state.key} />
          <label for="answer-text">{w(lang, "answer")}</label>
          <textarea id="answer-text" name="answer" required maxlength={4000} rows={5} />
          <button type="submit">{w(lang, "sendAnswer")}</button>
        </form>
      )}
    </Layout>,
    status,
  );
}

async function sessionApplication(c: Context<AppEnv>): Promise<ApplicationRow | null> {
  const token = sessionToken(c);
  if (!token) return null;
  try {
    return await getMyApplication(applicantContext(c), token);
  } catch (error) {
    if (isAppError(error)) {
      deleteCookie(c, cookieName, { path: `/${c.get("system").slug}/apply` });
      return null;
    }
    throw error;
  }
}

async function startPage(
  c: Context<AppEnv>,
  state: { sent?: boolean; refusal?: string; email?: string },
  status: 200 | 401 | 409 | 410 | 422 = 200,
) {
  const s = shell(c);
  const lang = s.prefs.lang;
  const ctx = applicantContext(c);
  const { policy } = await getPolicyInForce(ctx.db, ctx.librarySystemId, japanDate(ctx.now));
  return c.html(
    <Layout shell={s} title={w(lang, "title")}>
      <Steps lang={lang} at={1} />
      <h1>{w(lang, "title")}</h1>
      {state.refusal && (
        <div class="notice notice-error" role="alert">
          <p>{describeError(state.refusal)[lang]}</p>
        </div>
      )}
      {!policy.onlineRegistration.offered ? (
        <p>{w(lang, "notOffered")}</p>
      ) : state.sent ? (
        <p class="notice notice-ok" role="status">
          {w(lang, "linkSent")}
        </p>
      ) : (
        <>
          <p>{w(lang, "intro")}</p>
          <form method="post" action={`/${c.get("system").slug}/apply`} class="stacked-form">
            <input type="hidden" name="_csrf" value={s.csrf} />
            <label for="apply-email">{w(lang, "email")}</label>
            <input
              id="apply-email"
              name="email"
              type="email"
              required
              maxlength={128}
              autocomplete="email"
              value={state.email}
            />
            <button type="submit">{w(lang, "sendLink")}</button>
          </form>
        </>
      )}
    </Layout>,
    status,
  );
}

async function formPage(
  c: Context<AppEnv>,
  application: ApplicationRow,
  values: FormValues,
  problems: FormProblem[],
  status: 200 | 409 | 422 = 200,
) {
  const s = shell(c);
  const lang = s.prefs.lang;
  const slug = c.get("system").slug;
  const policy = await formPolicyOf(c);
  const defaults = { basis: "resident", "idDocument.showsCurrentAddress": "on" };
  const state: FormState = formState(lang, "apply", { ...defaults, ...values }, problems);
  const hasPhoto = (side: PhotoSide) => application.photos.includes(side);
  const ctx = applicantContext(c);
  const { policy: rules } = await getPolicyInForce(ctx.db, ctx.librarySystemId, japanDate(ctx.now));
  const kit = needsKit(rules.onlineRegistration, "newRegistration");
  const sides = requiredPhotos(rules.onlineRegistration, "newRegistration");
  const procedures = onlineProcedures.filter((p) => rules.onlineRegistration.procedures.includes(p));
  const reissueReason =
    values.reissueReason ?? (application.form as { reissueReason?: string }).reissueReason;
  c.header("Cache-Control", "no-store");
  return c.html(
    <Layout shell={s} title={w(lang, "title")}>
      <Steps lang={lang} at={sides.every(hasPhoto) ? 4 : application.consentedAt ? 3 : 2} />
      <h1>{w(lang, "title")}</h1>
      <p>{application.email}</p>
      {c.req.query("saved") && (
        <p class="notice notice-ok" role="status">
          {w(lang, "saved")}
        </p>
      )}
      <ErrorSummary lang={lang} prefix="apply" problems={problems} />
      <form method="post" action={`/${slug}/apply/form`} class="patron-form" novalidate>
        <input type="hidden" name="_csrf" value={s.csrf} />
        <section aria-labelledby="notes-heading" class="notice">
          <h2 id="notes-heading">{w(lang, "notes")}</h2>
          <p>
            {w(lang, "notesText").replace(
              "{library}",
              lang === "ja" ? c.get("system").nameJa : c.get("system").nameEn,
            )}
          </p>
          <div class="check">
            <input
              id="apply-consent"
              type="checkbox"
              name="consent"
              checked={application.consentedAt !== null}
            />
            <label for="apply-consent">{w(lang, "consent")}</label>
          </div>
        </section>
        <fieldset class="field radio-group">
          <legend>{w(lang, "procedure")}</legend>
          {procedures.map((p) => (
            <div class="check">
              <input
                id={`apply-procedure-${p}`}
                type="radio"
                name="procedure"
                value={p}
                checked={(application.procedure ?? "newRegistration") === p}
              />
              <label for={`apply-procedure-${p}`}>{w(lang, p)}</label>
            </div>
          ))}
        </fieldset>
        {procedures.some((p) => p !== "newRegistration" && p !== "forgotCardNumber") && (
          <p class="field-hint">{w(lang, "registeredHint")}</p>
        )}
        {procedures.includes("reissue") && (
          <fieldset class="form-section reissue-fields">
            <legend>{w(lang, "reissueHeading")}</legend>
            {(["lost", "nameChange"] as const).map((reason) => (
              <div class="check">
                <input
                  id={`apply-reissue-${reason}`}
                  type="radio"
                  name="reissueReason"
                  value={reason}
                  checked={reissueReason === reason}
                />
                <label for={`apply-reissue-${reason}`}>{w(lang, reason)}</label>
              </div>
            ))}
            <div class="previous-reading">
              <p class="field-hint">{w(lang, "previousReading")}</p>
              <div class="field-row">
                <TextField
                  state={state}
                  name="previousFamilyNameKana"
                  label="previousFamilyNameKana"
                  maxlength={64}
                />
                <TextField
                  state={state}
                  name="previousGivenNameKana"
                  label="previousGivenNameKana"
                  maxlength={64}
                />
              </div>
            </div>
          </fieldset>
        )}
        {kit && (
          <fieldset class="form-section kit-fields">
            <legend>{w(lang, "kitHeading")}</legend>
            <p class="field-hint">{w(lang, "kitHint")}</p>
            <TextField
              state={state}
              name="kitNumber"
              label="kitNumber"
              inputmode="numeric"
              maxlength={20}
              width="medium"
            />
            <CheckField state={state} name="nameWrittenOnCard" label="nameWrittenOnCard" />
            {rules.onlineRegistration.deliveryLendingApplication && (
              <CheckField state={state} name="deliveryLending" label="deliveryLendingApplication" />
            )}
          </fieldset>
        )}
        <NameFields state={state} />
        <TextField state={state} name="birthDate" label="birthDate" maxlength={20} width="medium" />
        <AddressFields state={state} slug={slug} />
        <TextField state={state} name="phone" label="phone" maxlength={20} width="medium" />
        <EligibilityFields state={state} bases={policy.bases} municipalities={policy.municipalities} />
        <IdentityFields
          state={state}
          accepted={policy.acceptedIdDocuments}
          others={policy.otherIdDocuments}
          supplementary={policy.supplementaryDocuments}
        />
        <button type="submit">{w(lang, "save")}</button>
      </form>
      <section aria-labelledby="photos-heading" id="photos">
        <h2 id="photos-heading">{w(lang, "photos")}</h2>
        <p class="field-hint">{w(lang, kit ? "kitPhotosHint" : "photosHint")}</p>
        {sides.map((side) => (
          <form
            method="post"
            action={`/${slug}/apply/photos/${side}`}
            enctype="multipart/form-data"
            class="inline-form"
          >
            <input type="hidden" name="_csrf" value={s.csrf} />
            <label for={`photo-${side}`}>
              {w(lang, side)}
              {hasPhoto(side) && ` (${w(lang, "uploaded")})`}
            </label>
            <input
              id={`photo-${side}`}
              type="file"
              name="photo"
              accept="image/jpeg,image/png,image/heic"
              required
            />
            <button type="submit">{w(lang, "upload")}</button>
          </form>
        ))}
      </section>
      <form method="post" action={`/${slug}/apply/submit`} class="stacked-form">
        <input type="hidden" name="_csrf" value={s.csrf} />
        <p class="field-hint">{w(lang, "submitHint")}</p>
        <button type="submit">{w(lang, "submit")}</button>
      </form>
    </Layout>,
    status,
  );
}
