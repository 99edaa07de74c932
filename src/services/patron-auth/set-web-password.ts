import type { Db } from "../../db/client.ts";
import { revokeAllPatronSessions } from "../../db/queries/patron-sessions.ts";
import { lockPatron, updatePatron } from "../../db/queries/patrons.ts";
import { withTenant } from "../../db/tenant.ts";
import { AppError } from "../../domain/errors.ts";
import type { Policy } from "../../domain/policy/policy-schema.ts";
import { hashPassword } from "../staff/passwords.ts";

/** Longer inputs only cost hashing time; no one types a web password this long. */
const maxLength = 256;

/**
 * PASSWORD_TOO_WEAK unless the password meets the system's rule: at least `minLength` characters and, where
 * the policy asks for letters and digits (003: 英数文字8桁以上), ASCII letters and digits only, both present.
 */
export function refuseWhenPasswordTooWeak(rule: Policy["webServices"]["password"], password: string): void {
  const lettersAndDigits =
    /^[A-Za-z0-9]*$/.test(password) && /[A-Za-z]/.test(password) && /\d/.test(password);
  if (
    password.length < rule.minLength ||
    password.length > maxLength ||
    (rule.requireLettersAndDigits && !lettersAndDigits)
  ) {
    throw new AppError("PASSWORD_TOO_WEAK", {
      minLength: rule.minLength,
      requireLettersAndDigits: rule.requireLettersAndDigits,
    });
  }
}

/**
 * Sets the patron's web password (used by the demo seed and by tests until the patron's own password flows
 * exist). A new password ends every session signed in with the old one.
 */
export async function setWebPassword(
  db: Db,
  librarySystemId: number,
  patronId: string,
  password: string,
  policy: Policy,
  now: Date = new Date(),
): Promise<void> {
  refuseWhenPasswordTooWeak(policy.webServices.password, password);
  const webPasswordHash = await hashPassword(password);
  await withTenant(db, librarySystemId, async (tx) => {
    if (!(await lockPatron(tx, patronId))) throw new AppError("PATRON_NOT_FOUND", { id: patronId });
    await updatePatron(tx, patronId, { webPasswordHash, updatedAt: now });
    await revokeAllPatronSessions(tx, patronId, now);
  });
}
