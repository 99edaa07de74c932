import { z } from "zod";
import { calendarRulesSchema, openingHoursSchema } from "./calendar/calendar-rules.ts";
import { policySchema } from "./policy/policy-schema.ts";
import { credentialKindSchema, localisedTextSchema, servicePointTypeSchema } from "./vocabulary.ts";

export const codeSchema = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "lower-case letters, digits and hyphens");

export const bookDropSchema = z.object({
  code: codeSchema,
  name: localisedTextSchema,
  calendar: calendarRulesSchema,
});

export const servicePointSchema = z.object({
  code: codeSchema,
  name: localisedTextSchema,
  type: servicePointTypeSchema,
  /** Credentials this service point takes at its counter (the My Number card is not taken everywhere). */
  acceptedCredentials: z.array(credentialKindSchema),
  calendar: calendarRulesSchema,
  bookDrops: z.array(bookDropSchema),
  /** For partner facilities: the district and municipality of the partner list (document 004). */
  district: z.string().nullable(),
  municipality: z.string().nullable(),
  /** The code of the service point whose building hosts this one (a branch office in a community centre). */
  hostServicePoint: codeSchema.nullable(),
  /** Opening hours on open days, where the services that book time (internet terminals) need them. */
  openingHours: openingHoursSchema.optional(),
  /** Internet terminals patrons may book (001: 2 at the central library, 1 at the west library). */
  internetTerminals: z.number().int().min(0).optional(),
  /** A participant in the NDL digital transmission service (001: the central library). */
  ndlDigitalService: z.boolean().optional(),
});

/** A library system as shipped: its identity, its first policy and its service points. */
export const librarySystemPresetSchema = z.object({
  slug: codeSchema,
  name: localisedTextSchema,
  /** The seed document the preset is drawn from. */
  source: z.string(),
  policy: policySchema,
  servicePoints: z.array(servicePointSchema).min(1),
});

export type BookDrop = z.infer<typeof bookDropSchema>;
export type ServicePoint = z.infer<typeof servicePointSchema>;
export type LibrarySystemPreset = z.infer<typeof librarySystemPresetSchema>;
