import { createRoute, z } from "@hono/zod-openapi";
import { AppError } from "../../domain/errors.ts";
import { findJobDefinition } from "../../jobs/registry.ts";
import { apiRouter, errorResponses } from "./openapi-app.ts";

/** Mounted only with SHIORI_TEST_CLOCK=1: set the clock, run a scheduled job at once. */
export const testHooksApi = apiRouter()
  .openapi(
    createRoute({
      method: "put",
      path: "/_test/clock",
      tags: ["test"],
      summary: "Set the server clock (test mode only)",
      request: {
        body: {
          required: true,
          content: { "application/json": { schema: z.object({ now: z.iso.datetime({ offset: true }) }) } },
        },
      },
      responses: {
        200: {
          description: "Clock set",
          content: { "application/json": { schema: z.object({ now: z.string() }) } },
        },
        ...errorResponses(422),
      },
    }),
    (c) => {
      const clock = c.get("deps").clock;
      clock.set?.(new Date(c.req.valid("json").now));
      return c.json({ now: clock.now().toISOString() }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/_test/jobs/{name}",
      tags: ["test"],
      summary: "Run a scheduled job now (test mode only)",
      request: {
        params: z.object({ name: z.string() }),
        body: {
          required: false,
          content: { "application/json": { schema: z.record(z.string(), z.unknown()) } },
        },
      },
      responses: {
        200: {
          description: "The job's result",
          content: { "application/json": { schema: z.object({ job: z.string(), result: z.unknown() }) } },
        },
        ...errorResponses(404),
      },
    }),
    async (c) => {
      const { name } = c.req.valid("param");
      const job = findJobDefinition(name);
      if (!job) throw new AppError("JOB_NOT_FOUND", { job: name });
      const deps = c.get("deps");
      const payload = c.req.header("content-type")?.includes("json")
        ? await c.req.json().catch(() => ({}))
        : {};
      const result = await job.handler(
        {
          db: deps.database.db,
          now: deps.clock.now(),
          clock: deps.clock,
          mailTransport: deps.mailTransport,
          mailFrom: deps.config.mailFrom,
          publicUrl: deps.config.publicUrl,
          integrations: deps.integrations,
          logger: c.get("logger"),
        },
        payload,
      );
      return c.json({ job: name, result }, 200);
    },
  );
