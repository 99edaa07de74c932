import { randomUUID } from "node:crypto";
import { createMiddleware } from "hono/factory";
import type { AppDeps, AppEnv } from "../context.ts";
import { languageFromHeader } from "../errors.ts";

/** Gives each request its dependencies, an id (echoed as X-Request-Id), a logger and a language. */
export function requestContext(deps: AppDeps) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const incoming = c.req.header("x-request-id");
    const requestId = incoming && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    const logger = deps.logger.child({ requestId });
    c.set("deps", deps);
    c.set("requestId", requestId);
    c.set("logger", logger);
    c.set("lang", languageFromHeader(c.req.header("accept-language")));
    const started = performance.now();
    await next();
    c.header("X-Request-Id", requestId);
    logger.info(
      {
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      "request",
    );
  });
}
