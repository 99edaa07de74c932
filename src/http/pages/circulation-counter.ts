import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import type { StaffRole } from "../../domain/vocabulary.ts";
import {
  listServicePoints,
  type ServicePointView,
} from "../../services/service-points/list-service-points.ts";
import { requireRole } from "../../services/staff/authenticate-staff.ts";
import type { AppEnv } from "../context.ts";
import { isHttps } from "./csrf.ts";
import { staffFromCookie } from "./staff-session.ts";

/**
 * Signed-in staff with `role`. A page request without a session is sent to sign in; an htmx request is told
 * to load the sign-in page itself (HX-Redirect), else fetch would follow the redirect and swap the sign-in
 * page into the list of loans.
 */
export function staffWithRole(role: StaffRole) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const staff = await staffFromCookie(c);
    if (!staff) {
      const signIn = `/${c.get("system").slug}/staff/sign-in`;
      if (c.req.header("HX-Request") === "true") return c.body(null, 401, { "HX-Redirect": signIn });
      return c.redirect(signIn, 303);
    }
    requireRole(staff, role);
    c.set("staff", staff);
    await next();
  });
}

/** Signed-in staff with the counter role: every desk page. */
export const counterStaff = staffWithRole("counter");

/** Signed-in administrators: the pages that change what the public site says. */
export const administratorStaff = staffWithRole("administrator");

// The service point a counter works at is a property of the desk, not of the staff member: a cookie on
// the browser of that desk keeps it between sessions and sign-ins.
const cookieName = "shiori_counter_point";

export type CounterUse = "checkout" | "returns";

/** Where items may be lent (the point identifies patrons) or taken back (any point but a partner's). */
function servesFor(use: CounterUse) {
  return (p: ServicePointView) =>
    p.type !== "partner" && (use === "returns" || p.acceptedCredentials.length > 0);
}

export type CounterPoints = { points: ServicePointView[]; current: ServicePointView };

/** The points this page can work at, and the one the desk chose (else the main library). */
export async function counterPoints(c: Context<AppEnv>, use: CounterUse): Promise<CounterPoints> {
  const all = await listServicePoints(c.get("deps").database.db, c.get("system").id);
  const points = all.filter(servesFor(use));
  const remembered = getCookie(c, cookieName);
  const current =
    points.find((p) => p.code === remembered) ?? points.find((p) => p.type === "main") ?? points[0]!;
  return { points, current };
}

/**
 * The point a form works at: the one it names when this page may work there, else the desk's own. The
 * forms carry it, so that a desk switched in another tab does not change what this page is doing.
 */
export function pointOf(counter: CounterPoints, requested: string): string {
  return counter.points.some((p) => p.code === requested) ? requested : counter.current.code;
}

/** Remembers the desk's choice when it is a point of this system; says whether it was. */
export async function rememberCounterPoint(c: Context<AppEnv>, code: string): Promise<boolean> {
  const all = await listServicePoints(c.get("deps").database.db, c.get("system").id);
  if (!all.some((p) => p.code === code && servesFor("returns")(p))) return false;
  setCookie(c, cookieName, code, {
    path: `/${c.get("system").slug}/staff`,
    httpOnly: true,
    sameSite: "Lax",
    secure: isHttps(c),
    maxAge: 365 * 24 * 3600,
  });
  return true;
}
