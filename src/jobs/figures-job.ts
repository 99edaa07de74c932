import { refreshFigures } from "../services/figures/figures.ts";
import type { JobDefinition } from "./job-definition.ts";

/** Early every morning: yesterday's circulation is folded into the monthly figures. */
export const refreshFiguresJob: JobDefinition = {
  name: "refreshFigures",
  schedule: "0 5 * * *",
  handler: (ctx) => refreshFigures(ctx.db, ctx.now),
};
