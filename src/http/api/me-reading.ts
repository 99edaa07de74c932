import { apiRouter } from "./openapi-app.ts";

export const meReadingApi = apiRouter();
