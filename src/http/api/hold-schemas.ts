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
    requestedItemBarcode: z
      .string()
      .nullable()
      .openapi({ description: "The copy an item-level reservation waits for; null for any copy" }),
    itemBarcode: z.string().nullable().openapi({ description: "The copy trapped for the reservation" }),
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
  delivery: z.enum(["postal"]).nullable().optional().openapi({
    description:
      "postal: posted to the patron where the policy offers postal loans, through its channels (001: phone or web); the reservation waits at the policy's posting service point whatever pickupPoint names",
  }),
};

export const holdIdParam = z.object({ system: z.string(), id: z.coerce.number().int().positive() });

const shelfRowSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  itemBarcode: z.string().nullable(),
  callNumber: z.string().nullable(),
  patronId: z.string().nullable(),
  patronName: z.string().nullable(),
  cardNumber: z.string().nullable(),
  phone: z.string().nullable(),
  contact: z.enum(["email", "phone", "none"]),
  status: z.string(),
  readyOn: z.string().nullable(),
  notifiedOn: z.string().nullable(),
  pickupDeadline: z.string().nullable(),
  calledAt: z.string().nullable(),
  callOutcome: z.string().nullable(),
  pickupServicePointId: z.string().nullable(),
});

/** The staff's lists of one service point's reservations work. */
export const holdShelfListsSchema = z
  .object({
    servicePoint: z.object({ code: z.string(), name: localised }),
    shelf: z.array(shelfRowSchema).openapi({ description: "Ready reservations, soonest deadline first" }),
    toCall: z.array(shelfRowSchema).openapi({ description: "Phone contact not yet reached" }),
    toPull: z
      .array(
        z.object({
          holdId: z.number().int(),
          title: z.string(),
          barcode: z.string(),
          callNumber: z.string(),
          pickupServicePointId: z.string().nullable(),
          queuedSince: z.string(),
        }),
      )
      .openapi({ description: "Copies on this shelf that the head of a queue waits for: check them in" }),
    toClear: z
      .array(shelfRowSchema)
      .openapi({ description: "Reservations that ended today on this hold shelf" }),
    incoming: z
      .array(
        z.object({
          barcode: z.string(),
          title: z.string(),
          homeServicePointId: z.string(),
          toServicePointId: z.string(),
          since: z.string(),
          holdId: z.number().int().nullable(),
        }),
      )
      .openapi({ description: "Items in transit to this service point" }),
  })
  .openapi("HoldShelfLists");
