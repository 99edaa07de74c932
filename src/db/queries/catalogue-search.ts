import { type SQL, sql } from "drizzle-orm";
import { resultRows } from "../migrate.ts";
import { startsWith, textArray } from "../sql-arrays.ts";
import type { TenantTx } from "../tenant.ts";

export type SearchCriteria = {
  /** tsquery text (quoted lexemes); null when no text was given. */
  tsquery: string | null;
  /** The lexemes of the tsquery, one group a search term (the bigrams of one word form a group). */
  lexemeGroups: string[][];
  isbn13: string | null;
  ndcPrefix: string | null;
  callNumberPrefix: string | null;
  materialType: string | null;
  servicePointId: string | null;
  availableOnly: boolean;
  yearFrom: number | null;
  yearTo: number | null;
  sort: "relevance" | "newest";
};

export type SearchPage = { limit: number; offset: number };

export type FacetRow = { value: string; count: number };
export type SearchFacets = {
  materialType: FacetRow[];
  servicePoint: FacetRow[];
  availability: FacetRow[];
  decade: FacetRow[];
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

// The order of hits. Relevance needs a text query; without one it is the same as newest first.
const newestFirst = sql.raw("publication_year DESC NULLS LAST, id DESC");
const byRelevance = sql.raw("rank DESC, publication_year DESC NULLS LAST, id DESC");
// Any fixed seed: the same sample for the same table, so that paging through an estimate is stable.
const SAMPLE_SEED = 7;

/**
 * The WHERE clause of a search over `bibliographic_records r`. Item criteria read the record's
 * holdings summary (migration 0004); only criteria that must hold for one and the same item, or the call
 * number that the summary does not keep, look at the items themselves, and then only for records the
 * summary lets through.
 */
function matching(tx: TenantTx, c: SearchCriteria): SQL {
  const where: SQL[] = [sql`r.library_system_id = ${tx.librarySystemId}`];
  if (c.tsquery) where.push(sql`r.search_vector @@ ${c.tsquery}::tsquery`);
  if (c.isbn13) where.push(sql`r.isbn13 = ${c.isbn13}`);
  if (c.ndcPrefix) where.push(startsWith(sql`r.ndc`, c.ndcPrefix));
  if (c.yearFrom !== null) where.push(sql`r.publication_year >= ${c.yearFrom}`);
  if (c.yearTo !== null) where.push(sql`r.publication_year <= ${c.yearTo}`);
  if (c.materialType) where.push(sql`${c.materialType}::text = ANY(r.material_types)`);
  if (c.servicePointId) where.push(sql`${c.servicePointId}::uuid = ANY(r.service_point_ids)`);
  if (c.availableOnly) where.push(sql`r.available_item_count > 0`);
  const itemConditions: SQL[] = [];
  if (c.callNumberPrefix) itemConditions.push(startsWith(sql`i.call_number`, c.callNumberPrefix));
  if (c.materialType) itemConditions.push(sql`i.material_type = ${c.materialType}`);
  if (c.servicePointId) itemConditions.push(sql`i.service_point_id = ${c.servicePointId}`);
  if (c.availableOnly) itemConditions.push(sql`i.status = 'onShelf'`);
  if (c.callNumberPrefix || itemConditions.length > 1) {
    where.push(
      sql`EXISTS (SELECT 1 FROM items i WHERE i.record_id = r.id AND i.library_system_id = ${tx.librarySystemId}
        AND i.status <> 'withdrawn' AND ${sql.join(itemConditions, sql` AND `)})`,
    );
  }
  return sql.join(where, sql` AND `);
}

/** The rank of a match, computed only when relevance orders the hits. */
function rankOf(c: SearchCriteria): SQL {
  return c.tsquery && c.sort === "relevance"
    ? sql`ts_rank(r.search_vector, ${c.tsquery}::tsquery)`
    : sql`0::real`;
}

function orderOf(c: SearchCriteria): SQL {
  return c.tsquery && c.sort === "relevance" ? byRelevance : newestFirst;
}

/** What the facets and the page are computed from: the matching records with their holdings summary. */
const matchedColumns = sql.raw(`r.id, r.publication_year, r.material_types, r.service_point_ids, r.item_count,
  r.available_item_count`);

/**
 * The facets of the records in the CTE `matched`, as counted there. Records are grouped by their summary
 * first: a result set has few distinct summaries, so the arrays are unnested a few times, not once a record.
 */
const facetsOfMatched = sql.raw(`json_build_object(
  'materialType', coalesce((SELECT json_agg(json_build_object('value', v, 'count', n) ORDER BY n DESC, v)
    FROM (SELECT v, sum(g.n)::int AS n FROM (SELECT material_types, count(*) AS n FROM matched GROUP BY 1) g,
      unnest(g.material_types) v GROUP BY v) f), '[]'::json),
  'servicePoint', coalesce((SELECT json_agg(json_build_object('value', v, 'count', n) ORDER BY n DESC, v)
    FROM (SELECT v::text AS v, sum(g.n)::int AS n FROM (SELECT service_point_ids, count(*) AS n FROM matched GROUP BY 1) g,
      unnest(g.service_point_ids) v GROUP BY v) f), '[]'::json),
  'availability', coalesce((SELECT json_agg(json_build_object('value', v, 'count', n) ORDER BY v)
    FROM (SELECT CASE WHEN available_item_count > 0 THEN 'available' ELSE 'unavailable' END AS v, count(*)::int AS n
      FROM matched WHERE item_count > 0 GROUP BY 1) f), '[]'::json),
  'decade', coalesce((SELECT json_agg(json_build_object('value', v, 'count', n) ORDER BY v DESC)
    FROM (SELECT (publication_year / 10 * 10)::text AS v, count(*)::int AS n FROM matched
      WHERE publication_year IS NOT NULL GROUP BY 1) f), '[]'::json))`);

function parsed<T>(value: unknown): T {
  return (typeof value === "string" ? JSON.parse(value) : value) as T;
}

/**
 * The number of matching records as the planner would reckon it from the table's statistics, without
 * reading a record, except for one thing: the planner takes every lexeme for independent of the others,
 * and so the bigrams of one word too. 講談 and 談社 each occur in 6 % of the records; it expects 講談社 in
 * 0.36 % instead of 6 %. Here each term counts as often as its rarest lexeme, with the frequencies the
 * planner uses, and the terms and the other criteria are taken for independent.
 */
export async function estimateMatchCount(tx: TenantTx, c: SearchCriteria): Promise<number> {
  // Terms of one lexeme (one or two characters) the planner gets right by itself; without statistics, its
  // guess is as good as any.
  const severalLexemes = c.lexemeGroups.some((term) => term.length > 1);
  const frequencyOf = severalLexemes ? await lexemeFrequencies(tx, c.lexemeGroups.flat()) : null;
  const text = frequencyOf ? { ...c, tsquery: null } : c;
  const result = await tx.execute(
    sql`EXPLAIN (FORMAT JSON) SELECT 1 FROM bibliographic_records r WHERE ${matching(tx, text)}`,
  );
  const row = resultRows<Record<string, unknown>>(result)[0] ?? {};
  const plan = parsed<{ Plan: { "Plan Rows": number } }[]>(Object.values(row)[0]);
  const planned = plan[0]?.Plan["Plan Rows"] ?? 0;
  if (!frequencyOf) return planned;
  return c.lexemeGroups.reduce((rows, term) => rows * Math.min(...term.map(frequencyOf)), planned);
}

/**
 * The frequencies of lexemes among the records, as ANALYZE left them in pg_stats (the most common
 * lexemes only), and for the others what the planner assumes: half the least frequency it keeps, at most
 * 0.5 % (tsselfuncs.c). Null without statistics.
 */
async function lexemeFrequencies(
  tx: TenantTx,
  lexemes: readonly string[],
): Promise<((lexeme: string) => number) | null> {
  const result = await tx.execute(sql`
    SELECT e.frequencies[cardinality(e.lexemes) + 1] AS "minFrequency",
      (SELECT json_object_agg(m.lexeme, m.frequency) FROM unnest(e.lexemes, e.frequencies) AS m(lexeme, frequency)
        WHERE m.lexeme = ANY(${textArray(lexemes)})) AS "frequencies"
    FROM pg_stats s,
      LATERAL (SELECT s.most_common_elems::text::text[] AS lexemes, s.most_common_elem_freqs AS frequencies) e
    WHERE s.schemaname = current_schema() AND s.tablename = 'bibliographic_records'
      AND s.attname = 'search_vector'`);
  const row = resultRows<{ minFrequency: number | null; frequencies: unknown }>(result)[0];
  if (!row?.minFrequency) return null;
  const known = parsed<Record<string, number> | null>(row.frequencies) ?? {};
  const rare = Math.min(0.005, row.minFrequency / 2);
  return (lexeme) => known[lexeme] ?? rare;
}

/**
 * The number of rows of the whole catalogue table, every library system's, as the planner reckons it: the
 * density of the last statistics times the table's current size. Without statistics, counted.
 */
export async function estimateCatalogueRows(tx: TenantTx): Promise<number> {
  const result = await tx.execute(sql`
    SELECT reltuples::float8 AS "tuples", relpages::float8 AS "pages",
      (pg_relation_size(oid) / current_setting('block_size')::int)::float8 AS "currentPages"
    FROM pg_class WHERE oid = 'bibliographic_records'::regclass`);
  const size = resultRows<{ tuples: number; pages: number; currentPages: number }>(result)[0];
  if (size && size.tuples >= 0 && size.pages > 0) {
    return Math.round((size.tuples / size.pages) * size.currentPages);
  }
  const counted = await tx.execute(sql`SELECT count(*)::float8 AS n FROM bibliographic_records`);
  return resultRows<{ n: number }>(counted)[0]?.n ?? 0;
}

export type ExactSearchRows = { total: number; ids: number[]; facets: SearchFacets };

/**
 * Every matching record, counted, ordered and faceted, when there are at most `cap` of them; null when
 * there are more, found out after reading `cap + 1` of them.
 */
export async function searchExactly(
  tx: TenantTx,
  c: SearchCriteria,
  page: SearchPage,
  cap: number,
): Promise<ExactSearchRows | null> {
  const result = await tx.execute(sql`
    WITH matched AS MATERIALIZED (
      SELECT ${matchedColumns}, ${rankOf(c)} AS rank
      FROM bibliographic_records r
      WHERE ${matching(tx, c)}
      LIMIT ${cap + 1}
    ),
    counted AS (SELECT count(*)::int AS n FROM matched)
    SELECT CASE WHEN (SELECT n FROM counted) > ${cap} THEN NULL ELSE json_build_object(
      'total', (SELECT n FROM counted),
      'ids', coalesce((SELECT json_agg(id ORDER BY ${orderOf(c)})
        FROM (SELECT id, publication_year, rank FROM matched ORDER BY ${orderOf(c)}
          LIMIT ${page.limit} OFFSET ${page.offset}) p), '[]'::json),
      'facets', ${facetsOfMatched}
    ) END AS result`);
  const row = resultRows<{ result: unknown }>(result)[0]?.result;
  return row === null || row === undefined ? null : parsed<ExactSearchRows>(row);
}

export type SampledSearchRows = {
  /** Matching records of this library system in the sample. */
  matched: number;
  /** The requested page of the sample's matches, in the order of the search. */
  ids: number[];
  /** All the sample's matches when the page runs past them, for the next matches to leave out. */
  allIds: number[] | null;
  /** Facets counted over the sample's matches, not scaled. */
  facets: SearchFacets;
};

/**
 * The search over a sample of about `percent` % of the table, taken block by block with a fixed seed (the
 * same blocks every time, as long as the table keeps its size). Costs the same whatever the query:
 * every row of the sampled blocks is tested, no index is used.
 */
export async function searchSample(
  tx: TenantTx,
  c: SearchCriteria,
  page: SearchPage,
  percent: number,
): Promise<SampledSearchRows> {
  const result = await tx.execute(sql`
    WITH matched AS MATERIALIZED (
      SELECT ${matchedColumns}, ${rankOf(c)} AS rank
      FROM bibliographic_records r TABLESAMPLE SYSTEM (${percent}) REPEATABLE (${SAMPLE_SEED})
      WHERE ${matching(tx, c)}
    )
    SELECT json_build_object(
      'matched', (SELECT count(*)::int FROM matched),
      'ids', coalesce((SELECT json_agg(id ORDER BY ${orderOf(c)})
        FROM (SELECT id, publication_year, rank FROM matched ORDER BY ${orderOf(c)}
          LIMIT ${page.limit} OFFSET ${page.offset}) p), '[]'::json),
      'allIds', CASE WHEN (SELECT count(*) FROM matched) < ${page.offset + page.limit}
        THEN coalesce((SELECT json_agg(id) FROM matched), '[]'::json) END,
      'facets', ${facetsOfMatched}
    ) AS result`);
  return parsed<SampledSearchRows>(resultRows<{ result: unknown }>(result)[0]?.result);
}

/**
 * A page of all matching records, newest first, leaving out the records `excluded` (the sample's matches,
 * shown before them). Reads the records newest first through `bibliographic_records_newest` when matches
 * are frequent, so deep pages cost more than the first.
 */
export async function pageNewestFirst(
  tx: TenantTx,
  c: SearchCriteria,
  page: SearchPage,
  excluded: readonly number[],
): Promise<number[]> {
  const leftOut = excluded.length
    ? sql`AND r.id <> ALL(ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(excluded)}::jsonb)::bigint))`
    : sql``;
  // Ordered by the columns themselves, not by an output alias, so that the index gives the order.
  const result = await tx.execute(sql`
    SELECT r.id FROM bibliographic_records r
    WHERE ${matching(tx, c)} ${leftOut}
    ORDER BY r.publication_year DESC NULLS LAST, r.id DESC
    LIMIT ${page.limit} OFFSET ${page.offset}`);
  return resultRows<{ id: number | string }>(result).map((r) => Number(r.id));
}

/**
 * What the result list shows of each record, in the order given. Availability and the queue are read
 * from the items and holds themselves: a page has few records, and it shows them as they are now.
 */
export async function listSearchHits(tx: TenantTx, ids: readonly number[]): Promise<SearchHitRow[]> {
  if (!ids.length) return [];
  const result = await tx.execute(sql`
    SELECT r.id::int AS "id", r.title, r.title_reading AS "titleReading", r.authors, r.publisher,
      r.publication_year AS "year",
      (SELECT count(*)::int FROM items i WHERE i.record_id = r.id AND i.status = 'onShelf') AS "available",
      (SELECT count(*)::int FROM items i WHERE i.record_id = r.id AND i.status <> 'withdrawn') AS "total",
      (SELECT count(*)::int FROM holds h WHERE h.record_id = r.id AND h.status = 'pending') AS "queueLength"
    FROM jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb) WITH ORDINALITY AS p(id, n)
    JOIN bibliographic_records r ON r.id = p.id::bigint AND r.library_system_id = ${tx.librarySystemId}
    ORDER BY p.n`);
  return resultRows<SearchHitRow>(result).map((h) => ({ ...h, authors: parsed(h.authors) }));
}
