import { japanDate } from "../../clock.ts";
import type { Db } from "../../db/client.ts";
import { listCredentials } from "../../db/queries/patron-credentials.ts";
import { findPatron } from "../../db/queries/patrons.ts";
import { withTenant } from "../../db/tenant.ts";
import { AppError } from "../../domain/errors.ts";
import { unlinkCredential } from "../patrons/unlink-credential.ts";
import { getPolicyInForce } from "../policies/get-policy-in-force.ts";

type Link = { linked: boolean; linkedAt: string | null };

export type MyLinksView = {
  /** 001: the patron links LINE from the chat once a web password is set, and may unlink it here. */
  line: Link & { offered: boolean; webPasswordSet: boolean };
  /** 000: linked only at the counter, in person; the patron sees whether it is and what it does. */
  myNumber: Link & { offered: boolean; autoRenewal: boolean };
  /** 001: a FeliCa chip, registered at the counter. */
  felica: Link & { offered: boolean };
};

type MyContext = { db: Db; librarySystemId: number; patronId: string; now: Date };

/** The patron's second credentials as the patron sees them: what is linked, since when, what the library offers. */
export async function getMyLinks(ctx: MyContext): Promise<MyLinksView> {
  const { policy } = await getPolicyInForce(ctx.db, ctx.librarySystemId, japanDate(ctx.now));
  return withTenant(ctx.db, ctx.librarySystemId, async (tx) => {
    const patron = await findPatron(tx, ctx.patronId);
    if (!patron) throw new AppError("PATRON_NOT_FOUND", {});
    const current = (await listCredentials(tx, patron.id)).filter((c) => c.unlinkedAt === null);
    const link = (kind: string): Link => {
      const found = current.find((c) => c.kind === kind);
      return { linked: Boolean(found), linkedAt: found ? found.linkedAt.toISOString() : null };
    };
    const myNumber = current.find((c) => c.kind === "mynumber");
    const registration = policy.registration;
    return {
      line: {
        ...link("line"),
        offered: registration.lineLink,
        webPasswordSet: patron.webPasswordHash !== null,
      },
      myNumber: {
        ...link("mynumber"),
        offered: registration.myNumber.linkOffered,
        autoRenewal:
          Boolean(myNumber?.details.hasSignatureCertificate) &&
          registration.myNumber.autoRenewalMonths !== null,
      },
      felica: { ...link("felica"), offered: registration.felicaPerPatron > 0 },
    };
  });
}

/** The patron ends their LINE link themselves (audited as the patron's request). */
export async function unlinkMyLine(ctx: MyContext): Promise<MyLinksView> {
  const line = await withTenant(ctx.db, ctx.librarySystemId, async (tx) =>
    (await listCredentials(tx, ctx.patronId)).find((c) => c.kind === "line" && c.unlinkedAt === null),
  );
  if (!line) throw new AppError("CREDENTIAL_NOT_LINKED", { kind: "line" });
  await unlinkCredential({
    ...ctx,
    actor: { staffId: null, address: null },
    credentialId: line.id,
    reason: "patronRequest",
    byPatron: true,
  });
  return getMyLinks(ctx);
}
