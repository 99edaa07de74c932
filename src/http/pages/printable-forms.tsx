import type { Context } from "hono";
import { Hono } from "hono";
import { japanDate } from "../../clock.ts";
import { findHoldRequest } from "../../db/queries/hold-requests.ts";
import { withTenant } from "../../db/tenant.ts";
import { AppError } from "../../domain/errors.ts";
import { ndlRules } from "../../domain/ndl/ndl-service.ts";
import type { Policy } from "../../domain/policy/policy-schema.ts";
import type { PatronView } from "../../services/patrons/patron-view.ts";
import { getPolicyInForce } from "../../services/policies/get-policy-in-force.ts";
import { type AppEnv, type Lang, useCaseContext } from "../context.ts";
import { counterStaff } from "./circulation-counter.ts";
import { Layout } from "./layout.tsx";
import { ndlRuleNames } from "./ndl-rule-names.ts";
import { loadPatron } from "./patron-page-context.ts";
import { formatDate } from "./patron-record.tsx";
import { shell } from "./shell.ts";

/**
 * The forms a library hands out or lets patrons download and print (000, 001): the registration card (also
 * for the e-library), the letter of attorney, the request form and the NDL application. Blank for anyone at
 * /forms/{form}; filled in with a patron's details for staff at /staff/patrons/{id}/forms/{form}. Printed
 * from the browser (A4, print styles hide the site around the form), which also saves it as PDF.
 */
export const formKinds = ["registration", "attorney", "request", "ndl"] as const;
export type FormKind = (typeof formKinds)[number];

const formNames: Record<FormKind, { ja: string; en: string }> = {
  registration: {
    ja: "図書館登録カード兼電子図書館登録カード",
    en: "Registration card (also for the e-library)",
  },
  attorney: { ja: "委任状", en: "Letter of attorney" },
  request: { ja: "リクエスト申込書", en: "Request form" },
  ndl: {
    ja: "国立国会図書館デジタル送信サービス利用申込書",
    en: "NDL digital transmission service application",
  },
};

const words = {
  forms: { ja: "申込書・様式", en: "Forms" },
  formsIntro: {
    ja: "A4の用紙に印刷し、ご記入の上、図書館にお持ちください(郵送で受け付ける手続きもあります)。ブラウザの印刷機能でPDFとして保存することもできます。",
    en: "Print on A4, fill in and bring to the library (some procedures take it by post). Your browser's print command can also save it as PDF.",
  },
  print: { ja: "ブラウザの印刷機能で印刷してください。", en: "Print with your browser's print command." },
  staffMenu: { ja: "職員メニュー", en: "Staff menu" },
  date: { ja: "記入日", en: "Date" },
  name: { ja: "氏名", en: "Name" },
  kana: { ja: "フリガナ", en: "Name in katakana" },
  birthDate: { ja: "生年月日", en: "Date of birth" },
  address: { ja: "住所", en: "Address" },
  phone: { ja: "電話番号", en: "Phone" },
  email: { ja: "メールアドレス", en: "E-mail" },
  basis: { ja: "区分", en: "Basis" },
  basisChoices: { ja: "□ 在住 □ 在勤 □ 在学", en: "□ resident □ worker □ student" },
  workplace: { ja: "勤務先・学校名", en: "Workplace or school" },
  elibrary: { ja: "電子図書館", en: "E-library" },
  elibraryChoice: { ja: "□ 利用する", en: "□ register me" },
  cardNumber: { ja: "利用券番号", en: "Card number" },
  principal: { ja: "委任者(本人)", en: "Principal (the patron)" },
  agent: { ja: "代理人", en: "Agent" },
  matters: { ja: "委任する手続き", en: "Matters delegated" },
  attorneyText: {
    ja: "私は、上記の者を代理人と定め、次の手続きを委任します。",
    en: "I appoint the person above as my agent for the following.",
  },
  attorneyNote: {
    ja: "委任状だけでは手続きできません。代理人の本人確認書類などが必要です。予約資料の受け取りは、図書館カードをお持ちでない場合のみ委任状が必要です。",
    en: "A letter alone is not enough: the agent's identity is checked too. Collecting reservations needs a letter only without the patron's card.",
  },
  matterChoices: {
    ja: "□ 利用登録 □ 図書館カードの再発行 □ 登録内容の変更 □ 予約資料の受け取り",
    en: "□ registration □ card reissue □ change of details □ collecting reservations",
  },
  signature: { ja: "署名", en: "Signature" },
  title: { ja: "書名", en: "Title" },
  author: { ja: "著者", en: "Author" },
  publisher: { ja: "出版社", en: "Publisher" },
  isbn: { ja: "ISBN", en: "ISBN" },
  contact: { ja: "連絡方法", en: "Contact" },
  contactChoices: { ja: "□ メール □ 電話 □ 連絡不要", en: "□ e-mail □ phone □ none" },
  pickup: { ja: "受取館", en: "Pickup library" },
  requestNote: {
    ja: "図書館で所蔵していない資料に限ります。次のものはリクエストを受け付けていません: {refused}。他館から借りる場合の送料はご負担いただきます。",
    en: "Only for titles the library does not hold. Not accepted: {refused}. Postage for a loan from another library is yours to pay.",
  },
  useDate: { ja: "利用日", en: "Date of use" },
  ndlAgree: { ja: "次の事項に同意します", en: "I agree to the following" },
  ndlLimit: { ja: "利用時間はお一人1日{n}分までです。", en: "{n} minutes per person a day." },
  forStaff: { ja: "図書館記入欄", en: "For library use" },
  byPost: { ja: "郵送で申し込む場合", en: "Applying by post" },
  byPostText: {
    ja: "この用紙と、登録する方全員の本人確認書類のコピー(保険証・免許証などは両面。保険証の記号・番号は隠してください)、{yen}円分の切手を貼った返信用封筒を図書館へお送りください。在勤・在学の方は勤務先・学校のわかるもののコピーも同封してください。同居のご家族の分もまとめて申し込めます。返信には約{days}日かかります。再発行は郵送ではできません。",
    en: "Send this form with a copy of every applicant's identity document (both sides of cards; hide health-insurance numbers) and a return envelope with {yen} yen of stamps. Workers and students add a copy of proof of their workplace or school. Household members may apply together. The reply takes about {days} days. A reissue cannot be done by post.",
  },
} as const;
const w = (lang: Lang, key: keyof typeof words) => words[key][lang];

type Filled = {
  patron?: PatronView;
  request?: { title: string; author: string | null; publisher: string | null; isbn13: string | null };
};

function Field(props: { label: string; value?: string | null; tall?: boolean }) {
  return (
    <tr>
      <th scope="row">{props.label}</th>
      <td class={props.tall ? "form-blank form-blank-tall" : "form-blank"}>{props.value ?? ""}</td>
    </tr>
  );
}

function addressOf(p: PatronView): string {
  const a = p.address;
  return `〒${a.postalCode} ${a.prefecture}${a.city}${a.street}${a.building ? ` ${a.building}` : ""}`;
}

function FormBody(props: { lang: Lang; kind: FormKind; policy: Policy; filled: Filled }) {
  const { lang, kind, policy, filled } = props;
  const p = filled.patron;
  const name = p ? `${p.familyName} ${p.givenName}` : null;
  const kana = p ? `${p.familyNameKana} ${p.givenNameKana}` : null;
  const birth = p ? formatDate(lang, p.birthDate) : null;
  const card = p?.cards.find((c) => c.status === "active")?.number ?? null;
  switch (kind) {
    case "registration": {
      const table = (
        <table class="form-table">
          <Field label={w(lang, "date")} />
          <Field label={w(lang, "kana")} value={kana} />
          <Field label={w(lang, "name")} value={name} />
          <Field label={w(lang, "birthDate")} value={birth} />
          <Field label={w(lang, "address")} value={p ? addressOf(p) : null} tall />
          <Field label={w(lang, "phone")} value={p?.phone} />
          <Field label={w(lang, "email")} value={p?.email} />
          <Field label={w(lang, "basis")} value={w(lang, "basisChoices")} />
          <Field label={w(lang, "workplace")} value={p?.workplaceOrSchool?.name} />
          {policy.registration.elibrary && (
            <Field label={w(lang, "elibrary")} value={w(lang, "elibraryChoice")} />
          )}
          <Field label={`${w(lang, "forStaff")}: ${w(lang, "cardNumber")}`} value={card} />
        </table>
      );
      // 000: 郵送による新規登録 — what goes in the envelope, and how long the reply takes
      if (!policy.onlineRegistration.postal?.offered) return table;
      return (
        <>
          {table}
          <h3>{w(lang, "byPost")}</h3>
          <p>
            {w(lang, "byPostText")
              .replace("{yen}", String(policy.onlineRegistration.postal.returnEnvelopeYen))
              .replace("{days}", String(policy.onlineRegistration.postal.processingDays))}
          </p>
        </>
      );
    }
    case "attorney":
      return (
        <>
          <p>{w(lang, "attorneyText")}</p>
          <h3>{w(lang, "agent")}</h3>
          <table class="form-table">
            <Field label={w(lang, "name")} />
            <Field label={w(lang, "address")} tall />
            <Field label={w(lang, "phone")} />
          </table>
          <h3>{w(lang, "matters")}</h3>
          <p>{w(lang, "matterChoices")}</p>
          <h3>{w(lang, "principal")}</h3>
          <table class="form-table">
            <Field label={w(lang, "date")} />
            <Field label={w(lang, "name")} value={name} />
            <Field label={w(lang, "birthDate")} value={birth} />
            <Field label={w(lang, "address")} value={p ? addressOf(p) : null} tall />
            <Field label={w(lang, "cardNumber")} value={card} />
            <Field label={w(lang, "signature")} />
          </table>
          <p class="form-note">{w(lang, "attorneyNote")}</p>
        </>
      );
    case "request": {
      const refused = policy.requests.refusedCategories
        .map((r) => r.reason[lang])
        .join(lang === "ja" ? "、" : ", ");
      const r = filled.request;
      return (
        <>
          <table class="form-table">
            <Field label={w(lang, "date")} />
            <Field label={w(lang, "title")} value={r?.title} tall />
            <Field label={w(lang, "author")} value={r?.author} />
            <Field label={w(lang, "publisher")} value={r?.publisher} />
            <Field label={w(lang, "isbn")} value={r?.isbn13} />
            <Field label={w(lang, "name")} value={name} />
            <Field label={w(lang, "cardNumber")} value={card} />
            <Field label={w(lang, "phone")} value={p?.phone} />
            <Field label={w(lang, "contact")} value={w(lang, "contactChoices")} />
            <Field label={w(lang, "pickup")} />
          </table>
          <p class="form-note">{w(lang, "requestNote").replace("{refused}", refused)}</p>
        </>
      );
    }
    case "ndl":
      return (
        <>
          <table class="form-table">
            <Field label={w(lang, "useDate")} />
            <Field label={w(lang, "name")} value={name} />
            <Field label={w(lang, "cardNumber")} value={card} />
            <Field label={w(lang, "phone")} value={p?.phone} />
          </table>
          <h3>{w(lang, "ndlAgree")}</h3>
          <ul class="form-checklist">
            {ndlRules.map((rule) => (
              <li>□ {ndlRuleNames[rule][lang]}</li>
            ))}
            <li>□ {w(lang, "ndlLimit").replace("{n}", String(policy.fees.ndlMinutesPerPersonPerDay))}</li>
          </ul>
          <table class="form-table">
            <Field label={w(lang, "signature")} />
          </table>
        </>
      );
  }
}

async function formPage(c: Context<AppEnv>, kind: FormKind, filled: Filled) {
  const s = shell(c);
  const lang = s.prefs.lang;
  const ctx = useCaseContext(c);
  const system = c.get("system");
  const { policy } = await getPolicyInForce(ctx.db, ctx.librarySystemId, japanDate(ctx.now));
  const libraryName = lang === "ja" ? system.nameJa : system.nameEn;
  return c.html(
    <Layout shell={s} title={formNames[kind][lang]}>
      <p class="no-print">{w(lang, "print")}</p>
      <section class="printable-form" aria-labelledby="form-heading">
        <p class="form-library">{libraryName}</p>
        <h1 id="form-heading">{formNames[kind][lang]}</h1>
        <FormBody lang={lang} kind={kind} policy={policy} filled={filled} />
      </section>
    </Layout>,
  );
}

function kindOf(c: Context<AppEnv>): FormKind {
  const kind = c.req.param("form") as FormKind;
  if (!formKinds.includes(kind)) throw new AppError("PAGE_NOT_FOUND", { form: kind });
  return kind;
}

export function printableForms() {
  const app = new Hono<AppEnv>();

  app.get("/forms", (c) => {
    const s = shell(c);
    const lang = s.prefs.lang;
    const slug = c.get("system").slug;
    return c.html(
      <Layout shell={s} title={w(lang, "forms")}>
        <h1>{w(lang, "forms")}</h1>
        <p>{w(lang, "formsIntro")}</p>
        <ul>
          {formKinds.map((kind) => (
            <li>
              <a href={`/${slug}/forms/${kind}`}>{formNames[kind][lang]}</a>
            </li>
          ))}
        </ul>
      </Layout>,
    );
  });

  app.get("/forms/:form", (c) => formPage(c, kindOf(c), {}));

  app.use("/staff/patrons/:id/forms/*", counterStaff);
  app.get("/staff/patrons/:id/forms/:form", async (c) => {
    const kind = kindOf(c);
    const patron = await loadPatron(c, "printForm");
    const requestId = Number(c.req.query("request"));
    const ctx = useCaseContext(c);
    const request =
      kind === "request" && Number.isSafeInteger(requestId) && requestId > 0
        ? await withTenant(ctx.db, ctx.librarySystemId, (tx) => findHoldRequest(tx, requestId))
        : undefined;
    if (request && request.patronId !== patron.id) throw new AppError("REQUEST_NOT_FOUND", { requestId });
    c.header("Cache-Control", "no-store");
    return formPage(c, kind, { patron, request });
  });

  return app;
}
