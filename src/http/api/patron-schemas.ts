import { z } from "@hono/zod-openapi";
import { isFelicaIdm } from "../../domain/patrons/felica.ts";
import { KATAKANA_READING, POSTAL_CODE } from "../../domain/patrons/patron-names.ts";
import { proxyActions } from "../../domain/patrons/proxies.ts";
import { basisSchema, idDocumentTypeSchema } from "../../domain/vocabulary.ts";
import { isoDateSchema } from "./openapi-app.ts";

// Document 002's fields and limits: four name fields of 64, postal code of 8, address parts of 64, e-mail 128.
// Messages are rule codes that src/http/field-messages.ts words in Japanese and English.

const name = z.string().trim().min(1).max(64);
const kana = z.string().trim().min(1).max(64).regex(KATAKANA_READING, { message: "KATAKANA_REQUIRED" });

export const addressSchema = z.object({
  postalCode: z.string().trim().max(8).regex(POSTAL_CODE, { message: "POSTAL_CODE_FORMAT" }),
  prefecture: z.string().trim().min(1).max(64),
  city: z.string().trim().min(1).max(64),
  street: z.string().trim().min(1).max(64),
  building: z.string().trim().max(64).optional(),
});

const phone = z
  .string()
  .trim()
  .max(20)
  .regex(/^[0-9０-９+()\- ]*$/u, { message: "PHONE_FORMAT" });

export const workplaceSchema = z.object({
  name: z.string().trim().min(1).max(64),
  municipality: z.string().trim().min(1).max(64),
  /** 000: 在勤・在学の方は、勤務先・学校のわかるものをお持ちください */
  proofShown: z.boolean(),
});

export const idDocumentSchema = z.object({
  type: idDocumentTypeSchema,
  expiresOn: isoDateSchema.nullable().optional(),
  /** false when the document shows an old address: a supplementary document is then needed (000). */
  showsCurrentAddress: z.boolean().default(true),
});

export const supplementaryDocumentSchema = z.object({ type: idDocumentTypeSchema, issuedOn: isoDateSchema });

export const proxySchema = z.object({
  name: z.string().trim().min(1).max(64),
  relationship: z.string().trim().max(32).optional(),
  idDocumentType: idDocumentTypeSchema,
  broughtPatronCard: z.boolean(),
  letterOfAttorney: z.boolean(),
  patronIdDocumentShown: z.boolean(),
});

export const identityFields = {
  idDocument: idDocumentSchema,
  supplementaryDocument: supplementaryDocumentSchema.nullable().optional(),
  proxy: proxySchema.nullable().optional(),
};

export const detailFields = {
  familyName: name,
  givenName: name,
  familyNameKana: kana,
  givenNameKana: kana,
  birthDate: isoDateSchema,
  address: addressSchema,
  phone: phone.optional(),
  email: z.string().trim().max(128).email().nullable().optional(),
  basis: basisSchema,
  municipality: z.string().trim().min(1).max(64),
  workplaceOrSchool: workplaceSchema.nullable().optional(),
};

export function workplaceForWorkers<T extends { basis?: string; workplaceOrSchool?: unknown }>(
  value: T,
  ctx: z.RefinementCtx,
) {
  if (value.basis && value.basis !== "resident" && !value.workplaceOrSchool) {
    ctx.addIssue({
      code: "custom",
      path: ["workplaceOrSchool"],
      message: "REQUIRED_FOR_WORKERS_AND_STUDENTS",
    });
  }
}

export const patronRegistrationSchema = z
  .object({
    ...detailFields,
    ...identityFields,
    guardianId: z.string().uuid().nullable().optional(),
    householdOf: z.string().uuid().nullable().optional(),
    duplicateOverride: z
      .object({ reason: z.string().trim().min(1).max(200) })
      .nullable()
      .optional(),
    notes: z.string().max(2000).optional(),
    preferences: z.record(z.string(), z.unknown()).optional(),
  })
  .superRefine(workplaceForWorkers)
  .openapi("PatronRegistration");

export const patronChangeSchema = z
  .object(detailFields)
  .partial()
  .extend({
    notes: z.string().max(2000).optional(),
    preferences: z.record(z.string(), z.unknown()).optional(),
    ...identityFields,
  })
  .superRefine(workplaceForWorkers)
  .openapi("PatronChange");

export const felicaIdmSchema = z.string().trim().refine(isFelicaIdm, { message: "FELICA_IDM_FORMAT" });

export const proxyActionSchema = z.enum(proxyActions);

const refusalSchema = z.object({ code: z.string(), details: z.record(z.string(), z.unknown()) });

export const patronSummarySchema = z
  .object({
    id: z.string(),
    familyName: z.string(),
    givenName: z.string(),
    familyNameKana: z.string(),
    givenNameKana: z.string(),
    birthDate: z.string(),
    basis: basisSchema,
    registrationKind: z.enum(["area", "wideArea"]),
    municipality: z.string(),
    status: z.enum(["active", "expired", "blocked", "deleted"]),
    expiresOn: z.string(),
    cardNumber: z.string().nullable(),
  })
  .openapi("PatronSummary");

export const patronViewSchema = patronSummarySchema
  .extend({
    address: addressSchema.extend({ building: z.string() }),
    phone: z.string(),
    email: z.string().nullable(),
    workplaceOrSchool: z.object({ name: z.string(), municipality: z.string().nullable() }).nullable(),
    registeredVia: z.enum(["counter", "online", "postal", "kit"]),
    registeredOn: z.string(),
    lastUsedOn: z.string(),
    blockedReason: z.string().nullable(),
    guardian: patronSummarySchema.nullable(),
    children: z.array(patronSummarySchema),
    householdId: z.string(),
    preferences: z.record(z.string(), z.unknown()),
    notes: z.string(),
    webPasswordSet: z.boolean(),
    elibraryRegistered: z.boolean(),
    registration: z.object({
      renewalOpensOn: z.string(),
      renewableNow: z.boolean(),
      renewalMonthNear: z.boolean(),
      mustRenewBecauseUnused: z.boolean(),
      purgeOn: z.string().nullable(),
    }),
    cards: z.array(
      z.object({
        number: z.string(),
        kind: z.enum(["card", "temporary"]),
        physical: z.boolean(),
        status: z.enum(["active", "lost", "replaced", "retired"]),
        issuedOn: z.string(),
        lostOn: z.string().nullable(),
        reissueAllowedFrom: z.string().nullable(),
      }),
    ),
    credentials: z.array(
      z.object({
        id: z.string(),
        kind: z.enum(["felica", "mynumber", "line"]),
        value: z.string().nullable(),
        details: z.record(z.string(), z.unknown()),
        linkedAt: z.string(),
        unlinkedAt: z.string().nullable(),
        unlinkReason: z.string().nullable(),
      }),
    ),
    standing: z.object({
      borrow: z.array(refusalSchema),
      reserve: z.array(refusalSchema),
      web: z.array(refusalSchema),
    }),
  })
  .openapi("Patron");
