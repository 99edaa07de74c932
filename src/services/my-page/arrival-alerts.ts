import { randomBytes } from "node:crypto";
import { japanDate } from "../../clock.ts";
import type { Db } from "../../db/client.ts";
import {
  type AlertRow,
  deleteAlert,
  insertAlert,
  listAlerts,
  unsubscribeByToken,
} from "../../db/queries/arrival-alerts.ts";
import { findPatron } from "../../db/queries/patrons.ts";
import { withTenant } from "../../db/tenant.ts";
import { AppError } from "../../domain/errors.ts";
import { type AlertKind, checkAlert } from "../../domain/my-page/arrival-alerts.ts";
import { throwRefusals } from "../patrons/field-checks.ts";
import { getPolicyInForce } from "../policies/get-policy-in-force.ts";

type Ctx = { db: Db; librarySystemId: number; patronId: string; now: Date };

export type MyAlertsView = {
  offered: boolean;
  /** The kinds of criteria this library's mail uses (001: keywords; 003: authors and genres). */
  kinds: AlertKind[];
  weekday: number;
  hasEmail: boolean;
  alerts: AlertRow[];
};

export async function getMyAlerts(ctx: Ctx): Promise<MyAlertsView> {
  const { policy } = await getPolicyInForce(ctx.db, ctx.librarySystemId, japanDate(ctx.now));
  const mail = policy.webServices.newArrivalMail;
  return withTenant(ctx.db, ctx.librarySystemId, async (tx) => {
    const patron = await findPatron(tx, ctx.patronId);
    if (!patron) throw new AppError("PATRON_NOT_FOUND", {});
    return {
      offered: mail.offered,
      kinds: [...mail.by],
      weekday: mail.weekday,
      hasEmail: patron.email !== null,
      alerts: await listAlerts(tx, ctx.patronId),
    };
  });
}

/** Saves a keyword, author or NDC genre; the mail needs a registered address (EMAIL_REQUIRED). */
export async function addAlert(ctx: Ctx & { kind: string; value: string }): Promise<MyAlertsView> {
  const { policy } = await getPolicyInForce(ctx.db, ctx.librarySystemId, japanDate(ctx.now));
  await withTenant(ctx.db, ctx.librarySystemId, async (tx) => {
    const patron = await findPatron(tx, ctx.patronId);
    if (!patron) throw new AppError("PATRON_NOT_FOUND", {});
    const existing = await listAlerts(tx, ctx.patronId);
    const checked = checkAlert(policy.webServices.newArrivalMail, ctx, existing.length);
    if (!checked.ok) throwRefusals([checked.refusal]);
    if (!patron.email) throw new AppError("EMAIL_REQUIRED", {});
    if (!checked.ok) return;
    await insertAlert(tx, ctx.patronId, checked.alert, randomBytes(24).toString("base64url"), ctx.now);
  });
  return getMyAlerts(ctx);
}

export async function removeAlert(ctx: Ctx & { id: number }): Promise<MyAlertsView> {
  const removed = await withTenant(ctx.db, ctx.librarySystemId, (tx) =>
    deleteAlert(tx, ctx.patronId, ctx.id),
  );
  if (!removed) throw new AppError("ARRIVAL_ALERT_NOT_FOUND", { id: ctx.id });
  return getMyAlerts(ctx);
}

/** The mail's unsubscribe link, followed (no sign-in): every criterion of its holder goes. */
export async function unsubscribeArrivalMail(ctx: { db: Db; librarySystemId: number; token: string }) {
  const known = await withTenant(ctx.db, ctx.librarySystemId, (tx) => unsubscribeByToken(tx, ctx.token));
  if (!known) throw new AppError("WEB_TOKEN_INVALID");
}
