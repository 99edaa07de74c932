import { japanDate } from "../../clock.ts";
import type { Db } from "../../db/client.ts";
import { findPatronCardNumber } from "../../db/queries/holds.ts";
import { findPendingEmailChange } from "../../db/queries/patron-web-tokens.ts";
import { findPatron } from "../../db/queries/patrons.ts";
import { hasInternetTerminals } from "../../db/queries/service-points.ts";
import { withTenant } from "../../db/tenant.ts";
import type { IsoDate } from "../../domain/calendar/calendar-rules.ts";
import { AppError } from "../../domain/errors.ts";
import { type RegistrationAdvice, registrationAdvice } from "../../domain/my-page/web-account.ts";
import { getPolicyInForce } from "../policies/get-policy-in-force.ts";

export type MyAccountView = {
  name: string;
  cardNumber: string | null;
  status: "active" | "expired" | "blocked" | "deleted";
  expiresOn: IsoDate;
  advice: RegistrationAdvice;
  email: string | null;
  /** An address waiting for its verification link to be followed. */
  pendingEmail: string | null;
  /** What the policy offers on the web, so pages show only what exists here. */
  services: {
    loanHistory: boolean;
    readingRecord: boolean;
    favourites: boolean;
    myBookshelf: boolean;
    readLaterList: boolean;
    newArrivalMail: boolean;
    smartphoneCard: boolean;
    /** LINE, the My Number card or FeliCa can be linked: /my/links shows them. */
    credentialLinks: boolean;
    /** Some service point has internet terminals to book (/my/terminals). */
    internetTerminals: boolean;
  };
};

/** My registration (DOMAIN.md "Patron web services"): the card, the expiry and what to do before it. */
export async function getMyAccount(input: {
  db: Db;
  librarySystemId: number;
  patronId: string;
  now: Date;
}): Promise<MyAccountView> {
  const { db, librarySystemId, patronId, now } = input;
  const today = japanDate(now);
  const { policy } = await getPolicyInForce(db, librarySystemId, today);
  return withTenant(db, librarySystemId, async (tx) => {
    const patron = await findPatron(tx, patronId);
    if (!patron) throw new AppError("PATRON_NOT_FOUND", {});
    const pending = await findPendingEmailChange(tx, patronId, now);
    const web = policy.webServices;
    return {
      name: `${patron.familyName} ${patron.givenName}`,
      cardNumber: (await findPatronCardNumber(tx, patronId)) ?? null,
      status: patron.status,
      expiresOn: patron.expiresOn,
      advice: registrationAdvice(policy, patron.expiresOn, today),
      email: patron.email,
      pendingEmail: pending?.newEmail ?? null,
      services: {
        loanHistory: web.loanHistory,
        readingRecord: web.readingRecord,
        favourites: web.favourites,
        myBookshelf: web.myBookshelf,
        readLaterList: web.readLaterList,
        newArrivalMail: web.newArrivalMail.offered,
        smartphoneCard: web.smartphoneCard,
        credentialLinks:
          policy.registration.lineLink ||
          policy.registration.myNumber.linkOffered ||
          policy.registration.felicaPerPatron > 0,
        internetTerminals: await hasInternetTerminals(tx),
      },
    };
  });
}
