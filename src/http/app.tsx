import { OpenAPIHono } from "@hono/zod-openapi";
import { sql } from "drizzle-orm";
import { secureHeaders } from "hono/secure-headers";
import { applicationsApi } from "./api/applications.ts";
import { patronAuthApi } from "./api/auth-patron.ts";
import { staffAuthApi } from "./api/auth-staff.ts";
import { catalogueApi } from "./api/catalogue.ts";
import { circulationApi } from "./api/circulation.ts";
import { feesApi } from "./api/fees.ts";
import { figuresApi } from "./api/figures.ts";
import { holdRequestsApi } from "./api/hold-requests.ts";
import { holdsApi } from "./api/holds.ts";
import { illBorrowingsApi } from "./api/ill-borrowings.ts";
import { itemsApi } from "./api/items.ts";
import { lineWebhookApi } from "./api/line-webhook.ts";
import { meAccountApi } from "./api/me-account.ts";
import { meArrivalAlertsApi } from "./api/me-arrival-alerts.ts";
import { meHoldsApi } from "./api/me-holds.ts";
import { meLinksApi } from "./api/me-links.ts";
import { meListsApi } from "./api/me-lists.ts";
import { meReadingApi } from "./api/me-reading.ts";
import { ndlServiceApi } from "./api/ndl-service.ts";
import { apiRouter } from "./api/openapi-app.ts";
import { outboxApi } from "./api/outbox.ts";
import { patronCardsApi } from "./api/patron-cards.ts";
import { patronsApi } from "./api/patrons.ts";
import { policyApi } from "./api/policy.ts";
import { postalCodesApi } from "./api/postal-codes.ts";
import { postalRegistrationsApi } from "./api/postal-registrations.ts";
import { referenceQuestionsApi } from "./api/reference-questions.ts";
import { registrationKitsApi } from "./api/registration-kits.ts";
import { servicePointsApi } from "./api/service-points.ts";
import { siteContentApi } from "./api/site-content.ts";
import { systemsApi } from "./api/systems.ts";
import { terminalBookingsApi } from "./api/terminal-bookings.ts";
import { testHooksApi } from "./api/test-hooks.ts";
import type { AppDeps, AppEnv } from "./context.ts";
import { errorBody, handleApiError } from "./errors.ts";
import { requestContext } from "./middleware/request-context.ts";
import { ApiDocs } from "./pages/api-docs.tsx";
import { pages, renderErrorPage } from "./pages/routes.tsx";

export function createApp(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  app.use("*", requestContext(deps));
  app.use(
    "*",
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    }),
  );

  app.onError((err, c) =>
    c.req.path.startsWith("/api/") ? handleApiError(err, c) : renderErrorPage(err, c),
  );
  app.notFound((c) =>
    c.req.path.startsWith("/api/")
      ? c.json(errorBody("NOT_FOUND", c.get("lang")), 404)
      : renderErrorPage(null, c),
  );

  app.get("/healthz", async (c) => {
    await deps.database.db.execute(sql`SELECT 1`);
    return c.json({ status: "ok" });
  });

  const api = apiRouter();
  // The test hooks exist only in test mode; elsewhere their paths are 404.
  if (deps.config.testClock) api.route("/", testHooksApi);
  api.route("/", systemsApi);
  api.route("/", staffAuthApi);
  api.route("/", patronAuthApi);
  api.route("/", policyApi);
  api.route("/", servicePointsApi);
  api.route("/", outboxApi);
  api.route("/", catalogueApi);
  api.route("/", itemsApi);
  api.route("/", patronsApi);
  api.route("/", patronCardsApi);
  api.route("/", circulationApi);
  api.route("/", illBorrowingsApi);
  api.route("/", holdsApi);
  api.route("/", meHoldsApi);
  api.route("/", meAccountApi);
  api.route("/", meListsApi);
  api.route("/", meReadingApi);
  api.route("/", meArrivalAlertsApi);
  api.route("/", meLinksApi);
  api.route("/", lineWebhookApi);
  api.route("/", holdRequestsApi);
  api.route("/", feesApi);
  api.route("/", referenceQuestionsApi);
  api.route("/", terminalBookingsApi);
  api.route("/", ndlServiceApi);
  api.route("/", siteContentApi);
  api.route("/", figuresApi);
  api.route("/", applicationsApi);
  api.route("/", postalRegistrationsApi);
  api.route("/", postalCodesApi);
  api.route("/", registrationKitsApi);
  app.route("/api/v1", api);

  app.openAPIRegistry.registerComponent("securitySchemes", "bearerAuth", { type: "http", scheme: "bearer" });
  const openApiConfig = {
    openapi: "3.1.0",
    info: {
      title: "Shiori API",
      version: "1",
      description: "栞 — 図書館システム API / the Shiori integrated library system API",
    },
  };
  app.doc31("/api/openapi.json", openApiConfig);
  app.get("/api/docs", (c) =>
    c.html(
      <ApiDocs
        document={app.getOpenAPI31Document(openApiConfig) as Parameters<typeof ApiDocs>[0]["document"]}
      />,
    ),
  );

  // Anything else under /api is a JSON 404, never a page.
  app.all("/api/*", (c) => c.json(errorBody("NOT_FOUND", c.get("lang")), 404));
  app.route("/", pages());
  return app;
}
