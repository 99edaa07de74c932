import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";
import type { StaffActor } from "../services/staff-actor.ts";
import type { AppEnv } from "./context.ts";

/**
 * The address a request came from, for the audit log: the first X-Forwarded-For hop behind a proxy, else
 * the socket's peer; null for in-process requests (tests).
 */
export function clientAddress(c: Context<AppEnv>): string | null {
  const forwarded = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
  if (forwarded) return forwarded;
  // An in-process request (app.request) has no socket: asked for its peer, getConnInfo would throw, and a
  // throw on every scan is measurable at the counter's pace.
  const bindings = c.env as { incoming?: unknown; server?: { incoming?: unknown } } | undefined;
  if (!bindings?.incoming && !bindings?.server?.incoming) return null;
  return getConnInfo(c).remote.address ?? null;
}

/** The signed-in staff member and where they are working from. */
export function staffActor(c: Context<AppEnv>): StaffActor {
  return { staffId: c.get("staff").staffId, address: clientAddress(c) };
}
