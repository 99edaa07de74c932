import { apiRouter } from "./openapi-app.ts";

export const meListsApi = apiRouter();
