import type { Db } from "../../db/client.ts";
import { revokeAllPatronSessions, revokePatronSession } from "../../db/queries/patron-sessions.ts";
import { withTenant } from "../../db/tenant.ts";
import type { PatronPrincipal } from "./authenticate-patron.ts";

/** Ends the session the patron is using; their other devices stay signed in. */
export async function signOutPatron(db: Db, principal: PatronPrincipal, now: Date): Promise<void> {
  await withTenant(db, principal.librarySystemId, (tx) => revokePatronSession(tx, principal.sessionId, now));
}

/** Ends every session of the patron, this one included (a lost phone, a shared computer). */
export async function signOutPatronEverywhere(db: Db, principal: PatronPrincipal, now: Date): Promise<void> {
  await withTenant(db, principal.librarySystemId, (tx) =>
    revokeAllPatronSessions(tx, principal.patronId, now),
  );
}
