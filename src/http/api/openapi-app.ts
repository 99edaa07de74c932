import { OpenAPIHono, z } from "@hono/zod-openapi";
import { isIsoDate } from "../../domain/calendar/dates.ts";
import type { AppEnv } from "../context.ts";
import { errorBody } from "../errors.ts";
import { describeFieldIssue } from "../field-messages.ts";

/** Every API router: request validation failures answer 422 VALIDATION_FAILED with the failing paths. */
export function apiRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        const issues = result.error.issues.map((i) => describeFieldIssue(i, c.get("lang")));
        return c.json(errorBody("VALIDATION_FAILED", c.get("lang"), { issues }), 422);
      }
    },
  });
}

export const errorSchema = z
  .object({
    error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()) }),
  })
  .openapi("Error");

export function errorResponses(...statuses: number[]) {
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      { description: "Error", content: { "application/json": { schema: errorSchema } } },
    ]),
  );
}

export const systemParam = z.object({
  system: z.string().openapi({ param: { name: "system", in: "path" }, example: "takarazuka" }),
});

export const bearerSecurity = [{ bearerAuth: [] }];

/** A required free-text field: trimmed, not empty, at most `max` characters. */
export const requiredText = (max: number) => z.string().trim().min(1).max(max);

/** A date field (YYYY-MM-DD) in a request; its error is worded by src/http/field-messages.ts. */
export const isoDateSchema = z.string().refine(isIsoDate, { message: "DATE_FORMAT" });

/** A JSON request or response body of this schema. */
export function jsonContent<T extends z.ZodTypeAny>(schema: T) {
  return { "application/json": { schema } };
}
