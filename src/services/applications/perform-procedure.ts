import type { ApplicationRow } from "../../db/queries/applications.ts";
import { findPatronCardNumber } from "../../db/queries/holds.ts";
import { markKitUsed } from "../../db/queries/registration-kits.ts";
import type { TenantTx } from "../../db/tenant.ts";
import type { OnlineReissueReason } from "../../domain/applications/application-rules.ts";
import { AppError } from "../../domain/errors.ts";
import type { Policy } from "../../domain/policy/policy-schema.ts";
import { changePatronDetailsIn } from "../patrons/change-patron-details.ts";
import { reissueCardIn } from "../patrons/patron-cards.ts";
import type { IdentityCheck, PatronDetails } from "../patrons/patron-input.ts";
import { queueElibraryNotice } from "../patrons/queue-elibrary-notice.ts";
import { checkRegistration, insertRegistration } from "../patrons/register-patron.ts";
import { renewRegistrationIn } from "../patrons/renew-registration.ts";
import type { StaffActor } from "../staff-actor.ts";
import {
  approvedMail,
  cardNumberMail,
  detailsChangedMail,
  elibraryPasswordResetMail,
  kitAcceptedMail,
  reissuedMail,
  renewedMail,
} from "./application-mail.ts";
import { registrationOf } from "./online-application.ts";

type Mail = { subject: string; template: string; text: string };
type PerformContext = { staff: StaffActor; library: { slug: string; ja: string; en: string }; now: Date };

/**
 * Approval performs the procedure applied for, in the decision's transaction (002): a new registration (with the
 * smartphone card, or under a kit's number at 004), a reissue with a new number, a renewal, a change of address or
 * phone, the card number told again, or the e-library's password reset. Every counter rule applies as at the
 * counter; the mail says what was done.
 */
export async function performProcedure(
  tx: TenantTx,
  policy: Policy,
  ctx: PerformContext,
  application: ApplicationRow,
): Promise<{ patronId: string; mail: Mail }> {
  const { now, staff: actor, library } = ctx;
  const receipt = application.receiptNumber!;
  const form = application.form as Partial<PatronDetails> &
    Partial<IdentityCheck> & { reissueReason?: OnlineReissueReason; deliveryLending?: boolean };
  const patronId = application.patronId;
  const identity = { idDocument: form.idDocument!, supplementaryDocument: null };
  switch (application.procedure) {
    case "newRegistration":
      return register(tx, policy, ctx, application);
    case "forgotCardNumber": {
      const cardNumber = patronId ? await findPatronCardNumber(tx, patronId) : undefined;
      if (!patronId || !cardNumber) throw new AppError("ONLINE_REGISTRATION_NOT_FOUND", {});
      return { patronId, mail: cardNumberMail(library, receipt, cardNumber) };
    }
    case "reissue": {
      if (!patronId) throw new AppError("REGISTRATION_NOT_FOUND", {});
      if (form.reissueReason === "nameChange") {
        const { familyName, givenName, familyNameKana, givenNameKana } = form;
        await changePatronDetailsIn(tx, policy, {
          actor,
          patronId,
          changes: { familyName, givenName, familyNameKana, givenNameKana },
          identity,
          now,
        });
      }
      // 002: スマート登録で…再発行手続きを行った場合、利用カードの発行はありません — the smartphone card
      const reissued = await reissueCardIn(tx, policy, {
        actor,
        patronId,
        now,
        reason: form.reissueReason ?? "lost",
        reportLoss: true,
        identity,
        physical: false,
      });
      return { patronId, mail: reissuedMail(library, receipt, reissued.cardNumber!) };
    }
    case "renewRegistration": {
      if (!patronId) throw new AppError("REGISTRATION_NOT_FOUND", {});
      const renewed = await renewRegistrationIn(tx, policy, { actor, patronId, identity, now });
      return { patronId, mail: renewedMail(library, receipt, renewed.expiresOn) };
    }
    case "changeOfDetails": {
      if (!patronId) throw new AppError("REGISTRATION_NOT_FOUND", {});
      const changed = await changePatronDetailsIn(tx, policy, {
        actor,
        patronId,
        changes: { address: form.address, phone: form.phone, municipality: form.municipality },
        identity,
        now,
      });
      return {
        patronId,
        mail: detailsChangedMail(
          library,
          receipt,
          changed.eligibility.consequences.includes("registrationEnds"),
        ),
      };
    }
    case "forgotElibraryPassword": {
      const cardNumber = patronId ? await findPatronCardNumber(tx, patronId) : undefined;
      if (!patronId || !cardNumber) throw new AppError("REGISTRATION_NOT_FOUND", {});
      await queueElibraryNotice(tx, { kind: "passwordReset", cardNumber }, now);
      return { patronId, mail: elibraryPasswordResetMail(library, receipt) };
    }
    default:
      throw new AppError("APPLICATION_INCOMPLETE", { missing: ["procedure"] });
  }
}

/**
 * A new registration: the patron and a card without plastic (the smartphone card), registered via `online`; at
 * 004, under the kit's number with its plastic card, and online lending on when it was applied for.
 */
async function register(
  tx: TenantTx,
  policy: Policy,
  ctx: PerformContext,
  application: ApplicationRow,
): Promise<{ patronId: string; mail: Mail }> {
  const { now, library } = ctx;
  const registration = registrationOf(application);
  const kind = checkRegistration(policy, registration, now);
  const kit = application.kitNumber;
  const deliveryLending =
    kit !== null &&
    policy.onlineRegistration.deliveryLendingApplication &&
    application.form.deliveryLending === true;
  const registered = await insertRegistration(tx, {
    policy,
    actor: ctx.staff,
    registration: deliveryLending
      ? { ...registration, preferences: { deliveryLending: true } }
      : registration,
    kind,
    now,
    // 004: the kit's plastic card carries the number; 002: the smartphone card needs no plastic
    channel: kit ? { via: "kit", physicalCard: true } : { via: "online", physicalCard: false },
    cardNumber: kit ?? undefined,
  });
  if (kit) await markKitUsed(tx, kit, registered.id, now);
  const receipt = application.receiptNumber!;
  return {
    patronId: registered.id,
    mail: kit
      ? kitAcceptedMail(library, receipt, registered.cardNumber, deliveryLending)
      : approvedMail(library, receipt, registered.cardNumber),
  };
}
