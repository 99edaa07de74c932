import { apiRouter } from "./openapi-app.ts";

export const meAccountApi = apiRouter();
