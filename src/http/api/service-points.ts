import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { isoDateSchema } from "../../domain/calendar/calendar-rules.ts";
import { type CalendarTarget, getCalendar } from "../../services/service-points/get-calendar.ts";
import { listServicePoints } from "../../services/service-points/list-service-points.ts";
import type { AppEnv } from "../context.ts";
import { librarySystem } from "../middleware/library-system.ts";
import { apiRouter, errorResponses, systemParam } from "./openapi-app.ts";

const localised = z.object({ ja: z.string(), en: z.string() });

const servicePointSchema = z
  .object({
    id: z.string(),
    code: z.string(),
    type: z.string(),
    name: localised,
    acceptedCredentials: z.array(z.string()),
    district: z.string().nullable(),
    municipality: z.string().nullable(),
    hostServicePoint: z.string().nullable(),
    bookDrops: z.array(z.object({ code: z.string(), name: localised })),
  })
  .openapi("ServicePoint");

const calendarSchema = z
  .object({
    code: z.string(),
    days: z.array(
      z.object({
        date: z.string(),
        open: z.boolean(),
        reason: z.string().nullable(),
        note: localised.nullable(),
      }),
    ),
  })
  .openapi("Calendar");

const rangeQuery = z.object({ from: isoDateSchema, to: isoDateSchema });

const calendarResponses = {
  200: { description: "Days", content: { "application/json": { schema: calendarSchema } } },
  ...errorResponses(400, 404, 422),
};

/** Both calendars (service point, book drop) answer the same way; only the target differs. */
function readCalendar(c: Context<AppEnv>, target: CalendarTarget, range: { from: string; to: string }) {
  return getCalendar({
    db: c.get("deps").database.db,
    librarySystemId: c.get("system").id,
    target,
    ...range,
  });
}

export const servicePointsApi = apiRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/{system}/service-points",
      tags: ["service points"],
      summary: "Service points with their types, accepted credentials and book drops",
      middleware: [librarySystem] as const,
      request: { params: systemParam },
      responses: {
        200: {
          description: "Service points",
          content: {
            "application/json": { schema: z.object({ servicePoints: z.array(servicePointSchema) }) },
          },
        },
        ...errorResponses(404),
      },
    }),
    async (c) => {
      const points = await listServicePoints(c.get("deps").database.db, c.get("system").id);
      return c.json(
        {
          servicePoints: points.map(({ calendar: _calendar, bookDrops, ...p }) => ({
            ...p,
            bookDrops: bookDrops.map((d) => ({ code: d.code, name: d.name })),
          })),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{system}/service-points/{id}/calendar",
      tags: ["service points"],
      summary: "Opening days of a service point (by id or code), at most 366 days",
      middleware: [librarySystem] as const,
      request: { params: systemParam.extend({ id: z.string() }), query: rangeQuery },
      responses: calendarResponses,
    }),
    async (c) =>
      c.json(await readCalendar(c, { servicePoint: c.req.valid("param").id }, c.req.valid("query")), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{system}/book-drops/{code}/calendar",
      tags: ["service points"],
      summary: "Days a book drop takes returns",
      middleware: [librarySystem] as const,
      request: { params: systemParam.extend({ code: z.string() }), query: rangeQuery },
      responses: calendarResponses,
    }),
    async (c) =>
      c.json(await readCalendar(c, { bookDrop: c.req.valid("param").code }, c.req.valid("query")), 200),
  );
