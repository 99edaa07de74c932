import { findLinkedCredential } from "../../db/queries/patron-credentials.ts";
import { AppError } from "../../domain/errors.ts";
import { refuseProxy } from "../../domain/patrons/proxies.ts";
import type { MyNumberCardReading, MyNumberPlatform } from "../../integrations/my-number-platform.ts";
import { throwRefusals } from "./field-checks.ts";
import { type CredentialContext, linkCredential } from "./link-credential.ts";
import type { ProxyInput } from "./patron-input.ts";
import type { PatronView } from "./patron-view.ts";

/**
 * 000 マイナンバーカード連携: in person only (手続きできるのは本人のみです), with both PINs entered on the card
 * reader; the platform gives a user identifier for this library system (never the individual number), and the
 * card-face application gives name, address and birth date; cards without a user certificate (顔認証マイナンバー
 * カード included) are refused; the patron accepts the My Key platform's terms. One link per patron.
 */
export async function linkMyNumberCard(
  context: CredentialContext &
    ProxyInput & {
      librarySystemSlug: string;
      platform: MyNumberPlatform;
      reading: MyNumberCardReading;
      termsAccepted: boolean;
    },
): Promise<PatronView> {
  return linkCredential(context, "mynumber", async ({ tx, policy, patron, current }) => {
    if (!policy.registration.myNumber.linkOffered) throw new AppError("MY_NUMBER_NOT_OFFERED");
    if (context.proxy)
      throwRefusals(
        [refuseProxy(policy.registration.proxies, "linkMyNumber", context.proxy)].filter((r) => r !== null),
      );
    if (!context.termsAccepted) throw new AppError("MY_NUMBER_TERMS_NOT_ACCEPTED");
    if (current.length > 0) throw new AppError("MY_NUMBER_ALREADY_LINKED", { patron: "linked" });
    if (context.reading.cardFace.birthDate !== patron.birthDate) {
      throw new AppError("MY_NUMBER_DETAILS_MISMATCH", { field: "birthDate" });
    }
    const identified = await context.platform.identify(context.librarySystemSlug, context.reading);
    if (!identified.ok) {
      if (identified.reason === "noUserCertificate") throw new AppError("NO_USER_CERTIFICATE");
      if (identified.reason === "certificateRevoked") throw new AppError("MY_NUMBER_CERTIFICATE_REVOKED");
      throw new AppError("INTEGRATION_UNAVAILABLE", { service: "myKeyPlatform" });
    }
    if (await findLinkedCredential(tx, "mynumber", identified.userIdentifier)) {
      throw new AppError("MY_NUMBER_ALREADY_LINKED", { card: "linkedToAnotherPatron" });
    }
    const details = {
      termsAcceptedAt: context.now.toISOString(),
      hasSignatureCertificate: identified.hasSignatureCertificate,
    };
    // Only that a link was made is audited: the identifier and the card face stay out of the log.
    return { value: identified.userIdentifier, details, audit: details };
  });
}
