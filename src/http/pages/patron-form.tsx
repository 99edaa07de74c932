import type { Child } from "hono/jsx";
import type { Lang } from "../context.ts";
import { basisNames, idDocumentNames, reissueReasonNames, t, type WordKey } from "./i18n.ts";
import { type FormProblem, type FormValues, isChecked } from "./patron-form-data.ts";

/**
 * The fields of the staff patron forms (registration and change of details). Plain HTML that works without
 * scripts: labels for every control, fieldsets with legends, the problem written beside its field (linked
 * with aria-describedby) and listed in a summary at the top. Sections that apply only sometimes (the
 * workplace, the supplementary document, the proxy) are shown by CSS :has() from the control that decides.
 */
export type FormState = {
  lang: Lang;
  /** Distinguishes the ids of two forms' fields (`reg-…`, `chg-…`). */
  prefix: string;
  values: FormValues;
  errors: Record<string, string>;
};

export function formState(
  lang: Lang,
  prefix: string,
  values: FormValues,
  problems: FormProblem[],
): FormState {
  const errors: Record<string, string> = {};
  for (const p of problems) {
    if (p.field) errors[p.field] = errors[p.field] ? `${errors[p.field]} ${p.message}` : p.message;
  }
  return { lang, prefix, values, errors };
}

export const fieldId = (prefix: string, name: string) => `${prefix}-${name.replaceAll(".", "-")}`;

/** The label of each field, for the error summary's lines. */
export const fieldLabels: Record<string, WordKey> = {
  familyName: "familyName",
  givenName: "givenName",
  familyNameKana: "familyNameKana",
  givenNameKana: "givenNameKana",
  birthDate: "birthDate",
  "address.postalCode": "postalCode",
  "address.prefecture": "prefecture",
  "address.city": "city",
  "address.street": "street",
  "address.building": "building",
  phone: "phone",
  email: "email",
  basis: "basis",
  municipality: "homeMunicipality",
  "workplaceOrSchool.name": "workplaceName",
  "workplaceOrSchool.municipality": "workplaceMunicipality",
  "workplaceOrSchool.proofShown": "proofShown",
  reason: "reissueReason",
  "idDocument.type": "idDocumentType",
  "idDocument.expiresOn": "idDocumentExpiresOn",
  "idDocument.showsCurrentAddress": "showsCurrentAddress",
  "supplementaryDocument.type": "supplementaryType",
  "supplementaryDocument.issuedOn": "supplementaryIssuedOn",
  guardian: "guardianRef",
  householdOf: "householdRef",
  "proxy.present": "proxyPresent",
  "proxy.name": "proxyName",
  "proxy.relationship": "proxyRelationship",
  "proxy.idDocumentType": "proxyIdDocumentType",
  "proxy.broughtPatronCard": "broughtPatronCard",
  "proxy.letterOfAttorney": "letterOfAttorney",
  "proxy.patronIdDocumentShown": "patronIdDocumentShown",
  "duplicateOverride.reason": "duplicateReason",
  notes: "patronNotes",
  kitNumber: "kitNumber",
  previousFamilyNameKana: "previousFamilyNameKana",
  previousGivenNameKana: "previousGivenNameKana",
  physical: "physicalCard",
};

/** The form's problems in the order of its fields; those about no one field come first. */
export function ErrorSummary(props: { lang: Lang; prefix: string; problems: FormProblem[]; id?: string }) {
  const { lang, prefix } = props;
  if (props.problems.length === 0) return null;
  const order = Object.keys(fieldLabels);
  const rank = (p: FormProblem) => (p.field ? order.indexOf(p.field) : -1);
  const sorted = [...props.problems].sort((a, b) => rank(a) - rank(b));
  const titleId = `${prefix}-error-summary-title`;
  return (
    <div class="error-summary" role="alert" aria-labelledby={titleId} tabindex={-1} autofocus id={props.id}>
      <h2 id={titleId}>{t(lang, "errorSummary")}</h2>
      <ul>
        {sorted.map((p) => {
          const label = p.field && fieldLabels[p.field] ? t(lang, fieldLabels[p.field]!) : undefined;
          const text = label ? `${label}: ${p.message}` : p.message;
          return <li>{p.field ? <a href={`#${fieldId(prefix, p.field)}`}>{text}</a> : text}</li>;
        })}
      </ul>
    </div>
  );
}

function parts(state: FormState, name: string, hint: string | undefined) {
  const id = fieldId(state.prefix, name);
  const error = state.errors[name];
  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return { id, error, describedBy: describedBy || undefined };
}

function Optional(props: { lang: Lang; optional?: boolean }) {
  if (!props.optional) return null;
  return <span class="optional">{props.lang === "ja" ? "(任意)" : " (optional)"}</span>;
}

function Hint(props: { id: string; hint?: string }) {
  return props.hint ? (
    <p id={`${props.id}-hint`} class="field-hint">
      {props.hint}
    </p>
  ) : null;
}

function FieldError(props: { id: string; lang: Lang; error?: string }) {
  return props.error ? (
    <p id={`${props.id}-error`} class="field-error">
      <span class="visually-hidden">{props.lang === "ja" ? "エラー: " : "Error: "}</span>
      {props.error}
    </p>
  ) : null;
}

type TextFieldProps = {
  state: FormState;
  name: string;
  label: WordKey;
  hint?: string;
  optional?: boolean;
  type?: "text" | "tel" | "email";
  inputmode?: "text" | "tel" | "email" | "numeric" | "decimal";
  maxlength?: number;
  list?: string;
  width?: "short" | "medium";
  /** The id of a hint shared by several fields. */
  sharedHint?: string;
};

export function TextField(props: TextFieldProps) {
  const { state, name } = props;
  const { id, error, describedBy: own } = parts(state, name, props.hint);
  const describedBy = [props.sharedHint, own].filter(Boolean).join(" ") || undefined;
  return (
    <div class={error ? "field field-invalid" : "field"}>
      <label for={id}>
        {t(state.lang, props.label)}
        <Optional lang={state.lang} optional={props.optional} />
      </label>
      <Hint id={id} hint={props.hint} />
      <FieldError id={id} lang={state.lang} error={error} />
      <input
        id={id}
        name={name}
        type={props.type ?? "text"}
        value={state.values[name] ?? ""}
        inputmode={props.inputmode}
        maxlength={props.maxlength}
        list={props.list}
        autocomplete="off"
        class={props.width ? `input-${props.width}` : undefined}
        aria-required={props.optional ? undefined : "true"}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={describedBy}
      />
    </div>
  );
}

export function TextAreaField(props: {
  state: FormState;
  name: string;
  label: WordKey;
  hint?: string;
  optional?: boolean;
  maxlength: number;
  rows?: number;
}) {
  const { state, name } = props;
  const { id, error, describedBy } = parts(state, name, props.hint);
  return (
    <div class={error ? "field field-invalid" : "field"}>
      <label for={id}>
        {t(state.lang, props.label)}
        <Optional lang={state.lang} optional={props.optional} />
      </label>
      <Hint id={id} hint={props.hint} />
      <FieldError id={id} lang={state.lang} error={error} />
      <textarea
        id={id}
        name={name}
        rows={props.rows ?? 3}
        maxlength={props.maxlength}
        aria-required={props.optional ? undefined : "true"}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={describedBy}
      >
        {state.values[name] ?? ""}
      </textarea>
    </div>
  );
}

type Option = { value: string; label: string };

export function SelectField(props: {
  state: FormState;
  name: string;
  label: WordKey;
  hint?: string;
  optional?: boolean;
  options: Option[];
  /** Further options under their own heading (documents that are never accepted). */
  group?: { label: string; options: Option[] };
}) {
  const { state, name } = props;
  const { id, error, describedBy } = parts(state, name, props.hint);
  const current = state.values[name] ?? "";
  const option = (o: Option) => (
    <option value={o.value} selected={o.value === current}>
      {o.label}
    </option>
  );
  return (
    <div class={error ? "field field-invalid" : "field"}>
      <label for={id}>
        {t(state.lang, props.label)}
        <Optional lang={state.lang} optional={props.optional} />
      </label>
      <Hint id={id} hint={props.hint} />
      <FieldError id={id} lang={state.lang} error={error} />
      <select
        id={id}
        name={name}
        aria-required={props.optional ? undefined : "true"}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={describedBy}
      >
        <option value="">{t(state.lang, "chooseOne")}</option>
        {props.options.map(option)}
        {props.group && props.group.options.length > 0 && (
          <optgroup label={props.group.label}>{props.group.options.map(option)}</optgroup>
        )}
      </select>
    </div>
  );
}

export function CheckField(props: { state: FormState; name: string; label: WordKey; class?: string }) {
  const { state, name } = props;
  const { id, error, describedBy } = parts(state, name, undefined);
  return (
    <div
      class={`${error ? "field field-invalid" : "field"} field-check${props.class ? ` ${props.class}` : ""}`}
    >
      <FieldError id={id} lang={state.lang} error={error} />
      <div class="check">
        <input
          id={id}
          type="checkbox"
          name={name}
          checked={isChecked(state.values, name)}
          aria-invalid={error ? "true" : undefined}
          aria-describedby={describedBy}
        />
        <label for={id}>{t(state.lang, props.label)}</label>
      </div>
    </div>
  );
}

function Fieldset(props: { legend: string; class?: string; children: Child }) {
  return (
    <fieldset class={props.class ? `form-section ${props.class}` : "form-section"}>
      <legend>{props.legend}</legend>
      {props.children}
    </fieldset>
  );
}

const documentOptions = (lang: Lang, types: readonly string[]) =>
  types.map((type) => ({ value: type, label: idDocumentNames[type]?.[lang] ?? type }));

// ---- The sections, shared by registration and change of details ----

export function NameFields(props: { state: FormState }) {
  const { state } = props;
  const kanaHint = `${state.prefix}-kana-hint`;
  return (
    <Fieldset legend={t(state.lang, "patronName")} class="name-fields">
      <div class="field-row">
        <TextField state={state} name="familyName" label="familyName" maxlength={64} />
        <TextField state={state} name="givenName" label="givenName" maxlength={64} />
      </div>
      <p class="field-hint" id={kanaHint}>
        {t(state.lang, "kanaHint")}
      </p>
      <div class="field-row">
        <TextField
          state={state}
          name="familyNameKana"
          label="familyNameKana"
          maxlength={64}
          sharedHint={kanaHint}
        />
        <TextField
          state={state}
          name="givenNameKana"
          label="givenNameKana"
          maxlength={64}
          sharedHint={kanaHint}
        />
      </div>
    </Fieldset>
  );
}

/**
 * The address; with `slug`, a button fills the prefecture, city and town in from the postal code (Japan Post's
 * data, through htmx; without scripts the fields are simply typed).
 */
export function AddressFields(props: { state: FormState; slug?: string; notice?: string }) {
  const { state, slug } = props;
  const id = `${state.prefix}-address`;
  return (
    <fieldset class="form-section" id={id}>
      <legend>{t(state.lang, "address")}</legend>
      <div class="field-row field-row-end">
        <TextField
          state={state}
          name="address.postalCode"
          label="postalCode"
          hint={t(state.lang, "postalCodeHint")}
          inputmode="numeric"
          maxlength={9}
          width="short"
        />
        {slug && (
          <button
            type="button"
            class="secondary"
            hx-get={`/${slug}/address-lookup?form=${state.prefix}`}
            hx-include={`#${id}`}
            hx-target={`#${id}`}
            hx-swap="outerHTML"
          >
            {t(state.lang, "addressLookup")}
          </button>
        )}
      </div>
      {props.notice && (
        <p class="field-hint" role="status">
          {props.notice}
        </p>
      )}
      <div class="field-row">
        <TextField state={state} name="address.prefecture" label="prefecture" maxlength={64} />
        <TextField state={state} name="address.city" label="city" maxlength={64} />
      </div>
      <TextField state={state} name="address.street" label="street" maxlength={64} />
      <TextField state={state} name="address.building" label="building" maxlength={64} optional />
    </fieldset>
  );
}

export function ContactFields(props: { state: FormState }) {
  const { state } = props;
  return (
    <Fieldset legend={t(state.lang, "contact")}>
      <TextField
        state={state}
        name="phone"
        label="phone"
        type="tel"
        inputmode="tel"
        maxlength={20}
        optional
        width="medium"
      />
      <TextField state={state} name="email" label="email" type="email" maxlength={128} optional />
    </Fieldset>
  );
}

export function MunicipalityField(props: { state: FormState; municipalities: string[] }) {
  const { state } = props;
  const listId = `${state.prefix}-municipalities`;
  return (
    <>
      <TextField
        state={state}
        name="municipality"
        label="homeMunicipality"
        hint={t(state.lang, "homeMunicipalityHint")}
        maxlength={64}
        list={listId}
        width="medium"
      />
      <datalist id={listId}>
        {props.municipalities.map((m) => (
          <option value={m} />
        ))}
      </datalist>
    </>
  );
}

export function EligibilityFields(props: {
  state: FormState;
  bases: readonly string[];
  municipalities: string[];
}) {
  const { state } = props;
  const lang = state.lang;
  const name = "basis";
  const { id, error } = parts(state, name, undefined);
  const current = state.values[name] ?? "resident";
  return (
    <Fieldset legend={t(lang, "eligibilityHeading")} class="eligibility-fields">
      <fieldset
        class={error ? "field field-invalid radio-group" : "field radio-group"}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        <legend>{t(lang, "basis")}</legend>
        <FieldError id={id} lang={lang} error={error} />
        <div class="radio-row">
          {props.bases.map((basis, i) => {
            const radioId = i === 0 ? id : `${id}-${basis}`;
            return (
              <div class="check">
                <input
                  id={radioId}
                  type="radio"
                  name={name}
                  value={basis}
                  checked={current === basis}
                  aria-invalid={error ? "true" : undefined}
                />
                <label for={radioId}>{basisNames[basis]?.[lang] ?? basis}</label>
              </div>
            );
          })}
        </div>
      </fieldset>
      <MunicipalityField state={state} municipalities={props.municipalities} />
      <div class="workplace-fields">
        <TextField state={state} name="workplaceOrSchool.name" label="workplaceName" maxlength={64} />
        <TextField
          state={state}
          name="workplaceOrSchool.municipality"
          label="workplaceMunicipality"
          maxlength={64}
          list={`${state.prefix}-municipalities`}
          width="medium"
        />
        <CheckField state={state} name="workplaceOrSchool.proofShown" label="proofShown" />
      </div>
    </Fieldset>
  );
}

export function IdentityFields(props: {
  state: FormState;
  accepted: readonly string[];
  others: readonly string[];
  supplementary: readonly string[];
}) {
  const { state } = props;
  const lang = state.lang;
  return (
    <Fieldset legend={t(lang, "identityDocument")} class="identity-fields">
      <SelectField
        state={state}
        name="idDocument.type"
        label="idDocumentType"
        options={documentOptions(lang, props.accepted)}
        group={{ label: t(lang, "notAcceptedDocuments"), options: documentOptions(lang, props.others) }}
      />
      <TextField
        state={state}
        name="idDocument.expiresOn"
        label="idDocumentExpiresOn"
        hint={t(lang, "optionalDateHint")}
        optional
        maxlength={20}
        width="medium"
      />
      <CheckField
        state={state}
        name="idDocument.showsCurrentAddress"
        label="showsCurrentAddress"
        class="controls-supplementary"
      />
      <div class="supplementary-fields">
        <p class="field-hint">{t(lang, "supplementaryHint")}</p>
        <SelectField
          state={state}
          name="supplementaryDocument.type"
          label="supplementaryType"
          options={documentOptions(lang, props.supplementary)}
        />
        <TextField
          state={state}
          name="supplementaryDocument.issuedOn"
          label="supplementaryIssuedOn"
          hint={t(lang, "dateHint")}
          maxlength={20}
          width="medium"
        />
      </div>
    </Fieldset>
  );
}

export function ProxyFields(props: { state: FormState; documents: readonly string[] }) {
  const { state } = props;
  const lang = state.lang;
  return (
    <Fieldset legend={t(lang, "proxy")} class="proxy-fieldset">
      <CheckField state={state} name="proxy.present" label="proxyPresent" />
      <div class="proxy-fields">
        <div class="field-row">
          <TextField state={state} name="proxy.name" label="proxyName" maxlength={64} />
          <TextField
            state={state}
            name="proxy.relationship"
            label="proxyRelationship"
            maxlength={32}
            optional
          />
        </div>
        <SelectField
          state={state}
          name="proxy.idDocumentType"
          label="proxyIdDocumentType"
          options={documentOptions(lang, props.documents)}
        />
        <CheckField state={state} name="proxy.broughtPatronCard" label="broughtPatronCard" />
        <CheckField state={state} name="proxy.letterOfAttorney" label="letterOfAttorney" />
        <CheckField state={state} name="proxy.patronIdDocumentShown" label="patronIdDocumentShown" />
      </div>
    </Fieldset>
  );
}

/** What the registration and change forms need from the policy in force. */
export type FormPolicy = {
  bases: readonly string[];
  municipalities: string[];
  acceptedIdDocuments: readonly string[];
  otherIdDocuments: readonly string[];
  supplementaryDocuments: readonly string[];
};

export type PossibleDuplicate = { id: string; familyName: string; givenName: string };

export function RegistrationForm(props: {
  state: FormState;
  slug: string;
  csrf: string;
  policy: FormPolicy;
  problems: FormProblem[];
  /** Set after a POSSIBLE_DUPLICATE answer: the reason field is shown only then. */
  duplicates: PossibleDuplicate[] | null;
}) {
  const { state, slug, policy } = props;
  const lang = state.lang;
  const showReason = props.duplicates !== null || Boolean(state.values["duplicateOverride.reason"]);
  return (
    <form method="post" action={`/${slug}/staff/patrons`} class="patron-form" novalidate>
      <ErrorSummary lang={lang} prefix={state.prefix} problems={props.problems} />
      <input type="hidden" name="_csrf" value={props.csrf} />
      <NameFields state={state} />
      <TextField
        state={state}
        name="birthDate"
        label="birthDate"
        hint={t(lang, "dateHint")}
        maxlength={20}
        width="medium"
      />
      <AddressFields state={state} slug={slug} />
      <ContactFields state={state} />
      <EligibilityFields state={state} bases={policy.bases} municipalities={policy.municipalities} />
      <IdentityFields
        state={state}
        accepted={policy.acceptedIdDocuments}
        others={policy.otherIdDocuments}
        supplementary={policy.supplementaryDocuments}
      />
      <Fieldset legend={t(lang, "guardianAndHousehold")}>
        <TextField
          state={state}
          name="guardian"
          label="guardianRef"
          hint={t(lang, "guardianHint")}
          optional
          maxlength={40}
          width="medium"
        />
        <TextField
          state={state}
          name="householdOf"
          label="householdRef"
          optional
          maxlength={40}
          width="medium"
        />
      </Fieldset>
      <ProxyFields state={state} documents={policy.acceptedIdDocuments} />
      {showReason && (
        <Fieldset legend={t(lang, "possibleDuplicate")} class="duplicate-fieldset">
          <p>{t(lang, "duplicateIntro")}</p>
          {props.duplicates && props.duplicates.length > 0 && (
            <ul>
              {props.duplicates.map((d) => (
                <li>
                  <a href={`/${slug}/staff/patrons/${d.id}`}>
                    {d.familyName} {d.givenName}
                  </a>
                </li>
              ))}
            </ul>
          )}
          <TextAreaField
            state={state}
            name="duplicateOverride.reason"
            label="duplicateReason"
            maxlength={200}
          />
        </Fieldset>
      )}
      <TextAreaField state={state} name="notes" label="patronNotes" optional maxlength={2000} />
      <div class="form-actions">
        <button type="submit">{t(lang, "registerPatron")}</button>
      </div>
    </form>
  );
}

/** The change of details: the current values filled in, the identity document asked again. */
export function ChangeForm(props: {
  state: FormState;
  slug: string;
  action: string;
  csrf: string;
  policy: FormPolicy;
  problems: FormProblem[];
}) {
  const { state, slug, policy } = props;
  const lang = state.lang;
  return (
    <form method="post" action={props.action} class="patron-form" novalidate>
      <ErrorSummary lang={lang} prefix={state.prefix} problems={props.problems} />
      <input type="hidden" name="_csrf" value={props.csrf} />
      <p>{t(lang, "changeIntro")}</p>
      <NameFields state={state} />
      <AddressFields state={state} slug={slug} />
      <ContactFields state={state} />
      <Fieldset legend={t(lang, "eligibilityHeading")}>
        <MunicipalityField state={state} municipalities={policy.municipalities} />
      </Fieldset>
      <IdentityFields
        state={state}
        accepted={policy.acceptedIdDocuments}
        others={policy.otherIdDocuments}
        supplementary={policy.supplementaryDocuments}
      />
      <ProxyFields state={state} documents={policy.acceptedIdDocuments} />
      <div class="form-actions">
        <button type="submit">{t(lang, "saveChanges")}</button>
      </div>
    </form>
  );
}

/**
 * The registration renewal: the identity document (and a supplementary one when it shows an old address).
 * Nothing is disabled before the renewal opens: the service decides, and the day it opens is shown.
 */
export function RenewalForm(props: {
  state: FormState;
  action: string;
  csrf: string;
  policy: FormPolicy;
  problems: FormProblem[];
  renewalOpensOn: string;
}) {
  const { state, policy } = props;
  const lang = state.lang;
  const opensId = `${state.prefix}-opens-on`;
  return (
    <form method="post" action={props.action} class="patron-form" novalidate>
      <ErrorSummary lang={lang} prefix={state.prefix} problems={props.problems} />
      <input type="hidden" name="_csrf" value={props.csrf} />
      <p>{t(lang, "renewalIntro")}</p>
      <IdentityFields
        state={state}
        accepted={policy.acceptedIdDocuments}
        others={policy.otherIdDocuments}
        supplementary={policy.supplementaryDocuments}
      />
      <div class="form-actions form-actions-note">
        <button type="submit" aria-describedby={opensId}>
          {t(lang, "renewButton")}
        </button>
        <p id={opensId} class="action-note">
          {t(lang, "renewableFrom")}: <strong>{props.renewalOpensOn}</strong>
        </p>
      </div>
    </form>
  );
}

/** The card's reissue: the reason, an identity document if one is shown, a proxy, and a physical card or not. */
export function ReissueForm(props: {
  state: FormState;
  action: string;
  csrf: string;
  policy: FormPolicy;
  problems: FormProblem[];
}) {
  const { state, policy } = props;
  const lang = state.lang;
  return (
    <form method="post" action={props.action} class="patron-form" novalidate>
      <ErrorSummary lang={lang} prefix={state.prefix} problems={props.problems} />
      <input type="hidden" name="_csrf" value={props.csrf} />
      <p>{t(lang, "reissueIntro")}</p>
      <SelectField
        state={state}
        name="reason"
        label="reissueReason"
        options={Object.entries(reissueReasonNames).map(([value, names]) => ({ value, label: names[lang] }))}
      />
      <Fieldset legend={t(lang, "reissueIdDocument")}>
        <p class="field-hint">{t(lang, "reissueIdHint")}</p>
        <SelectField
          state={state}
          name="idDocument.type"
          label="idDocumentType"
          optional
          options={documentOptions(lang, policy.acceptedIdDocuments)}
          group={{
            label: t(lang, "notAcceptedDocuments"),
            options: documentOptions(lang, policy.otherIdDocuments),
          }}
        />
        <TextField
          state={state}
          name="idDocument.expiresOn"
          label="idDocumentExpiresOn"
          hint={t(lang, "optionalDateHint")}
          optional
          maxlength={20}
          width="medium"
        />
      </Fieldset>
      <ProxyFields state={state} documents={policy.acceptedIdDocuments} />
      <CheckField state={state} name="physical" label="physicalCard" />
      <div class="form-actions">
        <button type="submit">{t(lang, "reissueButton")}</button>
      </div>
    </form>
  );
}
