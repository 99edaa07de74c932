import { japanDate } from "../../clock.ts";
import { parseIsoDate } from "../../domain/calendar/dates.ts";
import type { EligibilityAfterChange } from "../../services/patrons/change-patron-details.ts";
import type { PatronSummary, PatronView } from "../../services/patrons/patron-view.ts";
import type { Lang } from "../context.ts";
import { describeError } from "../error-messages.ts";
import {
  basisNames,
  cardKindNames,
  cardStatusNames,
  credentialNames,
  patronStatusNames,
  registeredViaNames,
  registrationKindNames,
  t,
} from "./i18n.ts";
import {
  ChangeForm,
  ErrorSummary,
  type FormPolicy,
  type FormState,
  ReissueForm,
  RenewalForm,
} from "./patron-form.tsx";
import type { FormProblem } from "./patron-form-data.ts";

/** 2029-04-30 as 2029年4月30日 in Japanese; ISO in English. */
export function formatDate(lang: Lang, iso: string | null | undefined): string {
  if (!iso) return "—";
  if (lang === "en") return iso;
  const { year, month, day } = parseIsoDate(iso);
  return `${year}年${month}月${day}日`;
}

function ageOn(birthDate: string, today: string): number {
  const b = parseIsoDate(birthDate);
  const d = parseIsoDate(today);
  return d.year - b.year - (d.month < b.month || (d.month === b.month && d.day < b.day) ? 1 : 0);
}

const name = (p: { familyName: string; givenName: string }) => `${p.familyName} ${p.givenName}`;
const reading = (p: { familyNameKana: string; givenNameKana: string }) =>
  `${p.familyNameKana} ${p.givenNameKana}`;

/** The staff's own links between the patron pages. */
export function PatronNav(props: { lang: Lang; slug: string; current?: "search" | "new" }) {
  const { lang, slug } = props;
  return (
    <nav class="staff-subnav" aria-label={t(lang, "patronWork")}>
      <ul>
        <li>
          <a href={`/${slug}/staff/patrons`} aria-current={props.current === "search" ? "page" : undefined}>
            {t(lang, "patronSearch")}
          </a>
        </li>
        <li>
          <a href={`/${slug}/staff/patrons/new`} aria-current={props.current === "new" ? "page" : undefined}>
            {t(lang, "patronRegister")}
          </a>
        </li>
        <li>
          <a href={`/${slug}/staff`}>{t(lang, "staffDashboard")}</a>
        </li>
      </ul>
    </nav>
  );
}

/**
 * What the counter must tell the patron, above everything else on every screen about the patron: the
 * renewal month near (001: 更新月が近づきましたら、窓口でお知らせします), an expired or blocked
 * registration, and whatever the card does not allow today.
 */
export function PatronNotices(props: { lang: Lang; patron: PatronView }) {
  const { lang, patron } = props;
  const uses = [
    ["borrow", "useBorrow"],
    ["reserve", "useReserve"],
    ["web", "useWeb"],
  ] as const;
  const refused = new Map<string, string[]>();
  for (const [use, word] of uses) {
    for (const refusal of patron.standing[use]) {
      refused.set(refusal.code, [...(refused.get(refusal.code) ?? []), t(lang, word)]);
    }
  }
  const separator = lang === "ja" ? "・" : ", ";
  const notices = [
    patron.registration.renewalMonthNear && (
      <div class="notice notice-warning">
        <p class="notice-title">{t(lang, "renewalMonthNear")}</p>
        <p>
          {t(lang, "renewalMonthNearDetail")} {formatDate(lang, patron.expiresOn)}
        </p>
      </div>
    ),
    patron.status === "expired" && (
      <div class="notice notice-danger">
        <p class="notice-title">{t(lang, "registrationExpired")}</p>
        <p>
          {t(lang, "expiresOn")}: {formatDate(lang, patron.expiresOn)}
          {patron.registration.purgeOn && (
            <>
              {" "}
              · {t(lang, "purgeOn")}: {formatDate(lang, patron.registration.purgeOn)}
            </>
          )}
        </p>
      </div>
    ),
    patron.status === "blocked" && (
      <div class="notice notice-danger">
        <p class="notice-title">{t(lang, "patronBlocked")}</p>
        {patron.blockedReason && <p>{patron.blockedReason}</p>}
      </div>
    ),
    patron.registration.mustRenewBecauseUnused && (
      <div class="notice notice-warning">
        <p class="notice-title">{t(lang, "mustRenewUnused")}</p>
      </div>
    ),
    refused.size > 0 && (
      <div class="notice notice-danger">
        <p class="notice-title">{t(lang, "standingRefused")}</p>
        <ul>
          {[...refused].map(([code, useNames]) => (
            <li>
              <strong>{useNames.join(separator)}</strong>: {describeError(code)[lang]}
            </li>
          ))}
        </ul>
      </div>
    ),
  ].filter(Boolean);
  if (notices.length === 0) return null;
  return (
    <section class="patron-notices" aria-label={t(lang, "patronNotices")}>
      {notices}
    </section>
  );
}

/** What a change of details meant for the registration (the service's `eligibility` answer). */
export function ChangeResult(props: { lang: Lang; eligibility: EligibilityAfterChange }) {
  const { lang, eligibility } = props;
  const lines: string[] = [];
  if (eligibility.consequences.includes("registrationEnds")) lines.push(t(lang, "registrationEndsToday"));
  if (eligibility.kind === "wideArea" && eligibility.previousKind !== "wideArea") {
    lines.push(t(lang, "becomesWideArea"));
  }
  if (eligibility.kind === "area" && eligibility.previousKind === "wideArea")
    lines.push(t(lang, "becomesArea"));
  if (eligibility.consequences.includes("wideAreaRestrictions")) lines.push(t(lang, "wideAreaMayNotReserve"));
  for (const refusal of eligibility.refusals) lines.push(describeError(refusal.code)[lang]);
  if (lines.length === 0) lines.push(t(lang, "eligibilityUnchanged"));
  const serious =
    eligibility.consequences.includes("registrationEnds") || eligibility.kind !== eligibility.previousKind;
  return (
    <div class={`notice ${serious ? "notice-warning" : "notice-ok"}`} role="status">
      <p class="notice-title">{t(lang, "detailsChanged")}</p>
      <ul>
        {lines.map((line) => (
          <li>{line}</li>
        ))}
      </ul>
    </div>
  );
}

function PatronLink(props: { slug: string; lang: Lang; patron: PatronSummary; today: string }) {
  const { patron, lang } = props;
  return (
    <>
      <a href={`/${props.slug}/staff/patrons/${patron.id}`}>{name(patron)}</a> ({reading(patron)}) ·{" "}
      {formatDate(lang, patron.birthDate)} ({ageOn(patron.birthDate, props.today)}
      {lang === "ja" ? "歳" : " years"}) · {patronStatusNames[patron.status]?.[lang] ?? patron.status}
    </>
  );
}

export type ChangeSection = {
  state: FormState;
  problems: FormProblem[];
  /** Open after a POST, so that its answer or its problems are in view. */
  open: boolean;
  result?: EligibilityAfterChange;
};

/** A form of the record page other than the change of details: its fields, its problems. */
export type RecordFormSection = { state: FormState; problems: FormProblem[] };

/** What a card or renewal procedure did, shown at the top of the record. */
export type CardOutcome =
  | { kind: "renewed"; expiresOn: string; newCardNumber: string | null }
  | { kind: "lost"; cardNumber: string; temporaryCardNumber: string | null }
  | { kind: "found"; cardNumber: string }
  | { kind: "reissued"; cardNumber: string | null };

export type CardWork = {
  renewal: RecordFormSection;
  reissue: RecordFormSection;
  /** Refusals of a loss report or a found card, listed above the cards. */
  cardProblems: FormProblem[];
  outcome?: CardOutcome;
};

export function CardOutcomeNotice(props: { lang: Lang; outcome: CardOutcome }) {
  const { lang, outcome } = props;
  const title = {
    renewed: "renewed",
    lost: "lostReported",
    found: "cardReactivated",
    reissued: "reissued",
  } as const;
  return (
    <div class="notice notice-ok card-outcome" role="status">
      <p class="notice-title">{t(lang, title[outcome.kind])}</p>
      {outcome.kind === "renewed" && (
        <dl class="facts">
          <dt>{t(lang, "newExpiresOn")}</dt>
          <dd class="new-expiry">{formatDate(lang, outcome.expiresOn)}</dd>
          {outcome.newCardNumber && (
            <>
              <dt>{t(lang, "newCardIssued")}</dt>
              <dd class="card-number new-card-number">{outcome.newCardNumber}</dd>
            </>
          )}
        </dl>
      )}
      {outcome.kind === "renewed" && outcome.newCardNumber && <p>{t(lang, "registeredIntro")}</p>}
      {outcome.kind === "lost" && (
        <>
          <dl class="facts">
            <dt>{t(lang, "lostCardNumber")}</dt>
            <dd class="card-number">{outcome.cardNumber}</dd>
            {outcome.temporaryCardNumber && (
              <>
                <dt>{t(lang, "temporaryCardNumber")}</dt>
                <dd class="card-number new-card-number temporary-card-number">
                  {outcome.temporaryCardNumber}
                </dd>
              </>
            )}
          </dl>
          <p>{t(lang, outcome.temporaryCardNumber ? "temporaryCardIntro" : "noTemporaryCard")}</p>
        </>
      )}
      {outcome.kind === "found" && (
        <p>
          {t(lang, "newCardNumber")}: <strong class="card-number">{outcome.cardNumber}</strong>
        </p>
      )}
      {outcome.kind === "reissued" && outcome.cardNumber && (
        <>
          <dl class="facts">
            <dt>{t(lang, "newCardNumber")}</dt>
            <dd class="card-number new-card-number">{outcome.cardNumber}</dd>
          </dl>
          <p>{t(lang, "registeredIntro")}</p>
        </>
      )}
    </div>
  );
}

/** A card's procedures: print and report lost (confirmed in a second step) while in use; found while lost. */
function CardActions(props: {
  lang: Lang;
  slug: string;
  patronId: string;
  csrf: string;
  card: PatronView["cards"][number];
}) {
  const { lang, card } = props;
  const base = `/${props.slug}/staff/patrons/${props.patronId}/cards/${encodeURIComponent(card.number)}`;
  const number = <span class="visually-hidden"> {card.number}</span>;
  if (card.status === "active") {
    return (
      <div class="card-actions">
        <a href={`${base}/card`}>
          {t(lang, "printCard")}
          {number}
        </a>
        <details class="confirm-details">
          <summary>
            {t(lang, "reportLost")}
            {number}
          </summary>
          <form method="post" action={`${base}/loss`} class="confirm-form">
            <input type="hidden" name="_csrf" value={props.csrf} />
            <p>{t(lang, "reportLostConfirm")}</p>
            <button type="submit" class="button-danger">
              {t(lang, "reportLostSubmit")}
              {number}
            </button>
          </form>
        </details>
      </div>
    );
  }
  if (card.status === "lost") {
    return (
      <form method="post" action={`${base}/found`} class="card-actions">
        <input type="hidden" name="_csrf" value={props.csrf} />
        <button type="submit" class="button-secondary">
          {t(lang, "cardFound")}
          {number}
        </button>
      </form>
    );
  }
  return null;
}

export function PatronRecord(props: {
  lang: Lang;
  slug: string;
  patron: PatronView;
  today: string;
  csrf: string;
  policy: FormPolicy;
  change: ChangeSection;
  work: CardWork;
}) {
  const { lang, slug, patron, today, change, work } = props;
  const p = patron;
  const dash = "—";
  const address = [p.address.prefecture, p.address.city, p.address.street, p.address.building]
    .filter(Boolean)
    .join(" ");
  const currentKind = p.cards.find((card) => card.number === p.cardNumber)?.kind;
  const credentialValue = (c: PatronView["credentials"][number]) =>
    c.kind === "felica" && c.value ? c.value : t(lang, "linked");
  return (
    <>
      <PatronNav lang={lang} slug={slug} />
      <div class="patron-heading">
        <h1>
          {name(p)}
          <span class="patron-reading">{reading(p)}</span>
        </h1>
        <p class="patron-keyline">
          <span>
            {t(lang, "newCardNumber")}: <strong class="card-number">{p.cardNumber ?? dash}</strong>
            {currentKind === "temporary" && ` (${cardKindNames.temporary![lang]})`}
          </span>
          <span>
            {t(lang, "patronStatus")}:{" "}
            <strong class={`status-${p.status}`}>{patronStatusNames[p.status]?.[lang] ?? p.status}</strong>
          </span>
          <span>
            {t(lang, "expiresOn")}: <strong>{formatDate(lang, p.expiresOn)}</strong>
          </span>
        </p>
      </div>
      {change.result && <ChangeResult lang={lang} eligibility={change.result} />}
      {work.outcome && <CardOutcomeNotice lang={lang} outcome={work.outcome} />}
      <PatronNotices lang={lang} patron={p} />
      <p class="patron-loans-link">
        <a href={`/${slug}/staff/patrons/${p.id}/loans`}>{t(lang, "patronLoans")}</a>
        {" · "}
        <a href={`/${slug}/staff/patrons/${p.id}/holds`}>{t(lang, "patronHolds")}</a>
        {" · "}
        <a href={`/${slug}/staff/patrons/${p.id}/forms/registration`}>
          {lang === "ja" ? "登録カードを印刷" : "Print the registration card"}
        </a>
        {" · "}
        <a href={`/${slug}/staff/patrons/${p.id}/forms/attorney`}>
          {lang === "ja" ? "委任状を印刷" : "Print a letter of attorney"}
        </a>
      </p>

      <section aria-labelledby="patron-registration">
        <h2 id="patron-registration">{t(lang, "registration")}</h2>
        <dl class="record-fields">
          <div>
            <dt>{t(lang, "patronName")}</dt>
            <dd>{name(p)}</dd>
          </div>
          <div>
            <dt>{t(lang, "patronReading")}</dt>
            <dd>{reading(p)}</dd>
          </div>
          <div>
            <dt>{t(lang, "birthDate")}</dt>
            <dd>
              {formatDate(lang, p.birthDate)} ({ageOn(p.birthDate, today)}
              {lang === "ja" ? "歳" : " years"})
            </dd>
          </div>
          <div>
            <dt>{t(lang, "address")}</dt>
            <dd>
              〒{p.address.postalCode} {address}
            </dd>
          </div>
          <div>
            <dt>{t(lang, "phone")}</dt>
            <dd>{p.phone || dash}</dd>
          </div>
          <div>
            <dt>{t(lang, "email")}</dt>
            <dd>{p.email ?? dash}</dd>
          </div>
          <div>
            <dt>{t(lang, "basis")}</dt>
            <dd>
              {basisNames[p.basis]?.[lang] ?? p.basis}
              {p.workplaceOrSchool && (
                <>
                  {" "}
                  ({p.workplaceOrSchool.name}
                  {p.workplaceOrSchool.municipality ? `、${p.workplaceOrSchool.municipality}` : ""})
                </>
              )}
            </dd>
          </div>
          <div>
            <dt>{t(lang, "registrationKind")}</dt>
            <dd>
              <strong>{registrationKindNames[p.registrationKind]?.[lang] ?? p.registrationKind}</strong>
            </dd>
          </div>
          <div>
            <dt>{t(lang, "homeMunicipality")}</dt>
            <dd>{p.municipality}</dd>
          </div>
          <div>
            <dt>{t(lang, "expiresOn")}</dt>
            <dd>{formatDate(lang, p.expiresOn)}</dd>
          </div>
          <div>
            <dt>{t(lang, "renewalOpensOn")}</dt>
            <dd>{formatDate(lang, p.registration.renewalOpensOn)}</dd>
          </div>
          <div>
            <dt>{t(lang, "patronStatus")}</dt>
            <dd>{patronStatusNames[p.status]?.[lang] ?? p.status}</dd>
          </div>
          <div>
            <dt>{t(lang, "registeredOn")}</dt>
            <dd>
              {formatDate(lang, p.registeredOn)} (
              {registeredViaNames[p.registeredVia]?.[lang] ?? p.registeredVia})
            </dd>
          </div>
          <div>
            <dt>{t(lang, "lastUsedOn")}</dt>
            <dd>{formatDate(lang, p.lastUsedOn)}</dd>
          </div>
          {p.registration.purgeOn && (
            <div>
              <dt>{t(lang, "purgeOn")}</dt>
              <dd>{formatDate(lang, p.registration.purgeOn)}</dd>
            </div>
          )}
          <div>
            <dt>{t(lang, "elibrary")}</dt>
            <dd>{t(lang, p.elibraryRegistered ? "registered" : "notRegistered")}</dd>
          </div>
          <div>
            <dt>{t(lang, "webPassword")}</dt>
            <dd>{t(lang, p.webPasswordSet ? "passwordSet" : "passwordNotSet")}</dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="patron-cards">
        <h2 id="patron-cards">{t(lang, "cards")}</h2>
        <ErrorSummary lang={lang} prefix="card" problems={work.cardProblems} />
        {p.cards.length === 0 ? (
          <p>{t(lang, "noCards")}</p>
        ) : (
          <div class="table-scroll">
            <table class="patron-table">
              <thead>
                <tr>
                  <th scope="col">{t(lang, "newCardNumber")}</th>
                  <th scope="col">{t(lang, "cardKind")}</th>
                  <th scope="col">{t(lang, "status")}</th>
                  <th scope="col">{t(lang, "issuedOn")}</th>
                  <th scope="col">{t(lang, "lostOn")}</th>
                  <th scope="col">{t(lang, "reissueAllowedFrom")}</th>
                  <th scope="col">{t(lang, "cardActions")}</th>
                </tr>
              </thead>
              <tbody>
                {p.cards.map((card) => (
                  <tr>
                    <th scope="row" data-label={t(lang, "newCardNumber")}>
                      <span class="card-number">{card.number}</span>
                    </th>
                    <td data-label={t(lang, "cardKind")}>
                      {cardKindNames[card.kind]?.[lang] ?? card.kind}
                      {!card.physical && ` (${t(lang, "smartphoneCard")})`}
                    </td>
                    <td data-label={t(lang, "status")} class={`card-${card.status}`}>
                      {cardStatusNames[card.status]?.[lang] ?? card.status}
                    </td>
                    <td data-label={t(lang, "issuedOn")}>{formatDate(lang, card.issuedOn)}</td>
                    <td data-label={t(lang, "lostOn")} class={card.lostOn ? undefined : "empty"}>
                      {formatDate(lang, card.lostOn)}
                    </td>
                    <td
                      data-label={t(lang, "reissueAllowedFrom")}
                      class={card.reissueAllowedFrom ? undefined : "empty"}
                    >
                      {formatDate(lang, card.reissueAllowedFrom)}
                    </td>
                    <td
                      data-label={t(lang, "cardActions")}
                      class={card.status === "active" || card.status === "lost" ? undefined : "empty"}
                    >
                      <CardActions lang={lang} slug={slug} patronId={p.id} csrf={props.csrf} card={card} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="patron-renewal">
        <h2 id="patron-renewal">{t(lang, "renewalHeading")}</h2>
        <details class="change-details" open={work.renewal.problems.length > 0}>
          <summary>{t(lang, "openRenewalForm")}</summary>
          <RenewalForm
            state={work.renewal.state}
            action={`/${slug}/staff/patrons/${p.id}/renewal`}
            csrf={props.csrf}
            policy={props.policy}
            problems={work.renewal.problems}
            renewalOpensOn={p.registration.renewalOpensOn}
          />
        </details>
      </section>

      <section aria-labelledby="patron-reissue">
        <h2 id="patron-reissue">{t(lang, "reissueHeading")}</h2>
        <details class="change-details" open={work.reissue.problems.length > 0}>
          <summary>{t(lang, "openReissueForm")}</summary>
          <ReissueForm
            state={work.reissue.state}
            action={`/${slug}/staff/patrons/${p.id}/reissue`}
            csrf={props.csrf}
            policy={props.policy}
            problems={work.reissue.problems}
          />
        </details>
      </section>

      <section aria-labelledby="patron-credentials">
        <h2 id="patron-credentials">{t(lang, "credentialsHeading")}</h2>
        {p.credentials.length === 0 ? (
          <p>{t(lang, "noCredentials")}</p>
        ) : (
          <ul class="credential-list">
            {p.credentials.map((c) => (
              <li>
                <strong>{credentialNames[c.kind]?.[lang] ?? c.kind}</strong>:{" "}
                {c.unlinkedAt ? (
                  <>
                    {t(lang, "unlinked")} ({formatDate(lang, japanDate(new Date(c.unlinkedAt)))}
                    {c.unlinkReason ? `、${c.unlinkReason}` : ""})
                  </>
                ) : (
                  <>
                    <span class={c.kind === "felica" ? "card-number" : undefined}>{credentialValue(c)}</span>{" "}
                    · {t(lang, "linkedAt")} {formatDate(lang, japanDate(new Date(c.linkedAt)))}
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="patron-family">
        <h2 id="patron-family">{t(lang, "familyHeading")}</h2>
        {!p.guardian && p.children.length === 0 && <p>{t(lang, "noFamily")}</p>}
        {p.guardian && (
          <p>
            {t(lang, "guardian")}: <PatronLink slug={slug} lang={lang} patron={p.guardian} today={today} />
          </p>
        )}
        {p.children.length > 0 && (
          <>
            <h3>{t(lang, "children")}</h3>
            <ul>
              {p.children.map((child) => (
                <li>
                  <PatronLink slug={slug} lang={lang} patron={child} today={today} />
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section aria-labelledby="patron-notes">
        <h2 id="patron-notes">{t(lang, "patronNotes")}</h2>
        {p.notes ? <p class="patron-notes">{p.notes}</p> : <p>{t(lang, "noNotes")}</p>}
      </section>

      <section aria-labelledby="patron-change">
        <h2 id="patron-change">{t(lang, "changeDetails")}</h2>
        <details class="change-details" open={change.open}>
          <summary>{t(lang, "openChangeForm")}</summary>
          <ChangeForm
            state={change.state}
            slug={slug}
            action={`/${slug}/staff/patrons/${p.id}`}
            csrf={props.csrf}
            policy={props.policy}
            problems={change.problems}
          />
        </details>
      </section>
    </>
  );
}
