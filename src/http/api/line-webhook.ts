import { apiRouter } from "./openapi-app.ts";

export const lineWebhookApi = apiRouter();
