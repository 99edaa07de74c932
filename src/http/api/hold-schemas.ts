import { z } from "@hono/zod-openapi";

const localised = z.object({ ja: z.string(), en: z.string() });

export const holdViewSchema = z
  .object({
    id: z.number().int(),
    recordId: z.number().int(),
    title: z.string(),
    status: z.enum(["pending", "inTransit", "ready", "fulfilled", "cancelled", "expired"]),
    position: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "Place in the title's queue while pending" }),
    channel: z.enum(["counter", "phone", "web", "line"]),
    contact: z.enum(["email", "phone", "none"]),
    pickupPoint: z.object({ code: z.string(), name: localised }).nullable(),
    delivery: z.enum(["postal"]).nullable(),
    itemBarcode: z.string().nullable(),
    readyOn: z.string().nullable(),
    notifiedOn: z.string().nullable(),
    pickupDeadline: z.string().nullable(),
    call: z.object({ at: z.string(), outcome: z.string() }).nullable(),
    createdAt: z.string(),
    cancelledAt: z.string().nullable(),
    cancelledBy: z.string().nullable(),
  })
  .openapi("Hold");

/** What a patron or staff member sends to reserve a title. */
export const holdRequestFields = {
  recordId: z.number().int().positive(),
  pickupPoint: z.string().trim().min(1).max(64).openapi({ description: "Pickup service point code or id" }),
  contact: z.enum(["email", "phone", "none"]),
  itemBarcode: z.string().trim().min(1).max(32).nullable().optional(),
  delivery: z.enum(["postal"]).nullable().optional(),
};

export const holdIdParam = z.object({ system: z.string(), id: z.coerce.number().int().positive() });
