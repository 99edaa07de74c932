import type { Db } from "../../db/client.ts";
import type { findLiveSessionByTokenHash } from "../../db/queries/staff.ts";

/**
 * Staff sessions seen in the last few seconds, per database, so that a counter scanning a barcode every second
 * does not look its token up on every scan. A session signed out here is forgotten at once; one signed out by
 * another process of the same installation is refused there at once and here within `keepMs` (ADR 0016).
 * Expiry is still checked against the request's clock on every use.
 */
const keepMs = 10_000;
const most = 10_000;

export type LiveSession = NonNullable<Awaited<ReturnType<typeof findLiveSessionByTokenHash>>>;

const kept = new WeakMap<Db, Map<string, { session: LiveSession; until: number }>>();

function sessionsOf(db: Db) {
  let sessions = kept.get(db);
  if (!sessions) {
    sessions = new Map();
    kept.set(db, sessions);
  }
  return sessions;
}

export function recentSession(db: Db, tokenHash: string, now: Date): LiveSession | undefined {
  const sessions = sessionsOf(db);
  const entry = sessions.get(tokenHash);
  if (!entry) return undefined;
  if (entry.until <= Date.now() || entry.session.expiresAt <= now) {
    sessions.delete(tokenHash);
    return undefined;
  }
  return entry.session;
}

export function keepSession(db: Db, tokenHash: string, session: LiveSession): void {
  const sessions = sessionsOf(db);
  // A burst of distinct tokens (a script signing in again and again) cannot grow the map without bound.
  if (sessions.size >= most) sessions.clear();
  sessions.set(tokenHash, { session, until: Date.now() + keepMs });
}

export function forgetSession(db: Db, sessionId: string): void {
  const sessions = sessionsOf(db);
  for (const [hash, entry] of sessions) {
    if (entry.session.sessionId === sessionId) sessions.delete(hash);
  }
}
