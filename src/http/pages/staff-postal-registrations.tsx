import type { Context } from "hono";
import { Hono } from "hono";
import { japanDate } from "../../clock.ts";
import type { PostalRegistrationRow } from "../../db/queries/postal-registrations.ts";
import { isAppError } from "../../domain/errors.ts";
import {
  listPostal,
  markCardsMailed,
  registerByPost,
} from "../../services/applications/postal-registration.ts";
import { getPolicyInForce } from "../../services/policies/get-policy-in-force.ts";
import { postalApplicationSchema } from "../api/postal-registrations.ts";
import { staffActor } from "../client-address.ts";
import { type AppEnv, type Lang, useCaseContext } from "../context.ts";
import type { describeFieldIssue } from "../field-messages.ts";
import { staffWithRole } from "./circulation-counter.ts";
import { csrfCheckedBody } from "./circulation-form-data.ts";
import { idDocumentNames } from "./i18n.ts";
import { Layout } from "./layout.tsx";
import {
  AddressFields,
  CheckField,
  ContactFields,
  EligibilityFields,
  ErrorSummary,
  type FormState,
  formState,
  IdentityFields,
  NameFields,
  SelectField,
  TextField,
} from "./patron-form.tsx";
import {
  type FormProblem,
  type FormValues,
  formErrorsOf,
  formValuesOf,
  isChecked,
  isoDateOf,
  issueProblems,
  katakanaOf,
  registrationBodyOf,
} from "./patron-form-data.ts";
import { formPolicyOf } from "./patron-pages.tsx";
import { formatDate } from "./patron-record.tsx";
import { shell } from "./shell.ts";

const words = {
  title: { ja: "郵送による利用登録", en: "Registration by post" },
  enter: { ja: "郵送申請を入力する", en: "Enter a postal application" },
  staffMenu: { ja: "職員メニュー", en: "Staff menu" },
  toMail: { ja: "カードの発送待ち", en: "Cards to mail" },
  mailed: { ja: "最近発送したもの", en: "Mailed lately" },
  none: { ja: "ありません。", en: "None." },
  received: { ja: "到着日", en: "Received" },
  replyBy: { ja: "返信の目安", en: "Reply by" },
  members: { ja: "登録した方とカード番号", en: "Registered and card numbers" },
  mailedOn: { ja: "発送日", en: "Mailed" },
  markMailed: { ja: "返信用封筒で発送した", en: "Mailed in the return envelope" },
  late: { ja: "目安を過ぎています", en: "Past the reply date" },
  registeredNotice: {
    ja: "登録しました。カードを返信用封筒に入れて発送し、「発送した」を押してください。",
    en: "Registered. Put the cards in the return envelope, post them, then mark them as mailed.",
  },
  mailedNotice: { ja: "発送済みにしました。", en: "Marked as mailed." },
  postHeading: { ja: "届いた郵便", en: "The post" },
  postHint: {
    ja: "登録カード(または同じ項目を書いた紙)、全員分の本人確認書類のコピー(両面)、切手を貼った返信用封筒を確かめます。再発行は郵送では受け付けません。",
    en: "Check the form (or a sheet with the same fields), a copy of both sides of every member's identity document and the stamped return envelope. Reissues are not taken by post.",
  },
  applicantHeading: { ja: "1人目(申請者)", en: "Person 1 (the applicant)" },
  memberHeading: { ja: "人目(同居の家族)", en: "Person" },
  memberHint: {
    ja: "同居の家族をまとめて申請する場合に入力します(空欄の欄は無視します)。住所と市区町村は1人目と同じになります。",
    en: "For household members applied for together (empty blocks are ignored). They share person 1's address and municipality.",
  },
  newRegistration: { ja: "新規登録", en: "New registration" },
  reissue: { ja: "再発行", en: "Reissue" },
  self: { ja: "本人", en: "The applicant" },
  child: { ja: "子ども(小学生以下)", en: "Child (up to primary school)" },
  householdMember: { ja: "同居の家族", en: "Household member" },
  register: { ja: "全員を登録する", en: "Register everyone" },
  personN: { ja: "人目", en: "Person " },
  cards: { ja: "枚", en: " cards" },
} as const;
const w = (lang: Lang, key: keyof typeof words) => words[key][lang];

/** The blocks for household members after the applicant: a household of five fits one form. */
const memberBlocks = [1, 2, 3, 4] as const;
const memberFields = ["familyName", "givenName", "familyNameKana", "givenNameKana", "birthDate"] as const;

const counterStaff = staffWithRole("counter");

/**
 * /staff/postal-registrations (000): the cards still to be mailed, the oldest first with their reply date, and
 * the form staff enter a posted application with — the applicant and up to four household members, all
 * registered or none.
 */
export function staffPostalRegistrations() {
  const app = new Hono<AppEnv>();
  app.use("/staff/postal-registrations", counterStaff);
  app.use("/staff/postal-registrations/*", counterStaff);

  app.get("/staff/postal-registrations", (c) => listPage(c));
  app.get("/staff/postal-registrations/new", (c) =>
    formPage(
      c,
      {
        procedure: "newRegistration",
        relation: "self",
        returnEnvelopeYen: "",
        basis: "resident",
        "idDocument.showsCurrentAddress": "on",
      },
      [],
      200,
    ),
  );

  app.post("/staff/postal-registrations", async (c) => {
    const lang = shell(c).prefs.lang;
    const values = formValuesOf(await csrfCheckedBody(c));
    const { body, blockOf } = postalBodyOf(values);
    const parsed = postalApplicationSchema.safeParse(body);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => ({ ...issue, path: blockPath(issue.path, blockOf) }));
      return formPage(c, values, issueProblems(issues as Issue[], lang, values), 422);
    }
    try {
      const row = await registerByPost({ ...useCaseContext(c), staff: staffActor(c) }, parsed.data);
      return c.redirect(`/${c.get("system").slug}/staff/postal-registrations?registered=${row.id}`, 303);
    } catch (error) {
      const { status, problems } = postalProblemsOf(error, values, lang, blockOf);
      return formPage(c, values, problems, status);
    }
  });

  app.post("/staff/postal-registrations/:id{[0-9a-fA-F-]{36}}/mailing", async (c) => {
    await csrfCheckedBody(c);
    await markCardsMailed({ ...useCaseContext(c), staff: staffActor(c) }, c.req.param("id"));
    return c.redirect(`/${c.get("system").slug}/staff/postal-registrations?mailed=1`, 303);
  });
  return app;
}

type Issue = Parameters<typeof describeFieldIssue>[0];

/** An API path of member k as the form names it: member 0's fields are the plain ones, the others' blocks numbered. */
function blockPath(path: PropertyKey[], blockOf: number[]): string[] {
  const parts = path.map(String);
  if (parts[0] !== "members" || parts[1] === undefined) return parts;
  const k = Number(parts[1]);
  return k === 0 ? parts.slice(2) : ["members", String(blockOf[k]), ...parts.slice(2)];
}

/** The API body from the form: person 1 as the counter's registration, the other blocks living with them. */
function postalBodyOf(v: FormValues) {
  const { proxy: _proxy, ...first } = registrationBodyOf(v);
  const copyOf = (prefix: string) => ({
    front: isChecked(v, `${prefix}identityCopy.front`),
    back: isChecked(v, `${prefix}identityCopy.back`),
  });
  const members: Record<string, unknown>[] = [
    { relation: v.relation || "self", identityCopy: copyOf(""), ...first },
  ];
  const blockOf = [0];
  for (const block of memberBlocks) {
    const p = `members.${block}.`;
    if (!memberFields.some((f) => (v[p + f] ?? "").trim())) continue;
    blockOf.push(block);
    members.push({
      relation: v[`${p}relation`] || "householdMember",
      familyName: (v[`${p}familyName`] ?? "").trim(),
      givenName: (v[`${p}givenName`] ?? "").trim(),
      familyNameKana: katakanaOf(v[`${p}familyNameKana`] ?? ""),
      givenNameKana: katakanaOf(v[`${p}givenNameKana`] ?? ""),
      birthDate: isoDateOf(v[`${p}birthDate`] ?? ""),
      address: first.address,
      phone: first.phone,
      email: null,
      basis: "resident",
      municipality: first.municipality,
      workplaceOrSchool: null,
      idDocument: { type: v[`${p}idDocument.type`] || undefined, showsCurrentAddress: true },
      identityCopy: copyOf(p),
    });
  }
  const yen = (v.returnEnvelopeYen ?? "").normalize("NFKC").trim();
  return {
    blockOf,
    body: {
      procedure: v.procedure || "newRegistration",
      receivedOn: isoDateOf(v.receivedOn ?? "") || undefined,
      returnEnvelopeYen: yen === "" ? 0 : Number(yen),
      members,
    },
  };
}

/** The field a postal refusal is about, where the counter's own mapping does not know it. */
function postalFieldOf(code: string, details: Record<string, unknown>): string | undefined {
  switch (code) {
    case "RETURN_ENVELOPE_REQUIRED":
      return "returnEnvelopeYen";
    case "NOT_AVAILABLE_BY_POST":
      return "procedure";
    case "IDENTITY_COPY_REQUIRED":
      return `identityCopy.${(details.missing as string[] | undefined)?.[0] ?? "front"}`;
    case "POSTAL_MEMBERS_INVALID":
      return "relation";
    case "CHILD_TOO_OLD_FOR_GUARDIAN":
      return "birthDate";
    case "POSSIBLE_DUPLICATE":
      return "familyName";
    case "VALIDATION_FAILED":
      return typeof details.field === "string" ? details.field : undefined;
    default:
      return undefined;
  }
}

/** A refusal about person k beside their block's field, its message saying whom it is about. */
function postalProblemsOf(error: unknown, values: FormValues, lang: Lang, blockOf: number[]) {
  const { status, problems } = formErrorsOf(error, values, lang);
  if (!isAppError(error)) return { status, problems };
  const member = typeof error.details.member === "number" ? error.details.member : null;
  const block = member === null ? 0 : (blockOf[member] ?? 0);
  const ownField = postalFieldOf(error.code, error.details);
  const mapped = problems.map((p, i) => {
    const field = (i === 0 ? ownField : undefined) ?? p.field;
    if (block === 0) return { field, message: p.message };
    const inBlock =
      field &&
      [...memberFields, "relation", "idDocument.type", "identityCopy.front", "identityCopy.back"].includes(
        field,
      );
    return {
      field: inBlock ? `members.${block}.${field}` : undefined,
      message: `${lang === "ja" ? `${block + 1}${w(lang, "personN")}` : `${w(lang, "personN")}${block + 1}`}: ${p.message}`,
    };
  });
  return { status, problems: mapped };
}

async function listPage(c: Context<AppEnv>) {
  const s = shell(c);
  const lang = s.prefs.lang;
  const slug = c.get("system").slug;
  const ctx = useCaseContext(c);
  const today = japanDate(ctx.now);
  const [toMail, mailed] = await Promise.all([listPostal(ctx, "toMail"), listPostal(ctx, "mailed")]);
  const names = (r: PostalRegistrationRow) => (
    <ul class="plain-list">
      {r.members.map((m) => (
        <li>
          {m.patronId ? (
            <a href={`/${slug}/staff/patrons/${m.patronId}`}>
              {m.familyName} {m.givenName}
            </a>
          ) : (
            "—"
          )}{" "}
          <span class="card-number">{m.cardNumber}</span>
        </li>
      ))}
    </ul>
  );
  c.header("Cache-Control", "no-store");
  return c.html(
    <Layout shell={s} title={w(lang, "title")}>
      <p>
        <a href={`/${slug}/staff`}>{w(lang, "staffMenu")}</a>
      </p>
      <h1>{w(lang, "title")}</h1>
      {c.req.query("registered") && (
        <p class="notice notice-ok" role="status">
          {w(lang, "registeredNotice")}
        </p>
      )}
      {c.req.query("mailed") && (
        <p class="notice notice-ok" role="status">
          {w(lang, "mailedNotice")}
        </p>
      )}
      <p>
        <a class="button-link" href={`/${slug}/staff/postal-registrations/new`}>
          {w(lang, "enter")}
        </a>
      </p>
      <h2>{w(lang, "toMail")}</h2>
      {toMail.length === 0 ? (
        <p>{w(lang, "none")}</p>
      ) : (
        <div class="table-scroll">
          <table class="patron-table">
            <caption>
              {w(lang, "toMail")} ({toMail.length})
            </caption>
            <thead>
              <tr>
                <th scope="col">{w(lang, "received")}</th>
                <th scope="col">{w(lang, "replyBy")}</th>
                <th scope="col">{w(lang, "members")}</th>
                <th scope="col">
                  <span class="visually-hidden">{w(lang, "markMailed")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {toMail.map((r) => {
                const late = r.replyBy < today;
                return (
                  <tr class={late ? "row-late" : undefined} id={`postal-${r.id}`}>
                    <td>{formatDate(lang, r.receivedOn)}</td>
                    <td>
                      {formatDate(lang, r.replyBy)}
                      {late && <strong class="badge-important"> {w(lang, "late")}</strong>}
                    </td>
                    <td>{names(r)}</td>
                    <td>
                      <form method="post" action={`/${slug}/staff/postal-registrations/${r.id}/mailing`}>
                        <input type="hidden" name="_csrf" value={s.csrf} />
                        <button type="submit">
                          {w(lang, "markMailed")}
                          <span class="visually-hidden">
                            {" "}
                            ({r.members.length}
                            {w(lang, "cards")})
                          </span>
                        </button>
                      </form>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <h2>{w(lang, "mailed")}</h2>
      {mailed.length === 0 ? (
        <p>{w(lang, "none")}</p>
      ) : (
        <div class="table-scroll">
          <table class="patron-table">
            <caption>{w(lang, "mailed")}</caption>
            <thead>
              <tr>
                <th scope="col">{w(lang, "received")}</th>
                <th scope="col">{w(lang, "mailedOn")}</th>
                <th scope="col">{w(lang, "members")}</th>
              </tr>
            </thead>
            <tbody>
              {mailed.map((r) => (
                <tr>
                  <td>{formatDate(lang, r.receivedOn)}</td>
                  <td>{formatDate(lang, r.mailedOn)}</td>
                  <td>{names(r)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>,
  );
}

function MemberBlock(props: { state: FormState; block: number; documents: readonly string[] }) {
  const { state, block } = props;
  const lang = state.lang;
  const p = `members.${block}.`;
  const legend =
    lang === "ja" ? `${block + 1}${w(lang, "memberHeading")}` : `Person ${block + 1} (household member)`;
  return (
    <fieldset class="form-section">
      <legend>{legend}</legend>
      <SelectField
        state={state}
        name={`${p}relation`}
        label="postalRelation"
        options={(["householdMember", "child"] as const).map((r) => ({ value: r, label: w(lang, r) }))}
      />
      <div class="field-row">
        <TextField state={state} name={`${p}familyName`} label="familyName" maxlength={64} />
        <TextField state={state} name={`${p}givenName`} label="givenName" maxlength={64} />
      </div>
      <div class="field-row">
        <TextField state={state} name={`${p}familyNameKana`} label="familyNameKana" maxlength={64} />
        <TextField state={state} name={`${p}givenNameKana`} label="givenNameKana" maxlength={64} />
      </div>
      <TextField state={state} name={`${p}birthDate`} label="birthDate" maxlength={20} width="medium" />
      <SelectField
        state={state}
        name={`${p}idDocument.type`}
        label="idDocumentType"
        options={props.documents.map((d) => ({ value: d, label: idDocumentNames[d]?.[lang] ?? d }))}
      />
      <CheckField state={state} name={`${p}identityCopy.front`} label="identityCopyFront" />
      <CheckField state={state} name={`${p}identityCopy.back`} label="identityCopyBack" />
    </fieldset>
  );
}

async function formPage(c: Context<AppEnv>, values: FormValues, problems: FormProblem[], status: number) {
  const s = shell(c);
  const lang = s.prefs.lang;
  const slug = c.get("system").slug;
  const deps = c.get("deps");
  const { policy } = await getPolicyInForce(
    deps.database.db,
    c.get("system").id,
    japanDate(deps.clock.now()),
  );
  const formPolicy = await formPolicyOf(c);
  const state = formState(lang, "post", values, problems);
  const envelopeHint =
    lang === "ja"
      ? `${policy.onlineRegistration.postal?.returnEnvelopeYen ?? 0}円分の切手が必要です。同封されていなければ 0。`
      : `Stamps for ${policy.onlineRegistration.postal?.returnEnvelopeYen ?? 0} yen are needed; 0 when none is enclosed.`;
  const title = w(lang, "enter");
  return c.html(
    <Layout shell={s} title={title}>
      <p>
        <a href={`/${slug}/staff/postal-registrations`}>{w(lang, "title")}</a>
      </p>
      <h1>{title}</h1>
      <form method="post" action={`/${slug}/staff/postal-registrations`} class="patron-form" novalidate>
        <ErrorSummary lang={lang} prefix="post" problems={problems} />
        <input type="hidden" name="_csrf" value={s.csrf} />
        <fieldset class="form-section">
          <legend>{w(lang, "postHeading")}</legend>
          <p class="field-hint">{w(lang, "postHint")}</p>
          <SelectField
            state={state}
            name="procedure"
            label="postalProcedure"
            options={(["newRegistration", "reissue"] as const).map((r) => ({ value: r, label: w(lang, r) }))}
          />
          <TextField
            state={state}
            name="receivedOn"
            label="postalReceivedOn"
            optional
            maxlength={20}
            width="medium"
          />
          <TextField
            state={state}
            name="returnEnvelopeYen"
            label="returnEnvelopeYen"
            hint={envelopeHint}
            inputmode="numeric"
            maxlength={6}
            width="short"
          />
        </fieldset>
        <h2>{w(lang, "applicantHeading")}</h2>
        <SelectField
          state={state}
          name="relation"
          label="postalRelation"
          options={(["self", "child"] as const).map((r) => ({ value: r, label: w(lang, r) }))}
        />
        <NameFields state={state} />
        <TextField state={state} name="birthDate" label="birthDate" maxlength={20} width="medium" />
        <AddressFields state={state} slug={slug} />
        <ContactFields state={state} />
        <EligibilityFields
          state={state}
          bases={formPolicy.bases}
          municipalities={formPolicy.municipalities}
        />
        <IdentityFields
          state={state}
          accepted={formPolicy.acceptedIdDocuments}
          others={formPolicy.otherIdDocuments}
          supplementary={formPolicy.supplementaryDocuments}
        />
        <CheckField state={state} name="identityCopy.front" label="identityCopyFront" />
        <CheckField state={state} name="identityCopy.back" label="identityCopyBack" />
        <h2>{lang === "ja" ? "同居の家族" : "Household members"}</h2>
        <p class="field-hint">{w(lang, "memberHint")}</p>
        {memberBlocks.map((block) => (
          <MemberBlock state={state} block={block} documents={formPolicy.acceptedIdDocuments} />
        ))}
        <div class="form-actions">
          <button type="submit">{w(lang, "register")}</button>
        </div>
      </form>
    </Layout>,
    status as 200,
  );
}
