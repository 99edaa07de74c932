import { z } from "zod";
import { numberFormatSchema } from "../barcodes/check-digit.ts";
import {
  basisSchema,
  holdChannelSchema,
  idDocumentTypeSchema,
  itemFlagSchema,
  localisedTextSchema,
  materialTypeSchema,
  onlineProcedureSchema,
  servicePointTypeSchema,
} from "../vocabulary.ts";

/**
 * Everything DOMAIN.md lets vary between library systems. Domain code reads rules only from here;
 * a preset per library system lives in src/policies, and staff publish new versions as data.
 */

const municipality = z.string().min(1);
const nonNegativeInt = z.number().int().min(0);
const positiveInt = z.number().int().min(1);

const eligibilitySchema = z.object({
  /** The system's own area: residents, workers and students of these municipalities may register. */
  areaMunicipalities: z.array(municipality).min(1),
  /** The whole prefecture counts as the area (a prefectural library). */
  areaPrefecture: z.string().nullable(),
  bases: z.array(basisSchema).min(1),
  /** Residents (only) of these partner municipalities may register as wide-area patrons. */
  wideAreaMunicipalities: z.array(municipality),
  workerStudentProofRequired: z.boolean(),
  acceptedIdDocuments: z.array(idDocumentTypeSchema).min(1),
  /** With an outdated address, a supplementary document issued within this many months is required. */
  supplementaryDocumentMaxAgeMonths: positiveInt,
  supplementaryDocuments: z.array(idDocumentTypeSchema),
});

const validitySchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("fixedYears"), years: positiveInt }),
  /** Expires at the end of the birth month every `years` years. */
  z.object({ kind: z.literal("birthMonthCycle"), years: positiveInt }),
]);

/** Card numbers share the number format of item barcodes, with the series that must be renewed. */
const cardNumberSchema = numberFormatSchema.and(
  z.object({
    /** Cards whose number starts with this must be renewed at the counter before web use. */
    mustRenewPrefix: z.string().regex(/^\d+$/).nullable(),
  }),
);

const catalogueSchema = z.object({
  /** The format and check digit of item barcodes, verified on every scan and used to allocate new ones. */
  itemBarcode: numberFormatSchema,
});

const registrationSchema = z.object({
  validity: validitySchema,
  /** Registration renewal is possible this many days before expiry. */
  renewalWindowDaysBeforeExpiry: nonNegativeInt,
  /** Renewal is also due after this many years without use (null: no such rule). */
  renewAfterUnusedYears: positiveInt.nullable(),
  /** Registration data (reading record included) is deleted this many days after expiry. */
  purgeAfterExpiryDays: positiveInt.nullable(),
  /** Tell the patron at the counter when expiry is this close (days); null: no reminder. */
  counterReminderDaysBeforeExpiry: positiveInt.nullable(),
  cardNumber: cardNumberSchema,
  loss: z.object({
    temporaryCard: z.boolean(),
    temporaryCardCanBorrow: z.boolean(),
    /** A lost card is reissued when not found within this many days (null: reissued at once). */
    reissueAfterDays: positiveInt.nullable(),
    reissueChangesCardNumber: z.boolean(),
  }),
  proxies: z.object({
    allowed: z.boolean(),
    /** A letter of attorney is needed only when the proxy does not bring the patron's card. */
    letterRequiredWithoutCard: z.boolean(),
  }),
  myNumber: z.object({
    linkOffered: z.boolean(),
    /** Monthly check of the signature certificate extends validity to this many months after the check. */
    autoRenewalMonths: positiveInt.nullable(),
    autoRenewalExcludesNonResidentWorkersStudents: z.boolean(),
  }),
  felicaPerPatron: nonNegativeInt,
  lineLink: z.boolean(),
  /** Registration also registers the patron with the external e-library, keyed by card number. */
  elibrary: z.boolean(),
  /** A guardian registers children up to this age (000: 小学生以下の児童の保護者). */
  guardianRegistersChildrenUpTo: z.enum(["endOfPrimarySchool"]),
});

const loanRenewalSchema = z.object({
  maxRenewals: nonNegativeInt,
  /** The new due date counts from the renewal day, or from the current due date. */
  base: z.enum(["renewalDate", "dueDate"]),
  periodDays: positiveInt,
  allowedOnLoanDay: z.boolean(),
  refuseWhenOverdue: z.boolean(),
  refuseWhenReservedByOther: z.boolean(),
  refuseIll: z.boolean(),
  channels: z.array(z.enum(["counter", "web", "phone"])),
});

const deliveryLendingSchema = z.object({
  kind: z.enum(["postal", "online"]),
  /** Items at once, counting those already on loan. */
  limit: positiveInt,
  /** Includes the days in the post both ways. */
  periodDays: positiveInt,
  postagePaidBy: z.enum(["patron", "library"]),
  /** Where the patron may return by parcel, by service-point code. */
  parcelReturnTo: z.string().nullable(),
  /**
   * Only copies kept for the patron's reservation go out this way (001: 電話やWebで予約した資料を郵送). A
   * policy published before the field existed lends any copy, as it did.
   */
  reservedItemsOnly: z.boolean().default(false),
  /** The service point (code) that posts reservations to patrons (001: 西図書館の有料郵送貸出担当); null: none named. */
  postedFrom: z.string().nullable().default(null),
  /** The channels through which a reservation to be posted may be placed (001: phone or web). */
  reservationChannels: z.array(holdChannelSchema).default(["counter", "phone", "web", "line"]),
});

const loanNoticesSchema = z.object({
  /** A courtesy reminder this many days before the due date (null: none). */
  courtesyDaysBeforeDue: positiveInt.nullable(),
  /** The first overdue notice this many days after the due date. */
  overdueDaysAfterDue: positiveInt,
  /** Later overdue notices every this many days (null: one notice only). */
  overdueRepeatDays: positiveInt.nullable(),
  overdueMaxNotices: positiveInt,
});

/** Checkout refusals that staff may override with a reason (audited); every other refusal is final. */
export const overridableLoanRefusals = [
  "LOAN_LIMIT_REACHED",
  "ITEM_NOT_LOANABLE",
  "ITEM_ON_HOLD_FOR_ANOTHER_PATRON",
  "REGISTRATION_EXPIRED",
  "CREDENTIAL_NOT_ACCEPTED_HERE",
] as const;

const loansSchema = z.object({
  totalLimit: positiveInt,
  perTypeLimits: z.array(z.object({ materialTypes: z.array(materialTypeSchema).min(1), limit: positiveInt })),
  periodDays: positiveInt,
  renewal: loanRenewalSchema,
  /** An item on the shelf may be lent although a reservation is pending (walk-in borrowers first). */
  walkInBorrowerFirst: z.boolean(),
  deliveryLending: deliveryLendingSchema.nullable(),
  notices: loanNoticesSchema,
  overridable: z.array(z.enum(overridableLoanRefusals)),
});

const itemRuleSchema = z.object({
  materialTypes: z.array(materialTypeSchema),
  flags: z.array(itemFlagSchema),
});

const returnsSchema = z.object({
  /** These go back to the lending service point's counter. */
  toLendingServicePointOnly: itemRuleSchema,
  bookDrop: z.object({
    acceptedMaterialTypes: z.array(materialTypeSchema).min(1),
    refusedFlags: z.array(itemFlagSchema),
    /** Only the library's own items (no inter-library loan items). */
    ownItemsOnly: z.boolean(),
  }),
  /** Return points (返却できるところ) take back only these. */
  returnPointAcceptedMaterialTypes: z.array(materialTypeSchema),
});

const notReservableRuleSchema = z.object({
  reason: localisedTextSchema,
  materialTypes: z.array(materialTypeSchema).optional(),
  callNumberPrefixes: z.array(z.string().min(1)).optional(),
  flags: z.array(itemFlagSchema).optional(),
  /** Channels the rule applies to; absent: every channel. */
  channels: z.array(holdChannelSchema).optional(),
});

const holdsSchema = z.object({
  allowedBases: z.array(basisSchema),
  wideAreaMayReserve: z.boolean(),
  emailRequiredForWeb: z.boolean(),
  channels: z.array(holdChannelSchema).min(1),
  /** Total reservations, requests included when `totalIncludesRequests`; null: no total. */
  totalLimit: positiveInt.nullable(),
  totalIncludesRequests: z.boolean(),
  perChannelLimits: z.array(z.object({ channel: holdChannelSchema, limit: positiveInt })),
  /** Limits per group of material types, counted over every channel together. */
  perTypeLimits: z.array(
    z.object({
      label: localisedTextSchema,
      materialTypes: z.array(materialTypeSchema).min(1),
      limit: positiveInt,
    }),
  ),
  notReservable: z.array(notReservableRuleSchema),
  itemLevelAllowed: z.boolean(),
  pickup: z.object({
    /** Days to collect a ready hold, counted from the notice (or from ready without contact). */
    days: positiveInt,
    dayKind: z.enum(["calendarDays", "openingDays"]),
    /** Service-point types that hand out reservations. */
    pickupServicePointTypes: z.array(servicePointTypeSchema).min(1),
    /** Items unsuitable for transport are picked up at the main library. */
    untransportableAtMainOnly: z.boolean(),
  }),
  contactMethods: z.array(z.enum(["email", "phone", "none"])).min(1),
  webCannotCancelReady: z.boolean(),
  cart: z.object({
    maxTitles: positiveInt,
    keptAfterBrowserCloses: z.boolean(),
    signInWhenAdding: z.boolean(),
  }),
});

const requestsSchema = z.object({
  offered: z.boolean(),
  channels: z.array(holdChannelSchema),
  /** Requests are only for titles the library does not hold. */
  onlyForTitlesNotHeld: z.boolean(),
  refusedCategories: z.array(
    z.object({
      reason: localisedTextSchema,
      materialTypes: z.array(materialTypeSchema).optional(),
      callNumberPrefixes: z.array(z.string()).optional(),
      genres: z.array(z.string()).optional(),
    }),
  ),
  postagePaidBy: z.enum(["patron", "library"]),
});

const onlineRegistrationSchema = z.object({
  offered: z.boolean(),
  procedures: z.array(onlineProcedureSchema),
  /** The e-mail verification link expires after this many minutes. */
  verificationLinkMinutes: positiveInt,
  receiptNumberPrefix: z.string().regex(/^[A-Z]{0,4}$/),
  receiptNumberDigits: positiveInt,
  /** The usual processing time, shown to the applicant (not a hard rule). */
  usableFromOpeningDay: positiveInt,
  reviewOpeningDays: z.object({ min: positiveInt, max: positiveInt }),
  /** After this many unanswered inquiries the application is cancelled. */
  unansweredInquiryLimit: positiveInt,
  inquiryReplyDays: positiveInt,
  photoRetentionDaysAfterDecision: positiveInt,
  photoMaxBytes: positiveInt,
  /** Registration kits with pre-numbered cards handed out at partner facilities. */
  registrationKits: z.boolean(),
  deliveryLendingApplication: z.boolean(),
  /** Registering by post; a reissue is never possible by post. */
  postal: z
    .object({ offered: z.boolean(), returnEnvelopeYen: nonNegativeInt, processingDays: positiveInt })
    .nullable(),
});

const webServicesSchema = z.object({
  password: z.object({
    minLength: z.number().int().min(8),
    requireLettersAndDigits: z.boolean(),
    caseSensitive: z.literal(true),
  }),
  loanHistory: z.boolean(),
  readingRecord: z.boolean(),
  readLaterList: z.boolean(),
  myBookshelf: z.boolean(),
  favourites: z.boolean(),
  newArrivalMail: z.object({
    offered: z.boolean(),
    /** 0 = Sunday … 6 = Saturday. */
    weekday: z.number().int().min(0).max(6),
    by: z.array(z.enum(["keyword", "author", "genre"])),
  }),
  smartphoneCard: z.boolean(),
});

const feesSchema = z.object({
  photocopyMonoYen: nonNegativeInt,
  photocopyColourYen: nonNegativeInt,
  internetTerminalSlotMinutes: positiveInt,
  internetTerminalBookingsPerPatron: positiveInt,
  ndlMinutesPerPersonPerDay: positiveInt,
});

/** The kinds of question the reference service does not answer (001: 法律・医療相談、個人調査、懸賞・クイズ、宿題). */
export const unansweredQuestionKinds = [
  "legalAdvice",
  "medicalAdvice",
  "personalInvestigation",
  "quiz",
  "homework",
] as const;
export const unansweredQuestionKindSchema = z.enum(unansweredQuestionKinds);

export const referenceChannels = ["referenceRoom", "referenceCorner", "phone", "web"] as const;
export const referenceChannelSchema = z.enum(referenceChannels);

const referenceSchema = z.object({
  offered: z.boolean(),
  channels: z.array(referenceChannelSchema),
  notAnswered: z.array(unansweredQuestionKindSchema),
});

/** Versions stored before the reference service was a policy section take it as not offered. */
const referenceNotOffered = { offered: false, channels: [], notAnswered: [] };

export const policySchema = z.object({
  eligibility: eligibilitySchema,
  registration: registrationSchema,
  loans: loansSchema,
  returns: returnsSchema,
  holds: holdsSchema,
  requests: requestsSchema,
  onlineRegistration: onlineRegistrationSchema,
  webServices: webServicesSchema,
  fees: feesSchema,
  reference: referenceSchema.default(referenceNotOffered),
  catalogue: catalogueSchema,
});

export type Policy = z.infer<typeof policySchema>;
