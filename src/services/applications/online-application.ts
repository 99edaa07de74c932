import { japanDate } from "../../clock.ts";
import type { Db } from "../../db/client.ts";
import {
  type ApplicationRow,
  findApplication,
  findApplicationByReceipt,
  findDraftByEmail,
  insertApplication,
  insertApplicationToken,
  markEmailVerified,
  markSubmitted,
  takeApplicationToken,
  updateDraft,
  upsertPhoto,
} from "../../db/queries/applications.ts";
import { takeNextSerial } from "../../db/queries/number-sequences.ts";
import { findPatronsByNameAndBirthDate } from "../../db/queries/patrons.ts";
import { kitFacts } from "../../db/queries/registration-kits.ts";
import { listServicePointRows } from "../../db/queries/service-points.ts";
import { type TenantTx, withTenant } from "../../db/tenant.ts";
import { isUniqueViolation } from "../../db/unique-violation.ts";
import {
  expectedUsableOn,
  identifyingReading,
  isForRegisteredPatron,
  type OnlineProcedure,
  receiptNumberOf,
  refuseChange,
  refuseProcedure,
} from "../../domain/applications/application-rules.ts";
import { needsKit, refuseKitNumber, requiredPhotos } from "../../domain/applications/registration-kits.ts";
import { assertValidNumber } from "../../domain/barcodes/check-digit.ts";
import type { CalendarRules } from "../../domain/calendar/calendar-rules.ts";
import { AppError } from "../../domain/errors.ts";
import { nameKey } from "../../domain/patrons/patron-names.ts";
import { refuseWhenRenewalTooEarly } from "../../domain/patrons/registration-validity.ts";
import type { Policy } from "../../domain/policy/policy-schema.ts";
import { queueMail } from "../mail/queue-mail.ts";
import { checkRegistration, type PatronRegistration } from "../patrons/register-patron.ts";
import { getPolicyInForce } from "../policies/get-policy-in-force.ts";
import { hashSessionToken, newSessionToken } from "../staff/session-tokens.ts";
import { receivedMail, verificationMail } from "./application-mail.ts";
import { type PhotoSide, preparePhoto, readPhotoBody, sealPhoto } from "./identity-photos.ts";

export type ApplicantContext = {
  db: Db;
  librarySystemId: number;
  now: Date;
  library: { slug: string; ja: string; en: string };
  publicUrl: string;
  secretKey: Buffer;
};

/** An applicant's session after following the mailed link: long enough to fill the form in, then resume anew. */
const sessionHours = 24;

/**
 * The first step (002): an e-mail address. A link with a one-time key is mailed; only following it proves the
 * address. A draft already started with this address is resumed rather than begun again. Answers nothing
 * about whether the address is known.
 */
export async function startApplication(ctx: ApplicantContext, email: string): Promise<void> {
  const { db, librarySystemId, now } = ctx;
  const { policy } = await getPolicyInForce(db, librarySystemId, japanDate(now));
  const rules = policy.onlineRegistration;
  if (!rules.offered) throw new AppError("ONLINE_REGISTRATION_NOT_OFFERED", {});
  const key = newSessionToken();
  await withTenant(db, librarySystemId, async (tx) => {
    const draft = await findDraftByEmail(tx, email);
    const id = draft?.id ?? (await insertApplication(tx, email, now)).id;
    await insertApplicationToken(tx, {
      applicationId: id,
      purpose: "verify",
      tokenHash: hashSessionToken(key),
      expiresAt: new Date(now.getTime() + rules.verificationLinkMinutes * 60_000),
    });
    const link = `${ctx.publicUrl}/${ctx.library.slug}/apply/continue?key=${key}`;
    await queueMail(
      tx,
      { to: email, ...verificationMail(ctx.library, link, rules.verificationLinkMinutes) },
      now,
    );
  });
}

/** Follows the mailed link: the key is spent, the address counts as verified, and a session opens the draft. */
export async function verifyApplicationEmail(
  ctx: ApplicantContext,
  key: string,
): Promise<{ applicationId: string; token: string; expiresAt: Date }> {
  const { db, librarySystemId, now } = ctx;
  const token = newSessionToken();
  const expiresAt = new Date(now.getTime() + sessionHours * 3_600_000);
  const applicationId = await withTenant(db, librarySystemId, async (tx) => {
    const id = await takeApplicationToken(tx, "verify", hashSessionToken(key), now);
    if (!id) throw new AppError("APPLICATION_LINK_INVALID", {});
    await markEmailVerified(tx, id, now);
    await insertApplicationToken(tx, {
      applicationId: id,
      purpose: "session",
      tokenHash: hashSessionToken(token),
      expiresAt,
    });
    return id;
  });
  return { applicationId, token, expiresAt };
}

async function requireSession(tx: TenantTx, token: string, now: Date, lock = false): Promise<ApplicationRow> {
  const id = token ? await takeApplicationToken(tx, "session", hashSessionToken(token), now) : undefined;
  if (!id) throw new AppError("APPLICATION_SESSION_INVALID", {});
  return (await findApplication(tx, id, lock))!;
}

export async function getMyApplication(ctx: ApplicantContext, token: string): Promise<ApplicationRow> {
  return withTenant(ctx.db, ctx.librarySystemId, (tx) => requireSession(tx, token, ctx.now));
}

/** Saves the draft: the procedure, the consent to the notes, and any fields given (checked by the caller). */
export async function saveApplicationDraft(
  ctx: ApplicantContext,
  token: string,
  change: { procedure?: OnlineProcedure; consent?: boolean; form?: Record<string, unknown> },
): Promise<ApplicationRow> {
  const { db, librarySystemId, now } = ctx;
  const { policy } = await getPolicyInForce(db, librarySystemId, japanDate(now));
  if (change.procedure) refuseProcedure(policy.onlineRegistration, change.procedure);
  return withTenant(db, librarySystemId, async (tx) => {
    const application = await requireSession(tx, token, now, true);
    refuseChange(application.status);
    await updateDraft(tx, application.id, {
      procedure: change.procedure,
      consentedAt: change.consent ? now : undefined,
      form: change.form,
      now,
    });
    return (await findApplication(tx, application.id))!;
  });
}

/**
 * A photo of the identity document, front or back: checked and re-encoded before the transaction, so a
 * refused upload leaves nothing behind; stored sealed.
 */
export async function uploadApplicationPhoto(
  ctx: ApplicantContext,
  token: string,
  side: PhotoSide,
  photo: Buffer | { stream: AsyncIterable<Uint8Array> | null; declaredLength?: number },
): Promise<ApplicationRow> {
  const { db, librarySystemId, now } = ctx;
  const { policy } = await getPolicyInForce(db, librarySystemId, japanDate(now));
  const maxBytes = policy.onlineRegistration.photoMaxBytes;
  // the session first: a stranger's upload is neither read nor decoded
  await withTenant(db, librarySystemId, (tx) => requireSession(tx, token, now));
  const bytes = Buffer.isBuffer(photo)
    ? photo
    : await readPhotoBody(photo.stream, maxBytes, photo.declaredLength);
  const image = await preparePhoto(bytes, maxBytes);
  return withTenant(db, librarySystemId, async (tx) => {
    const application = await requireSession(tx, token, now, true);
    refuseChange(application.status);
    await upsertPhoto(tx, {
      applicationId: application.id,
      side,
      sealed: sealPhoto(ctx.secretKey, application.id, image),
      byteSize: image.length,
      now,
    });
    return (await findApplication(tx, application.id))!;
  });
}

/** The form's fields as a registration: the verified address is the patron's e-mail. */
export function registrationOf(application: ApplicationRow): PatronRegistration {
  const form = application.form as Partial<PatronRegistration>;
  const required = [
    "familyName",
    "givenName",
    "familyNameKana",
    "givenNameKana",
    "birthDate",
    "address",
    "basis",
    "municipality",
    "idDocument",
  ] as const;
  const missing = required.filter(
    (field) => form[field] === undefined || form[field] === null || form[field] === "",
  );
  if (missing.length > 0) throw new AppError("APPLICATION_INCOMPLETE", { missing });
  return { ...(form as PatronRegistration), email: application.email };
}

/**
 * Submits the application (002): the procedure offered, the consent given, both photos there, the form
 * complete and eligible by the counter's rules, and nobody registered already with this name and birth date
 * (`ALREADY_REGISTERED`: use the card you have). A receipt number is given in the seed's form, with the day
 * the card is usually usable, and mailed. Submitting again answers the same receipt.
 */
export async function submitApplication(ctx: ApplicantContext, token: string): Promise<ApplicationRow> {
  const { db, librarySystemId, now } = ctx;
  const today = japanDate(now);
  const { policy } = await getPolicyInForce(db, librarySystemId, today);
  const rules = policy.onlineRegistration;
  return withTenant(db, librarySystemId, async (tx) => {
    const application = await requireSession(tx, token, now, true);
    if (application.status === "submitted" && application.receiptNumber) return application;
    refuseChange(application.status);
    if (!application.procedure) throw new AppError("APPLICATION_INCOMPLETE", { missing: ["procedure"] });
    refuseProcedure(rules, application.procedure);
    if (!application.consentedAt) throw new AppError("APPLICATION_CONSENT_REQUIRED", {});
    const missingPhotos = requiredPhotos(rules, application.procedure).filter(
      (side) => !application.photos.includes(side),
    );
    if (missingPhotos.length > 0) throw new AppError("PHOTOS_REQUIRED", { missing: missingPhotos });
    const kitNumber = needsKit(rules, application.procedure) ? await checkKit(tx, policy, application) : null;
    const patronId =
      application.procedure === "forgotCardNumber"
        ? await onlineRegistrantOf(tx, application)
        : isForRegisteredPatron(application.procedure)
          ? await registeredPatronOf(tx, policy, application, today)
          : await checkNewRegistration(tx, policy, application, now);
    const main = (await listServicePointRows(tx)).find((p) => p.type === "main");
    const receiptNumber = receiptNumberOf(rules, await takeNextSerial(tx, "applicationReceipt"));
    const expectedOn = main ? expectedUsableOn(rules, main.calendar as CalendarRules, today) : today;
    await markSubmitted(tx, application.id, {
      receiptNumber,
      submittedOn: today,
      expectedOn,
      patronId,
      kitNumber,
      now,
    }).catch((error: unknown) => {
      // two applications racing for one kit: the unique index lets one through
      throw isUniqueViolation(error) ? new AppError("KIT_NUMBER_USED", { kitNumber }) : error;
    });
    const statusLink = `${ctx.publicUrl}/${ctx.library.slug}/apply/status`;
    await queueMail(
      tx,
      { to: application.email, ...receivedMail(ctx.library, receiptNumber, expectedOn, statusLink) },
      now,
    );
    return (await findApplication(tx, application.id))!;
  });
}

/**
 * The kit a new registration is applied for with (004): its number in the system's card-number format (a typo is
 * `INVALID_BARCODE_CHECK_DIGIT`, as at the counter), the applicant's confirmation that the name is written on the
 * card, and a kit handed out and unused.
 */
async function checkKit(tx: TenantTx, policy: Policy, application: ApplicationRow): Promise<string> {
  const form = application.form as { kitNumber?: string; nameWrittenOnCard?: boolean };
  const number = (form.kitNumber ?? "").trim();
  const missing = [
    ...(number ? [] : ["kitNumber"]),
    ...(form.nameWrittenOnCard ? [] : ["nameWrittenOnCard"]),
  ];
  if (missing.length > 0) throw new AppError("APPLICATION_INCOMPLETE", { missing });
  assertValidNumber(policy.registration.cardNumber, number, "card");
  refuseKitNumber(await kitFacts(tx, number, application.id), number);
  return number;
}

/** A new registration: eligible by the counter's rules, and nobody registered already with this name and birth date. */
async function checkNewRegistration(
  tx: TenantTx,
  policy: Policy,
  application: ApplicationRow,
  now: Date,
): Promise<null> {
  const registration = registrationOf(application);
  checkRegistration(policy, registration, now);
  const key = nameKey(registration.familyNameKana, registration.givenNameKana);
  if ((await findPatronsByNameAndBirthDate(tx, key, registration.birthDate)).length > 0) {
    throw new AppError("ALREADY_REGISTERED", {});
  }
  return null;
}

/**
 * "I forgot my card number" (002) is for patrons who registered online: the reading and birth date must name one
 * of them whose registered address is the one just verified, else `ONLINE_REGISTRATION_NOT_FOUND`.
 */
async function onlineRegistrantOf(tx: TenantTx, application: ApplicationRow): Promise<string> {
  const form = application.form as { familyNameKana?: string; givenNameKana?: string; birthDate?: string };
  const missing = (["familyNameKana", "givenNameKana", "birthDate"] as const).filter((f) => !form[f]);
  if (missing.length > 0) throw new AppError("APPLICATION_INCOMPLETE", { missing });
  const key = nameKey(form.familyNameKana!, form.givenNameKana!);
  const found = (await findPatronsByNameAndBirthDate(tx, key, form.birthDate!)).find(
    (p) => p.registeredVia === "online" && p.email?.toLowerCase() === application.email.toLowerCase(),
  );
  if (!found) throw new AppError("ONLINE_REGISTRATION_NOT_FOUND", {});
  return found.id;
}

/**
 * The registered patron a reissue, renewal, change or e-library password application is for: the reading (the one
 * before a name change) and birth date must name exactly one current registration (`REGISTRATION_NOT_FOUND`
 * otherwise). A renewal is refused here already when its window has not opened (002: 1か月前から更新可, or after
 * 3 years unused), and a reissue for a new name needs the new name.
 */
async function registeredPatronOf(
  tx: TenantTx,
  policy: Policy,
  application: ApplicationRow,
  today: string,
): Promise<string> {
  const form = application.form as Record<string, string | undefined>;
  const reading = identifyingReading(form);
  const missing = [
    ...(application.procedure === "reissue" && !form.reissueReason ? ["reissueReason"] : []),
    ...(!reading.familyNameKana || !reading.givenNameKana
      ? form.reissueReason === "nameChange"
        ? ["previousFamilyNameKana", "previousGivenNameKana"]
        : ["familyNameKana", "givenNameKana"]
      : []),
    ...(form.birthDate ? [] : ["birthDate"]),
    ...((application.form as { idDocument?: unknown }).idDocument ? [] : ["idDocument"]),
    ...(form.reissueReason === "nameChange"
      ? (["familyName", "givenName", "familyNameKana", "givenNameKana"] as const).filter((f) => !form[f])
      : []),
    ...(application.procedure === "changeOfDetails" && !(application.form as { address?: unknown }).address
      ? ["address"]
      : []),
  ];
  if (missing.length > 0) throw new AppError("APPLICATION_INCOMPLETE", { missing });
  const key = nameKey(reading.familyNameKana!, reading.givenNameKana!);
  const found = (await findPatronsByNameAndBirthDate(tx, key, form.birthDate!)).filter(
    (p) => p.status !== "deleted",
  );
  if (found.length !== 1) throw new AppError("REGISTRATION_NOT_FOUND", {});
  const patron = found[0]!;
  if (application.procedure === "renewRegistration") {
    const tooEarly = refuseWhenRenewalTooEarly(policy.registration, patron, today);
    if (tooEarly) throw new AppError(tooEarly.code, tooEarly.details);
  }
  return patron.id;
}

/** The applicant's view of the status, by receipt number and e-mail address together. */
export async function applicationStatus(
  ctx: Pick<ApplicantContext, "db" | "librarySystemId">,
  receiptNumber: string,
  email: string,
): Promise<ApplicationRow> {
  const row = await withTenant(ctx.db, ctx.librarySystemId, (tx) =>
    findApplicationByReceipt(tx, receiptNumber.trim().toUpperCase(), email.trim()),
  );
  if (!row) throw new AppError("APPLICATION_NOT_FOUND", {});
  return row;
}
