import { sql } from "drizzle-orm";
import { resultRows } from "../migrate.ts";
import type { TenantTx } from "../tenant.ts";

export type AnnouncementRow = {
  id: number;
  titleJa: string;
  titleEn: string;
  bodyJa: string;
  bodyEn: string;
  important: boolean;
  publishedOn: string;
  until: string | null;
  updatedAt: string;
};

const announcementColumns = sql`
  a.id::integer AS "id", a.title_ja AS "titleJa", a.title_en AS "titleEn", a.body_ja AS "bodyJa",
  a.body_en AS "bodyEn", a.important, to_char(a.published_on, 'YYYY-MM-DD') AS "publishedOn",
  to_char(a.until, 'YYYY-MM-DD') AS "until", a.updated_at AS "updatedAt"`;

export type AnnouncementWrite = {
  titleJa: string;
  titleEn: string;
  bodyJa: string;
  bodyEn: string;
  important: boolean;
  publishedOn: string;
  until: string | null;
};

export async function insertAnnouncement(
  tx: TenantTx,
  a: AnnouncementWrite & { createdBy: string | null; now: Date },
): Promise<{ id: number }> {
  const at = a.now.toISOString();
  const result = await tx.execute(sql`
    INSERT INTO announcements (library_system_id, title_ja, title_en, body_ja, body_en, important, published_on,
                               until, created_by, created_at, updated_at)
    VALUES (${tx.librarySystemId}, ${a.titleJa}, ${a.titleEn}, ${a.bodyJa}, ${a.bodyEn}, ${a.important},
            ${a.publishedOn}, ${a.until}, ${a.createdBy}, ${at}, ${at})
    RETURNING id::integer AS id`);
  return resultRows<{ id: number }>(result)[0]!;
}

export async function updateAnnouncement(
  tx: TenantTx,
  id: number,
  a: AnnouncementWrite,
  now: Date,
): Promise<boolean> {
  const result = await tx.execute(sql`
    UPDATE announcements
       SET title_ja = ${a.titleJa}, title_en = ${a.titleEn}, body_ja = ${a.bodyJa}, body_en = ${a.bodyEn},
           important = ${a.important}, published_on = ${a.publishedOn}, until = ${a.until},
           updated_at = ${now.toISOString()}
     WHERE id = ${id}
    RETURNING id`);
  return resultRows(result).length === 1;
}

export async function deleteAnnouncement(tx: TenantTx, id: number): Promise<boolean> {
  return (
    resultRows(await tx.execute(sql`DELETE FROM announcements WHERE id = ${id} RETURNING id`)).length === 1
  );
}

export async function findAnnouncement(tx: TenantTx, id: number): Promise<AnnouncementRow | undefined> {
  const result = await tx.execute(sql`SELECT ${announcementColumns} FROM announcements a WHERE a.id = ${id}`);
  return resultRows<AnnouncementRow>(result)[0];
}

/** Announcements shown on `day` (published, not past their end), important ones first, newest first. */
export async function listCurrentAnnouncements(
  tx: TenantTx,
  day: string,
  limit: number,
): Promise<AnnouncementRow[]> {
  const result = await tx.execute(sql`
    SELECT ${announcementColumns} FROM announcements a
     WHERE a.published_on <= ${day} AND (a.until IS NULL OR a.until >= ${day})
     ORDER BY a.important DESC, a.published_on DESC, a.id DESC
     LIMIT ${limit}`);
  return resultRows<AnnouncementRow>(result);
}

/** Every announcement, for staff: scheduled and ended ones too, newest first. */
export async function listAllAnnouncements(tx: TenantTx): Promise<AnnouncementRow[]> {
  const result = await tx.execute(
    sql`SELECT ${announcementColumns} FROM announcements a ORDER BY a.published_on DESC, a.id DESC LIMIT 500`,
  );
  return resultRows<AnnouncementRow>(result);
}

export type GuidePageRow = {
  id: number;
  slug: string;
  titleJa: string;
  titleEn: string;
  bodyJa: string;
  bodyEn: string;
  position: number;
  updatedAt: string;
};

const pageColumns = sql`
  g.id::integer AS "id", g.slug, g.title_ja AS "titleJa", g.title_en AS "titleEn", g.body_ja AS "bodyJa",
  g.body_en AS "bodyEn", g.position, g.updated_at AS "updatedAt"`;

export async function upsertGuidePage(
  tx: TenantTx,
  p: {
    slug: string;
    titleJa: string;
    titleEn: string;
    bodyJa: string;
    bodyEn: string;
    position: number;
    updatedBy: string | null;
    now: Date;
  },
): Promise<{ created: boolean }> {
  const result = await tx.execute(sql`
    INSERT INTO guide_pages (library_system_id, slug, title_ja, title_en, body_ja, body_en, position, updated_by,
                             updated_at)
    VALUES (${tx.librarySystemId}, ${p.slug}, ${p.titleJa}, ${p.titleEn}, ${p.bodyJa}, ${p.bodyEn}, ${p.position},
            ${p.updatedBy}, ${p.now.toISOString()})
    ON CONFLICT (library_system_id, slug) DO UPDATE
       SET title_ja = EXCLUDED.title_ja, title_en = EXCLUDED.title_en, body_ja = EXCLUDED.body_ja,
           body_en = EXCLUDED.body_en, position = EXCLUDED.position, updated_by = EXCLUDED.updated_by,
           updated_at = EXCLUDED.updated_at
    RETURNING (xmax = 0) AS created`);
  return resultRows<{ created: boolean }>(result)[0]!;
}

export async function findGuidePage(tx: TenantTx, slug: string): Promise<GuidePageRow | undefined> {
  const result = await tx.execute(sql`SELECT ${pageColumns} FROM guide_pages g WHERE g.slug = ${slug}`);
  return resultRows<GuidePageRow>(result)[0];
}

export async function listGuidePages(tx: TenantTx): Promise<GuidePageRow[]> {
  const result = await tx.execute(sql`SELECT ${pageColumns} FROM guide_pages g ORDER BY g.position, g.slug`);
  return resultRows<GuidePageRow>(result);
}

export async function deleteGuidePage(tx: TenantTx, slug: string): Promise<boolean> {
  return (
    resultRows(await tx.execute(sql`DELETE FROM guide_pages WHERE slug = ${slug} RETURNING id`)).length === 1
  );
}

export type SiteHitRow = {
  kind: "page" | "announcement";
  key: string;
  titleJa: string;
  titleEn: string;
  bodyJa: string;
  bodyEn: string;
  day: string | null;
};

/**
 * Pages and current announcements whose title or text holds every term (either language). A plain
 * substring match: the site has tens or hundreds of pages, and Japanese has no spaces to split words on.
 */
export async function searchSiteContent(
  tx: TenantTx,
  terms: readonly string[],
  day: string,
): Promise<SiteHitRow[]> {
  const like = (column: string) =>
    sql.join(
      terms.map((term) => sql`${sql.raw(column)} ILIKE ${`%${term.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`}`),
      sql` AND `,
    );
  const result = await tx.execute(sql`
    SELECT 'page' AS kind, g.slug AS key, g.title_ja AS "titleJa", g.title_en AS "titleEn", g.body_ja AS "bodyJa",
           g.body_en AS "bodyEn", NULL AS day
      FROM guide_pages g
     WHERE (${like("(g.title_ja || ' ' || g.title_en || ' ' || g.body_ja || ' ' || g.body_en)")})
    UNION ALL
    SELECT 'announcement', a.id::text, a.title_ja, a.title_en, a.body_ja, a.body_en,
           to_char(a.published_on, 'YYYY-MM-DD')
      FROM announcements a
     WHERE a.published_on <= ${day} AND (a.until IS NULL OR a.until >= ${day})
       AND (${like("(a.title_ja || ' ' || a.title_en || ' ' || a.body_ja || ' ' || a.body_en)")})
     LIMIT 100`);
  return resultRows<SiteHitRow>(result);
}
