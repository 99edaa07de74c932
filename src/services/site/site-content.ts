import { japanDate } from "../../clock.ts";
import type { Db } from "../../db/client.ts";
import { insertAuditEntry } from "../../db/queries/audit-log.ts";
import {
  type AnnouncementRow,
  type AnnouncementWrite,
  deleteAnnouncement,
  deleteGuidePage,
  findAnnouncement,
  findGuidePage,
  type GuidePageRow,
  insertAnnouncement,
  listAllAnnouncements,
  listCurrentAnnouncements,
  listGuidePages,
  searchSiteContent,
  updateAnnouncement,
  upsertGuidePage,
} from "../../db/queries/site-content.ts";
import { withTenant } from "../../db/tenant.ts";
import { isIsoDate } from "../../domain/calendar/dates.ts";
import { AppError } from "../../domain/errors.ts";
import { actorDetails, type StaffActor } from "../staff-actor.ts";
import { markdownText } from "./render-markdown.ts";

type Context = { db: Db; librarySystemId: number; now: Date };
type StaffContext = Context & { staff: StaffActor };

/** What the home page shows: current announcements, the important ones first. */
export async function listHomeAnnouncements(ctx: Context, limit = 10): Promise<AnnouncementRow[]> {
  return withTenant(ctx.db, ctx.librarySystemId, (tx) =>
    listCurrentAnnouncements(tx, japanDate(ctx.now), limit),
  );
}

export async function listAnnouncementsForStaff(ctx: Context): Promise<AnnouncementRow[]> {
  return withTenant(ctx.db, ctx.librarySystemId, (tx) => listAllAnnouncements(tx));
}

/** An announcement as the public sees it: only while it is shown. Staff (`includeHidden`) see every one. */
export async function getAnnouncement(
  ctx: Context,
  id: number,
  includeHidden = false,
): Promise<AnnouncementRow> {
  const row = await withTenant(ctx.db, ctx.librarySystemId, (tx) => findAnnouncement(tx, id));
  const today = japanDate(ctx.now);
  const shown = row && row.publishedOn <= today && (row.until === null || row.until >= today);
  if (!row || (!shown && !includeHidden)) throw new AppError("ANNOUNCEMENT_NOT_FOUND", { id });
  return row;
}

function checkDates(a: AnnouncementWrite): void {
  if (!isIsoDate(a.publishedOn)) throw new AppError("INVALID_DATE", { date: a.publishedOn });
  if (a.until !== null && !isIsoDate(a.until)) throw new AppError("INVALID_DATE", { date: a.until });
  if (a.until !== null && a.until < a.publishedOn)
    throw new AppError("INVALID_RANGE", { from: a.publishedOn, to: a.until });
}

export async function createAnnouncement(
  ctx: StaffContext,
  input: AnnouncementWrite,
): Promise<AnnouncementRow> {
  checkDates(input);
  return withTenant(ctx.db, ctx.librarySystemId, async (tx) => {
    const { id } = await insertAnnouncement(tx, { ...input, createdBy: ctx.staff.staffId, now: ctx.now });
    await audit(tx, ctx, "announcement.created", "announcement", String(id));
    return (await findAnnouncement(tx, id))!;
  });
}

export async function changeAnnouncement(
  ctx: StaffContext,
  id: number,
  input: AnnouncementWrite,
): Promise<AnnouncementRow> {
  checkDates(input);
  return withTenant(ctx.db, ctx.librarySystemId, async (tx) => {
    if (!(await updateAnnouncement(tx, id, input, ctx.now)))
      throw new AppError("ANNOUNCEMENT_NOT_FOUND", { id });
    await audit(tx, ctx, "announcement.changed", "announcement", String(id));
    return (await findAnnouncement(tx, id))!;
  });
}

export async function removeAnnouncement(ctx: StaffContext, id: number): Promise<void> {
  await withTenant(ctx.db, ctx.librarySystemId, async (tx) => {
    if (!(await deleteAnnouncement(tx, id))) throw new AppError("ANNOUNCEMENT_NOT_FOUND", { id });
    await audit(tx, ctx, "announcement.deleted", "announcement", String(id));
  });
}

export async function getGuidePages(ctx: Context): Promise<GuidePageRow[]> {
  return withTenant(ctx.db, ctx.librarySystemId, (tx) => listGuidePages(tx));
}

export async function getGuidePage(ctx: Context, slug: string): Promise<GuidePageRow> {
  const row = await withTenant(ctx.db, ctx.librarySystemId, (tx) => findGuidePage(tx, slug));
  if (!row) throw new AppError("PAGE_NOT_FOUND", { slug });
  return row;
}

export type GuidePageWrite = {
  titleJa: string;
  titleEn: string;
  bodyJa: string;
  bodyEn: string;
  position: number;
};

export async function saveGuidePage(
  ctx: StaffContext,
  slug: string,
  input: GuidePageWrite,
): Promise<{ page: GuidePageRow; created: boolean }> {
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(slug)) throw new AppError("VALIDATION_FAILED", { field: "slug" });
  return withTenant(ctx.db, ctx.librarySystemId, async (tx) => {
    const { created } = await upsertGuidePage(tx, {
      slug,
      ...input,
      updatedBy: ctx.staff.staffId,
      now: ctx.now,
    });
    await audit(tx, ctx, created ? "page.created" : "page.changed", "guidePage", slug);
    return { page: (await findGuidePage(tx, slug))!, created };
  });
}

export async function removeGuidePage(ctx: StaffContext, slug: string): Promise<void> {
  await withTenant(ctx.db, ctx.librarySystemId, async (tx) => {
    if (!(await deleteGuidePage(tx, slug))) throw new AppError("PAGE_NOT_FOUND", { slug });
    await audit(tx, ctx, "page.deleted", "guidePage", slug);
  });
}

async function audit(
  tx: Parameters<typeof insertAuditEntry>[0],
  ctx: StaffContext,
  action: string,
  subjectType: string,
  subjectId: string,
): Promise<void> {
  await insertAuditEntry(tx, {
    actorStaffId: ctx.staff.staffId,
    action,
    subjectType,
    subjectId,
    details: actorDetails(ctx.staff),
    at: ctx.now,
  });
}

export type SiteHit = {
  kind: "page" | "announcement";
  /** The page's slug or the announcement's id. */
  key: string;
  title: { ja: string; en: string };
  snippet: { ja: string; en: string };
  day: string | null;
};

/** The longest site-search text, as for the catalogue. */
export const siteQueryMaxLength = 200;

/**
 * The site search (beside the catalogue search): guide pages and current announcements holding every term,
 * with a snippet of the text around the first term. Terms are split on spaces, full-width ones included.
 */
export async function searchSite(ctx: Context, query: string): Promise<SiteHit[]> {
  const text = query.normalize("NFKC").trim();
  if (text.length > siteQueryMaxLength)
    throw new AppError("QUERY_TOO_LONG", { maxLength: siteQueryMaxLength });
  const terms = text.split(/\s+/).filter(Boolean).slice(0, 8);
  if (terms.length === 0) return [];
  const rows = await withTenant(ctx.db, ctx.librarySystemId, (tx) =>
    searchSiteContent(tx, terms, japanDate(ctx.now)),
  );
  return rows.map((r) => ({
    kind: r.kind,
    key: r.key,
    title: { ja: r.titleJa, en: r.titleEn },
    snippet: { ja: snippet(markdownText(r.bodyJa), terms), en: snippet(markdownText(r.bodyEn), terms) },
    day: r.day,
  }));
}

function snippet(text: string, terms: readonly string[]): string {
  const lower = text.toLowerCase();
  const at = Math.max(
    0,
    Math.min(...terms.map((t) => lower.indexOf(t.toLowerCase())).filter((i) => i >= 0), text.length),
  );
  const start = Math.max(0, at - 40);
  return `${start > 0 ? "…" : ""}${text.slice(start, start + 120)}${start + 120 < text.length ? "…" : ""}`;
}
