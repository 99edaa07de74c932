import { findLinkedCredential, type PatronCredentialRow } from "../../db/queries/patron-credentials.ts";
import type { PatronRow } from "../../db/queries/patrons.ts";
import type { TenantTx } from "../../db/tenant.ts";
import { AppError } from "../../domain/errors.ts";
import { nameKey } from "../../domain/patrons/patron-names.ts";
import type { Policy } from "../../domain/policy/policy-schema.ts";
import type { LineLogin } from "../../integrations/line-login.ts";
import { type CredentialContext, linkCredential } from "./link-credential.ts";
import type { PatronView } from "./patron-view.ts";

/**
 * Links a LINE account proved by LINE Login at the counter. The patron links it themselves from the LINE chat
 * (services/line-chat/line-account-link.ts); both go through `refuseLineLink`.
 */
export async function linkLineAccount(
  context: CredentialContext & { lineLogin: LineLogin; idToken: string },
): Promise<PatronView> {
  return linkCredential(context, "line", async ({ tx, policy, patron, current }) => {
    refuseBeforeLineProfile(policy, patron);
    const profile = await context.lineLogin.verifyIdToken(context.idToken);
    if (!profile) throw new AppError("LINE_TOKEN_INVALID");
    await refuseLineLink(tx, patron, current, profile);
    return { value: profile.userId, details: {}, audit: {} };
  });
}

/** 001 LINE連携: offered by the policy, and only once the patron has set a web password (ポータルのパスワード設定後). */
export function refuseBeforeLineProfile(policy: Policy, patron: Pick<PatronRow, "webPasswordHash">): void {
  if (!policy.registration.lineLink) throw new AppError("LINE_NOT_OFFERED");
  if (patron.webPasswordHash === null) throw new AppError("WEB_PASSWORD_REQUIRED");
}

/**
 * 001: only when the LINE name matches the registered name (in kanji or in the reading, spaces and width
 * aside; 名義が一致するご本人のみ); one account per patron, and an account linked to one patron only.
 */
export async function refuseLineLink(
  tx: TenantTx,
  patron: PatronRow,
  current: PatronCredentialRow[],
  profile: { userId: string; displayName: string },
): Promise<void> {
  const names = [
    nameKey(patron.familyName, patron.givenName),
    nameKey(patron.familyNameKana, patron.givenNameKana),
  ];
  if (!names.includes(nameKey(profile.displayName))) throw new AppError("LINE_NAME_MISMATCH");
  if (current.length > 0) throw new AppError("LINE_ALREADY_LINKED", { patron: "linked" });
  if (await findLinkedCredential(tx, "line", profile.userId)) {
    throw new AppError("LINE_ALREADY_LINKED", { account: "linkedToAnotherPatron" });
  }
}
