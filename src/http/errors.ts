import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { isAppError } from "../domain/errors.ts";
import type { AppEnv, Lang } from "./context.ts";
import { describeError } from "./error-messages.ts";
import { describeFieldIssue } from "./field-messages.ts";

export type ErrorBody = { error: { code: string; message: string; details: Record<string, unknown> } };

export function errorBody(code: string, lang: Lang, details: Record<string, unknown> = {}): ErrorBody {
  const d = describeError(code);
  return { error: { code, message: lang === "en" ? d.en : d.ja, details } };
}

/** Turns any thrown error into the JSON error body; unexpected ones are logged, never shown. */
export function handleApiError(err: Error, c: Context<AppEnv>): Response {
  const lang = c.get("lang") ?? "ja";
  if (isAppError(err)) {
    const { status } = describeError(err.code);
    if (status === 429) c.header("Retry-After", String(15 * 60));
    return c.json(
      errorBody(err.code, lang, translateIssues(err.details, lang)),
      status as ContentfulStatusCode,
    );
  }
  if (err instanceof HTTPException && err.status < 500) {
    return c.json(errorBody(err.status === 404 ? "NOT_FOUND" : "BAD_REQUEST", lang), err.status);
  }
  (c.get("logger") ?? console).error({ err, requestId: c.get("requestId") }, "unexpected error");
  return c.json(errorBody("INTERNAL", lang, { requestId: c.get("requestId") }), 500);
}

/** Language of API messages: English when the client prefers it, Japanese otherwise. */
export function languageFromHeader(acceptLanguage: string | undefined): Lang {
  return acceptLanguage?.trim().toLowerCase().startsWith("en") ? "en" : "ja";
}

/** Field issues raised by services (a municipality that does not exist) are worded like the schema's. */
function translateIssues(details: Record<string, unknown>, lang: Lang): Record<string, unknown> {
  const { issues } = details;
  if (!Array.isArray(issues)) return details;
  return { ...details, issues: issues.map((issue) => describeFieldIssue(issue, lang)) };
}
