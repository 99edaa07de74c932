import type { Db } from "../../db/client.ts";
import { findStaffByUsername } from "../../db/queries/staff.ts";
import { withTenant } from "../../db/tenant.ts";
import { presets } from "../../policies/presets.ts";
import { addStaffAccount } from "../staff/add-staff-account.ts";
import { installLibrarySystem } from "./install-library-system.ts";
import { DEMO_RECORDS_PER_SYSTEM, seedDemoCatalogue } from "./seed-demo-catalogue.ts";
import { seedDemoPatrons } from "./seed-demo-patrons.ts";
import { seedDemoSiteContent } from "./seed-demo-site.ts";

export const demoStaff = { username: "admin", password: "shiori-admin" } as const;

export type SeedReport = {
  slug: string;
  created: boolean;
  servicePoints: number;
  bookDrops: number;
  demoStaff: boolean;
  demoRecords: number;
  demoPatrons: number;
}[];

/**
 * Seeds the five library systems and, outside production, the demo administrator, books and patrons of each.
 * Idempotent: existing systems and accounts are left as they are.
 */
export async function seedDemo(
  db: Db,
  options: { now: Date; production: boolean; demoRecordsPerSystem?: number },
): Promise<SeedReport> {
  const report: SeedReport = [];
  for (const [index, preset] of presets.entries()) {
    const installed = await installLibrarySystem(db, preset, index, options.now);
    let demo = false;
    if (!options.production) {
      const exists = await withTenant(db, installed.librarySystemId, (tx) =>
        findStaffByUsername(tx, demoStaff.username),
      );
      if (!exists) {
        await addStaffAccount({
          db,
          librarySystemId: installed.librarySystemId,
          account: {
            username: demoStaff.username,
            displayName: "デモ管理者 / Demo administrator",
            password: demoStaff.password,
            roles: ["administrator", "counter", "reviewer"],
          },
          isDemo: true,
          actorStaffId: null,
          now: options.now,
        });
        demo = true;
      }
    }
    // Generated books are for trying Shiori out; a production catalogue comes from an import.
    const demoRecords = options.production
      ? 0
      : await seedDemoCatalogue(db, installed.librarySystemId, {
          seed: index + 1,
          slug: preset.slug,
          now: options.now,
          count: options.demoRecordsPerSystem ?? DEMO_RECORDS_PER_SYSTEM,
        });
    const demoPatrons = options.production
      ? 0
      : await seedDemoPatrons(db, installed.librarySystemId, {
          slug: preset.slug,
          policy: preset.policy,
          now: options.now,
        });
    if (!options.production) await seedDemoSiteContent(db, installed.librarySystemId, preset, options.now);
    report.push({ slug: preset.slug, ...installed, demoStaff: demo, demoRecords, demoPatrons });
  }
  return report;
}
