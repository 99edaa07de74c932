import { type SQL, sql } from "drizzle-orm";
import { resultRows } from "../migrate.ts";
import { startsWith } from "../sql-arrays.ts";
import type { TenantTx } from "../tenant.ts";

export type SearchCriteria = {
  /** tsquery text (quoted lexemes); null when no text was given. */
  tsquery: string | null;
  isbn13: string | null;
  ndcPrefix: string | null;
  callNumberPrefix: string | null;
  materialType: string | null;
  servicePointId: string | null;
  availableOnly: boolean;
  yearFrom: number | null;
  yearTo: number | null;
  sort: "relevance" | "newest";
  limit: number;
  offset: number;
};

export type SearchHitRow = {
  id: number;
  title: string;
  titleReading: string | null;
  authors: { name: string; reading: string | null }[];
  publisher: string | null;
  year: number | null;
  available: number;
  total: number;
  queueLength: number;
};

export type FacetRow = { value: string; count: number };
export type SearchRows = {
  total: number;
  hits: SearchHitRow[];
  facets: {
    materialType: FacetRow[];
    servicePoint: FacetRow[];
    availability: FacetRow[];
    decade: FacetRow[];
  };
};

/**
 * One round trip: the matching records are gathered once (full-text through the GIN index, the other
 * criteria as filters), then counted, paged and faceted. Facets count records, not items.
 */
export async function searchCatalogue(tx: TenantTx, c: SearchCriteria): Promise<SearchRows> {
  const where: SQL[] = [sql`r.library_system_id = ${tx.librarySystemId}`];
  if (c.tsquery) where.push(sql`r.search_vector @@ ${c.tsquery}::tsquery`);
  if (c.isbn13) where.push(sql`r.isbn13 = ${c.isbn13}`);
  if (c.ndcPrefix) where.push(startsWith(sql`r.ndc`, c.ndcPrefix));
  if (c.yearFrom !== null) where.push(sql`r.publication_year >= ${c.yearFrom}`);
  if (c.yearTo !== null) where.push(sql`r.publication_year <= ${c.yearTo}`);
  const itemConditions: SQL[] = [];
  if (c.callNumberPrefix) itemConditions.push(startsWith(sql`i.call_number`, c.callNumberPrefix));
  if (c.materialType) itemConditions.push(sql`i.material_type = ${c.materialType}`);
  if (c.servicePointId) itemConditions.push(sql`i.service_point_id = ${c.servicePointId}`);
  if (c.availableOnly) itemConditions.push(sql`i.status = 'onShelf'`);
  if (itemConditions.length) {
    where.push(
      sql`EXISTS (SELECT 1 FROM items i WHERE i.record_id = r.id AND i.status <> 'withdrawn' AND ${sql.join(itemConditions, sql` AND `)})`,
    );
  }
  const rank = c.tsquery ? sql`ts_rank(r.search_vector, ${c.tsquery}::tsquery)` : sql`0`;
  const order =
    c.sort === "newest"
      ? sql`publication_year DESC NULLS LAST, id DESC`
      : sql`rank DESC, publication_year DESC NULLS LAST, id DESC`;

  const result = await tx.execute(sql`
    WITH matched AS MATERIALIZED (
      SELECT r.id, r.publication_year, ${rank} AS rank
      FROM bibliographic_records r
      WHERE ${sql.join(where, sql` AND `)}
    ),
    page AS (
      SELECT id, row_number() OVER (ORDER BY ${order}) AS n FROM matched ORDER BY n LIMIT ${c.limit} OFFSET ${c.offset}
    ),
    live_items AS (
      SELECT i.record_id, i.material_type, i.service_point_id, i.status
      FROM items i JOIN matched m ON m.id = i.record_id
      WHERE i.status <> 'withdrawn'
    )
    SELECT json_build_object(
      'total', (SELECT count(*) FROM matched),
      'hits', coalesce((
        SELECT json_agg(json_build_object(
          'id', r.id, 'title', r.title, 'titleReading', r.title_reading, 'authors', r.authors,
          'publisher', r.publisher, 'year', r.publication_year,
          'available', (SELECT count(*) FROM items i WHERE i.record_id = r.id AND i.status = 'onShelf'),
          'total', (SELECT count(*) FROM items i WHERE i.record_id = r.id AND i.status <> 'withdrawn'),
          'queueLength', (SELECT count(*) FROM holds h WHERE h.record_id = r.id AND h.status = 'pending')
        ) ORDER BY p.n)
        FROM page p JOIN bibliographic_records r ON r.id = p.id), '[]'::json),
      'materialType', coalesce((SELECT json_agg(json_build_object('value', v, 'count', n) ORDER BY n DESC, v)
        FROM (SELECT material_type AS v, count(DISTINCT record_id) AS n FROM live_items GROUP BY 1) f), '[]'::json),
      'servicePoint', coalesce((SELECT json_agg(json_build_object('value', v, 'count', n) ORDER BY n DESC, v)
        FROM (SELECT service_point_id::text AS v, count(DISTINCT record_id) AS n FROM live_items GROUP BY 1) f), '[]'::json),
      'availability', coalesce((SELECT json_agg(json_build_object('value', v, 'count', n) ORDER BY v)
        FROM (SELECT v, count(*) AS n FROM (
          SELECT CASE WHEN bool_or(status = 'onShelf') THEN 'available' ELSE 'unavailable' END AS v
          FROM live_items GROUP BY record_id) a GROUP BY v) f), '[]'::json),
      'decade', coalesce((SELECT json_agg(json_build_object('value', v, 'count', n) ORDER BY v DESC)
        FROM (SELECT (publication_year / 10 * 10)::text AS v, count(*) AS n FROM matched
              WHERE publication_year IS NOT NULL GROUP BY 1) f), '[]'::json)
    ) AS result`);
  const row = resultRows<{ result: unknown }>(result)[0]?.result;
  const parsed = (typeof row === "string" ? JSON.parse(row) : row) as {
    total: number;
    hits: SearchHitRow[];
    materialType: FacetRow[];
    servicePoint: FacetRow[];
    availability: FacetRow[];
    decade: FacetRow[];
  };
  return {
    total: Number(parsed.total),
    hits: parsed.hits,
    facets: {
      materialType: parsed.materialType,
      servicePoint: parsed.servicePoint,
      availability: parsed.availability,
      decade: parsed.decade,
    },
  };
}
