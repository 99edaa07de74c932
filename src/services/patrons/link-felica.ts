import { findLinkedCredential } from "../../db/queries/patron-credentials.ts";
import { AppError } from "../../domain/errors.ts";
import {
  refuseWhenIdDocumentExpired,
  refuseWhenIdDocumentNotAccepted,
} from "../../domain/patrons/eligibility.ts";
import { normaliseFelicaIdm } from "../../domain/patrons/felica.ts";
import { throwRefusals } from "./field-checks.ts";
import { type CredentialContext, linkCredential } from "./link-credential.ts";
import type { IdentityCheck } from "./patron-input.ts";
import type { PatronView } from "./patron-view.ts";
import { eligibilityFacts, patronDetailsOf } from "./register-patron.ts";

/**
 * 001: FeliCa — 利用者(個人)1人につき、1つのFeliCaの登録が可能です; registered in person with the card and an
 * identity document; only the chip's IDm is stored, unique in the library system.
 */
export async function linkFelica(
  context: CredentialContext & { idm: string; identity: IdentityCheck; inPerson: boolean },
): Promise<PatronView> {
  return linkCredential(context, "felica", async ({ tx, policy, patron, current, today }) => {
    const limit = policy.registration.felicaPerPatron;
    if (limit === 0) throw new AppError("FELICA_NOT_OFFERED");
    if (!context.inPerson) throw new AppError("NOT_IN_PERSON", { action: "linkFelica" });
    const facts = eligibilityFacts({ ...patronDetailsOf(patron), ...context.identity });
    throwRefusals(
      [
        refuseWhenIdDocumentNotAccepted(policy.eligibility, facts),
        refuseWhenIdDocumentExpired(facts, today),
      ].filter((r) => r !== null),
    );
    const idm = normaliseFelicaIdm(context.idm);
    if (await findLinkedCredential(tx, "felica", idm))
      throw new AppError("FELICA_ALREADY_REGISTERED", { idm });
    if (current.length >= limit) throw new AppError("FELICA_LIMIT_REACHED", { limit });
    return { value: idm, details: {}, audit: { idm, idDocument: context.identity.idDocument } };
  });
}
