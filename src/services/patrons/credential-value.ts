import { assertValidNumber } from "../../domain/barcodes/check-digit.ts";
import { normaliseFelicaIdm } from "../../domain/patrons/felica.ts";
import type { Policy } from "../../domain/policy/policy-schema.ts";
import type { CredentialKind } from "../../domain/vocabulary.ts";

export type Credential = { kind: CredentialKind; value: string };

/**
 * A credential as scanned or typed, in the form it is stored: a card number checked against the policy's
 * number format (INVALID_CHECK_DIGIT and the like), a FeliCa IDm however it is written, others trimmed.
 */
export function normaliseCredential(policy: Policy, credential: Credential): Credential {
  const value = credential.value.trim();
  if (credential.kind === "card") {
    assertValidNumber(policy.registration.cardNumber, value, "card");
    return { kind: "card", value };
  }
  if (credential.kind === "felica") return { kind: "felica", value: normaliseFelicaIdm(value) };
  return { kind: credential.kind, value };
}
