/**
 * The national My Key platform (マイキープラットフォーム) as the library sees it. At the counter the card
 * reader asks the patron for both 4-digit PINs: the user certificate (利用者証明用電子証明書) proves the
 * card, and the platform answers with a user identifier issued for this library system; the card-face
 * input support application (券面事項入力補助) gives name, address and birth date. The individual number
 * (個人番号) never reaches Shiori. Monthly, the platform says whether the signature certificate
 * (署名用電子証明書) is still valid, which extends the registration [000].
 *
 * Shiori cannot reach the real platform from here: `fakeMyNumberPlatform` stands in for it in the demo and
 * the tests, and is documented as such in docs/integrations.md. A real implementation keeps this shape.
 */
export type MyNumberCardReading = {
  /** What the card reader produced with the user-certificate PIN (a signed challenge, opaque to Shiori). */
  userCertificate: string | null;
  /** What the card-face input support application produced with its PIN. */
  cardFace: { name: string; address: string; birthDate: string };
};

export type MyNumberIdentification =
  | { ok: true; userIdentifier: string; hasSignatureCertificate: boolean }
  | { ok: false; reason: "noUserCertificate" | "certificateRevoked" | "platformUnavailable" };

export type SignatureCertificateStatus = "valid" | "revoked" | "absent";

export type MyNumberPlatform = {
  identify(librarySystemSlug: string, reading: MyNumberCardReading): Promise<MyNumberIdentification>;
  checkSignatureCertificate(
    librarySystemSlug: string,
    userIdentifier: string,
  ): Promise<SignatureCertificateStatus>;
};

/**
 * The fake, stateless so that any process answers alike: a user certificate is written `fake-cert:<card id>`;
 * a card id containing `nosig` has no signature certificate, one containing `sigrevoked` has one that the
 * monthly check finds revoked, and one containing `revoked` has a revoked user certificate. `null` is a
 * face-authentication-only card (顔認証マイナンバーカード), which carries no certificate. The identifier is
 * derived per library system, as the platform issues one per relying party.
 */
export function fakeMyNumberPlatform(): MyNumberPlatform {
  const identifierPrefix = (slug: string) => `mkp-${slug}-`;
  return {
    async identify(slug, reading) {
      const [scheme, cardId] = reading.userCertificate?.split(":") ?? [];
      if (scheme !== "fake-cert" || !cardId) return { ok: false, reason: "noUserCertificate" };
      if (/(^|[^g])revoked/u.test(cardId)) return { ok: false, reason: "certificateRevoked" };
      return {
        ok: true,
        userIdentifier: `${identifierPrefix(slug)}${cardId}`,
        hasSignatureCertificate: !cardId.includes("nosig"),
      };
    },
    async checkSignatureCertificate(slug, userIdentifier) {
      if (!userIdentifier.startsWith(identifierPrefix(slug))) return "revoked";
      if (userIdentifier.includes("nosig")) return "absent";
      if (userIdentifier.includes("sigrevoked")) return "revoked";
      return "valid";
    },
  };
}
