import { apiRouter } from "./openapi-app.ts";

export const meArrivalAlertsApi = apiRouter();
