import { japanDate } from "../../clock.ts";
import type { Db } from "../../db/client.ts";
import { insertAuditEntry } from "../../db/queries/audit-log.ts";
import { listLibrarySystems } from "../../db/queries/library-systems.ts";
import {
  listMyNumberLinksAfter,
  type MyNumberLinkRow,
  recordSignatureChecks,
} from "../../db/queries/patron-credentials.ts";
import { extendRegistrations } from "../../db/queries/patrons.ts";
import { withTenant } from "../../db/tenant.ts";
import { decideMyNumberRenewal } from "../../domain/patrons/card-lifecycle.ts";
import { normaliseMunicipalityName } from "../../domain/patrons/eligibility.ts";
import type { Policy } from "../../domain/policy/policy-schema.ts";
import type { Basis } from "../../domain/vocabulary.ts";
import type { MyNumberPlatform } from "../../integrations/my-number-platform.ts";
import { queueMail } from "../mail/queue-mail.ts";
import { getPolicyInForce } from "../policies/get-policy-in-force.ts";

const pageSize = 1000;
/** Platform checks in flight at once. */
const concurrency = 50;

export type MyNumberRenewalReport = {
  checked: number;
  extended: number;
  unchanged: number;
  excluded: number;
  failed: number;
};

/**
 * The monthly job `myNumberRenewal` (000 図書館カードの有効期間の自動更新): for every patron with a linked My
 * Number card, the platform is asked whether the signature certificate is still valid; if so the registration
 * runs to one year after the check, except for workers and students living outside the area; if not, the
 * patron is asked by e-mail to renew at the counter.
 */
export async function renewRegistrationsByMyNumber(options: {
  db: Db;
  platform: MyNumberPlatform;
  now: Date;
}): Promise<Record<string, MyNumberRenewalReport>> {
  const { db, platform, now } = options;
  const today = japanDate(now);
  const reports: Record<string, MyNumberRenewalReport> = {};
  for (const system of await listLibrarySystems(db)) {
    const { policy } = await getPolicyInForce(db, system.id, today);
    if (!policy.registration.myNumber.linkOffered || policy.registration.myNumber.autoRenewalMonths === null)
      continue;
    const report: MyNumberRenewalReport = { checked: 0, extended: 0, unchanged: 0, excluded: 0, failed: 0 };
    let after = "00000000-0000-0000-0000-000000000000";
    for (;;) {
      const links = await withTenant(db, system.id, (tx) => listMyNumberLinksAfter(tx, after, pageSize));
      if (links.length === 0) break;
      after = links.at(-1)!.credentialId;
      // 000: マイナンバーカードに署名用電子証明書が搭載されていない方 are not renewed automatically: not checked.
      const candidates = links.filter((link) => {
        const decision = decideMyNumberRenewal(
          policy.registration.myNumber,
          {
            basis: link.basis as Basis,
            livesInArea: livesInArea(policy, link.municipality),
            expiresOn: link.expiresOn,
          },
          today,
        );
        const excluded = decision.kind === "excluded" || link.details.hasSignatureCertificate === false;
        if (excluded) report.excluded++;
        return !excluded;
      });
      const statuses = await checkAll(candidates, (link) =>
        platform.checkSignatureCertificate(system.slug, link.userIdentifier),
      );
      const extensions: { id: string; expiresOn: string }[] = [];
      const newFailures: MyNumberLinkRow[] = [];
      const checks: { credentialId: string; result: string }[] = [];
      candidates.forEach((link, i) => {
        report.checked++;
        const valid = statuses[i] === "valid";
        checks.push({ credentialId: link.credentialId, result: valid ? "valid" : "failed" });
        if (!valid) {
          report.failed++;
          // Mailed when the check starts failing, not every month after.
          if (link.details.lastCheck !== "failed") newFailures.push(link);
          return;
        }
        const decision = decideMyNumberRenewal(
          policy.registration.myNumber,
          { basis: link.basis as Basis, livesInArea: true, expiresOn: link.expiresOn },
          today,
        );
        if (decision.kind === "extend") {
          report.extended++;
          extensions.push({ id: link.patronId, expiresOn: decision.expiresOn });
        } else report.unchanged++;
      });
      await withTenant(db, system.id, async (tx) => {
        await extendRegistrations(tx, extensions, now);
        await recordSignatureChecks(tx, checks, today);
        for (const link of newFailures) {
          if (link.email) {
            await queueMail(
              tx,
              {
                to: link.email,
                subject: `【${system.nameJa}】図書館カードの有効期限の更新について`,
                text: renewalFailureText(system.nameJa, link.expiresOn),
                template: "myNumberRenewalFailed",
              },
              now,
            );
          }
        }
        await insertAuditEntry(tx, {
          actorStaffId: null,
          action: "patron.myNumberRenewal",
          subjectType: "patronBatch",
          subjectId: today,
          details: {
            extended: extensions.length,
            failed: checks.filter((c) => c.result === "failed").length,
          },
          at: now,
        });
      });
      if (links.length < pageSize) break;
    }
    reports[system.slug] = report;
  }
  return reports;
}

function livesInArea(policy: Policy, municipality: string): boolean {
  const key = normaliseMunicipalityName(municipality);
  return policy.eligibility.areaMunicipalities.some((m) => normaliseMunicipalityName(m) === key);
}

async function checkAll<T, R>(items: T[], check: (item: T) => Promise<R>): Promise<(R | "error")[]> {
  const results: (R | "error")[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await check(items[i]!).catch(() => "error" as const);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

function renewalFailureText(libraryName: string, expiresOn: string): string {
  return [
    "図書館カードの有効期間を、マイナンバーカードの署名用電子証明書により自動で更新できませんでした。",
    `現在の有効期限は ${expiresOn} です。本人確認書類をお持ちのうえ、図書館のカウンターで更新の手続きをしてください。`,
    "",
    "We could not renew your library registration automatically with your My Number card's signature certificate.",
    `It is valid until ${expiresOn}. Please renew it at a library counter with an identity document.`,
    "",
    libraryName,
  ].join("\n");
}
