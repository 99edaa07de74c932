import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { TerminalBookingRow } from "../../db/queries/terminal-bookings.ts";
import { clockOf } from "../../domain/terminals/terminal-slots.ts";
import {
  bookTerminal,
  cancelTerminalBooking,
  getTerminalDay,
  listMyTerminalBookings,
  type TerminalDay,
} from "../../services/terminals/terminal-bookings.ts";
import { staffActor } from "../client-address.ts";
import { type AppEnv, useCaseContext } from "../context.ts";
import { librarySystem } from "../middleware/library-system.ts";
import { patronBearer } from "../middleware/patron-auth.ts";
import { staffBearer } from "../middleware/staff-auth.ts";
import { apiRouter, bearerSecurity, errorResponses, jsonContent, systemParam } from "./openapi-app.ts";

const json = jsonContent;
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "expected HH:MM");
const idParam = systemParam.extend({ id: z.coerce.number().int().positive() });
const dayQuery = z.object({ servicePoint: z.string().trim().min(1).max(64), date: isoDate });
const bookingFields = {
  servicePoint: z.string().trim().min(1).max(64),
  date: isoDate,
  startsAt: clock,
  terminal: z.number().int().min(1).max(99).nullable().optional(),
};

export const terminalBookingSchema = z
  .object({
    id: z.number().int(),
    servicePoint: z.object({ code: z.string(), name: z.object({ ja: z.string(), en: z.string() }) }),
    terminal: z.number().int(),
    date: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
    channel: z.enum(["counter", "web"]),
  })
  .openapi("TerminalBooking");

const staffBookingSchema = terminalBookingSchema
  .extend({
    patronId: z.string().nullable(),
    patronName: z.string().nullable(),
    cardNumber: z.string().nullable(),
  })
  .openapi("TerminalBookingForStaff");

function bookingView(b: TerminalBookingRow) {
  return {
    id: b.id,
    servicePoint: { code: b.servicePointCode, name: b.servicePointName },
    terminal: b.terminal,
    date: b.day,
    startsAt: clockOf(b.startMinute),
    endsAt: clockOf(b.endMinute),
    channel: b.channel,
  };
}
const staffView = (b: TerminalBookingRow) => ({
  ...bookingView(b),
  patronId: b.patronId,
  patronName: b.patronName,
  cardNumber: b.cardNumber,
});

/** The day as anyone may see it: which terminals are free in each slot, never who booked them. */
function publicDay(day: TerminalDay) {
  return {
    servicePoint: day.servicePoint,
    date: day.date,
    terminals: day.terminals,
    slotMinutes: day.slotMinutes,
    slots: day.slots.map((s) => ({
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      past: s.past,
      free: s.terminals.flatMap((b, i) => (b === null ? [i + 1] : [])),
    })),
  };
}

const publicDaySchema = z
  .object({
    servicePoint: z.object({ code: z.string(), name: z.object({ ja: z.string(), en: z.string() }) }),
    date: z.string(),
    terminals: z.number().int(),
    slotMinutes: z.number().int(),
    slots: z.array(
      z.object({
        startsAt: z.string(),
        endsAt: z.string(),
        past: z.boolean(),
        free: z.array(z.number().int()),
      }),
    ),
  })
  .openapi("TerminalDay");

const staffContext = (c: Context<AppEnv>) => ({
  ...useCaseContext(c),
  actor: { kind: "staff" as const, staff: staffActor(c) },
});
const patronContext = (c: Context<AppEnv>) => ({
  ...useCaseContext(c),
  actor: { kind: "patron" as const },
  patronId: c.get("patron").patronId,
});

export const terminalBookingsApi = apiRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/{system}/terminals",
      tags: ["terminals"],
      summary: "A service point's internet-terminal slots of a day and which terminals are free",
      middleware: [librarySystem] as const,
      request: { params: systemParam, query: dayQuery },
      responses: {
        200: { description: "The day", content: json(publicDaySchema) },
        ...errorResponses(400, 404, 409, 422),
      },
    }),
    async (c) => {
      const { servicePoint, date } = c.req.valid("query");
      return c.json(publicDay(await getTerminalDay(useCaseContext(c), servicePoint, date)), 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{system}/terminal-bookings",
      tags: ["terminals"],
      summary: "The day's board of a service point's terminals, with who booked each slot (staff)",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("counter")] as const,
      request: { params: systemParam, query: dayQuery },
      responses: {
        200: { description: "Bookings", content: json(z.object({ bookings: z.array(staffBookingSchema) })) },
        ...errorResponses(400, 401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const { servicePoint, date } = c.req.valid("query");
      const day = await getTerminalDay(useCaseContext(c), servicePoint, date);
      const bookings = day.slots.flatMap((s) => s.terminals.filter((b) => b !== null));
      return c.json({ bookings: bookings.map(staffView) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{system}/terminal-bookings",
      tags: ["terminals"],
      summary: "Book a terminal for a patron at the counter",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("counter")] as const,
      request: {
        params: systemParam,
        body: { required: true, content: json(z.object({ patronId: z.string().uuid(), ...bookingFields })) },
      },
      responses: {
        201: { description: "Booked", content: json(staffBookingSchema) },
        ...errorResponses(400, 401, 403, 404, 409, 422),
      },
    }),
    async (c) => c.json(staffView(await bookTerminal(staffContext(c), c.req.valid("json"))), 201),
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/{system}/terminal-bookings/{id}",
      tags: ["terminals"],
      summary: "Cancel a terminal booking (staff)",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("counter")] as const,
      request: { params: idParam },
      responses: { 204: { description: "Cancelled" }, ...errorResponses(401, 403, 404, 409) },
    }),
    async (c) => {
      await cancelTerminalBooking(staffContext(c), c.req.valid("param").id);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{system}/me/terminal-bookings",
      tags: ["terminals"],
      summary: "The signed-in patron's terminal bookings that have not ended",
      security: bearerSecurity,
      middleware: [librarySystem, patronBearer()] as const,
      request: { params: systemParam },
      responses: {
        200: {
          description: "Bookings",
          content: json(z.object({ bookings: z.array(terminalBookingSchema) })),
        },
        ...errorResponses(401, 403),
      },
    }),
    async (c) => {
      const rows = await listMyTerminalBookings(useCaseContext(c), c.get("patron").patronId);
      return c.json({ bookings: rows.map(bookingView) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{system}/me/terminal-bookings",
      tags: ["terminals"],
      summary: "Book a terminal as the signed-in patron",
      security: bearerSecurity,
      middleware: [librarySystem, patronBearer()] as const,
      request: { params: systemParam, body: { required: true, content: json(z.object(bookingFields)) } },
      responses: {
        201: { description: "Booked", content: json(terminalBookingSchema) },
        ...errorResponses(400, 401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const ctx = patronContext(c);
      const row = await bookTerminal(ctx, { ...c.req.valid("json"), patronId: ctx.patronId });
      return c.json(bookingView(row), 201);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/{system}/me/terminal-bookings/{id}",
      tags: ["terminals"],
      summary: "Cancel one of the signed-in patron's terminal bookings",
      security: bearerSecurity,
      middleware: [librarySystem, patronBearer()] as const,
      request: { params: idParam },
      responses: { 204: { description: "Cancelled" }, ...errorResponses(401, 403, 404, 409) },
    }),
    async (c) => {
      await cancelTerminalBooking(patronContext(c), c.req.valid("param").id);
      return c.body(null, 204);
    },
  );
