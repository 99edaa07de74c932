import { findLinkedCredential } from "../../db/queries/patron-credentials.ts";
import { AppError } from "../../domain/errors.ts";
import { nameKey } from "../../domain/patrons/patron-names.ts";
import type { LineLogin } from "../../integrations/line-login.ts";
import { type CredentialContext, linkCredential } from "./link-credential.ts";
import type { PatronView } from "./patron-view.ts";

/**
 * 001 LINE連携: allowed once the patron has set a web password (ポータルのパスワード設定後), and only when the
 * LINE name matches the registered name (in kanji or in the reading, spaces and width aside). One account per
 * patron; the link never sends notifications.
 */
export async function linkLineAccount(
  context: CredentialContext & { lineLogin: LineLogin; idToken: string },
): Promise<PatronView> {
  return linkCredential(context, "line", async ({ tx, policy, patron, current }) => {
    if (!policy.registration.lineLink) throw new AppError("LINE_NOT_OFFERED");
    if (patron.webPasswordHash === null) throw new AppError("WEB_PASSWORD_REQUIRED");
    const profile = await context.lineLogin.verifyIdToken(context.idToken);
    if (!profile) throw new AppError("LINE_TOKEN_INVALID");
    const names = [
      nameKey(patron.familyName, patron.givenName),
      nameKey(patron.familyNameKana, patron.givenNameKana),
    ];
    if (!names.includes(nameKey(profile.displayName))) throw new AppError("LINE_NAME_MISMATCH");
    if (current.length > 0) throw new AppError("LINE_ALREADY_LINKED", { patron: "linked" });
    if (await findLinkedCredential(tx, "line", profile.userId)) {
      throw new AppError("LINE_ALREADY_LINKED", { account: "linkedToAnotherPatron" });
    }
    return { value: profile.userId, details: {}, audit: {} };
  });
}
