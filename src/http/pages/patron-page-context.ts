import type { Context } from "hono";
import { AppError } from "../../domain/errors.ts";
import { getPatron } from "../../services/patrons/get-patron.ts";
import type { PatronView } from "../../services/patrons/patron-view.ts";
import { staffActor } from "../client-address.ts";
import type { AppEnv } from "../context.ts";
import { isPatronId } from "./patron-form-data.ts";

/** The patron named by the page's `:id`, or PATRON_NOT_FOUND for anything that is not a patron id. */
export function patronIdParam(c: Context<AppEnv>): string {
  const id = c.req.param("id") ?? "";
  if (!isPatronId(id)) throw new AppError("PATRON_NOT_FOUND", { id });
  return id.toLowerCase();
}

/** The patron of the page, read as the signed-in staff member for `purpose` (the read is audited). */
export function loadPatron(c: Context<AppEnv>, purpose: string): Promise<PatronView> {
  const deps = c.get("deps");
  return getPatron({
    db: deps.database.db,
    librarySystemId: c.get("system").id,
    actor: staffActor(c),
    patronId: patronIdParam(c),
    purpose,
    now: deps.clock.now(),
  });
}
