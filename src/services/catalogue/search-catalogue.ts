import { parse as parseIsbn } from "isbn3";
import type { Db } from "../../db/client.ts";
import {
  estimateCatalogueRows,
  estimateMatchCount,
  listSearchHits,
  pageNewestFirst,
  type SearchCriteria,
  type SearchFacets,
  type SearchPage,
  searchExactly,
  searchSample,
} from "../../db/queries/catalogue-search.ts";
import { listServicePointRows } from "../../db/queries/service-points.ts";
import { type TenantTx, withCatalogueReader } from "../../db/tenant.ts";
import { type SearchField, searchWeights } from "../../domain/catalogue/search-document.ts";
import { isbnCandidate, queryTokens, toTsquery } from "../../domain/catalogue/search-text.ts";
import { AppError } from "../../domain/errors.ts";
import type { MaterialType } from "../../domain/vocabulary.ts";

export const MAX_QUERY_LENGTH = 200;
export const MAX_PAGE_SIZE = 100;

/**
 * Up to `exactLimit` matches a search is counted, ranked and faceted exactly. Above, it is estimated from
 * a sample of about `sampleRows` rows of the catalogue table, and ranked within the sample (ADR 0005).
 * Counting exactly reads a table page a match in a large catalogue; a sample of 10,000 rows reads about
 * 1,300 pages. At 3,000 the slowest exact count costs about twice the sample.
 */
export type SearchTuning = { exactLimit: number; sampleRows: number };
export const searchTuning: SearchTuning = { exactLimit: 3_000, sampleRows: 10_000 };

export type SearchInput = {
  /** Any field; an ISBN typed here is searched as an ISBN. */
  q?: string;
  title?: string;
  author?: string;
  publisher?: string;
  subject?: string;
  isbn?: string;
  /** NDC class or its beginning ("913" finds 913.6). */
  ndc?: string;
  /** Call number or its beginning. */
  callNumber?: string;
  materialType?: MaterialType;
  /** Service-point code holding an item. */
  servicePoint?: string;
  availableOnly?: boolean;
  yearFrom?: number;
  yearTo?: number;
  sort?: "relevance" | "newest";
  page?: number;
  pageSize?: number;
};

export type SearchResult = {
  /** Matching records; an estimate rounded to two significant digits when `totalIsEstimate`. */
  total: number;
  totalIsEstimate: boolean;
  /** Facet counts are estimated from a sample (and rounded) too. */
  facetsAreEstimates: boolean;
  page: number;
  pageSize: number;
  results: {
    id: number;
    title: string;
    titleReading: string | null;
    authors: { name: string; reading: string | null }[];
    publisher: string | null;
    year: number | null;
    availability: { available: number; total: number; queueLength: number };
  }[];
  facets: {
    materialType: { value: string; count: number }[];
    servicePoint: { value: string; count: number }[];
    availability: { value: string; count: number }[];
    decade: { value: string; count: number }[];
  };
};

const textFields = ["q", "title", "author", "publisher", "subject", "isbn", "ndc", "callNumber"] as const;

/**
 * Searches the catalogue of one library system: full-text, fields, filters, relevance or newest, facets.
 * A search with more than `tuning.exactLimit` matches answers with an estimated total and facets.
 */
export async function searchCatalogue(
  db: Db,
  librarySystemId: number,
  input: SearchInput,
  tuning: SearchTuning = searchTuning,
): Promise<SearchResult> {
  for (const field of textFields) {
    const value = input[field];
    if (value && value.length > MAX_QUERY_LENGTH) {
      throw new AppError("QUERY_TOO_LONG", { field, length: value.length, max: MAX_QUERY_LENGTH });
    }
  }
  const page = Math.max(1, input.page ?? 1);
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, input.pageSize ?? 20));
  const empty: SearchResult = {
    total: 0,
    totalIsEstimate: false,
    facetsAreEstimates: false,
    page,
    pageSize,
    results: [],
    facets: { materialType: [], servicePoint: [], availability: [], decade: [] },
  };

  let isbn13: string | null = null;
  const isbnText = input.isbn ?? (input.q && isbnCandidate(input.q) ? input.q : undefined);
  if (isbnText) {
    const candidate = isbnCandidate(isbnText);
    isbn13 = candidate ? (parseIsbn(candidate)?.isbn13 ?? null) : null;
    // An ISBN with a wrong check digit matches nothing rather than everything.
    if (!isbn13) return empty;
  }
  const parts: string[] = [];
  const lexemeGroups: string[][] = [];
  const free = isbn13 && !input.isbn ? undefined : input.q;
  for (const [text, weights] of [
    [free, undefined],
    ...(Object.keys(searchWeights) as SearchField[]).map((f) => [input[f], searchWeights[f]] as const),
  ] as const) {
    if (!text?.trim()) continue;
    const groups = queryTokens(text);
    // Text with nothing searchable in it (punctuation only) cannot match anything.
    if (!groups.length) return empty;
    parts.push(toTsquery(groups, weights));
    lexemeGroups.push(...groups);
  }
  const ndcPrefix = input.ndc?.trim() || null;
  const callNumberPrefix = input.callNumber?.trim() || null;

  return withCatalogueReader(db, librarySystemId, async (tx) => {
    const points = await listServicePointRows(tx);
    let servicePointId: string | null = null;
    if (input.servicePoint) {
      const point = points.find((p) => p.code === input.servicePoint);
      if (!point) throw new AppError("UNKNOWN_SERVICE_POINT", { servicePoint: input.servicePoint });
      servicePointId = point.id;
    }
    const hasCriteria =
      parts.length > 0 ||
      isbn13 ||
      ndcPrefix ||
      callNumberPrefix ||
      input.materialType ||
      servicePointId ||
      input.availableOnly ||
      input.yearFrom !== undefined ||
      input.yearTo !== undefined;
    if (!hasCriteria) return empty;
    const criteria: SearchCriteria = {
      tsquery: parts.length ? parts.map((p) => `(${p})`).join(" & ") : null,
      lexemeGroups,
      isbn13,
      ndcPrefix,
      callNumberPrefix,
      materialType: input.materialType ?? null,
      servicePointId,
      availableOnly: input.availableOnly ?? false,
      yearFrom: input.yearFrom ?? null,
      yearTo: input.yearTo ?? null,
      sort: input.sort ?? "relevance",
    };
    const found = await findMatches(tx, criteria, { limit: pageSize, offset: (page - 1) * pageSize }, tuning);
    const hits = await listSearchHits(tx, found.ids);
    const codeOf = new Map(points.map((p) => [p.id, p.code]));
    return {
      total: found.total,
      totalIsEstimate: found.estimated,
      facetsAreEstimates: found.estimated,
      page,
      pageSize,
      results: hits.map((h) => ({
        id: h.id,
        title: h.title,
        titleReading: h.titleReading,
        authors: h.authors,
        publisher: h.publisher,
        year: h.year,
        availability: { available: h.available, total: h.total, queueLength: h.queueLength },
      })),
      facets: {
        ...found.facets,
        servicePoint: found.facets.servicePoint.map((f) => ({
          value: codeOf.get(f.value) ?? f.value,
          count: f.count,
        })),
      },
    };
  });
}

type Matches = { total: number; estimated: boolean; ids: number[]; facets: SearchFacets };

/**
 * The page of matches, their number and facets. Counting, ranking and faceting every match costs a few
 * microseconds each, which a million-record catalogue cannot afford for its frequent words (本 matches a
 * fifth of it). So a search that may have more than `exactLimit` matches is answered from a sample: the
 * total and the facets are scaled up from it, relevance ranks the sample's matches, and the pages after
 * them go on with the other matches, newest first. Whether to count exactly is first judged from the
 * planner's estimate, which never reads a record; an exact count that runs over the limit stops there.
 */
async function findMatches(
  tx: TenantTx,
  c: SearchCriteria,
  page: SearchPage,
  tuning: SearchTuning,
): Promise<Matches> {
  const { exactLimit } = tuning;
  const exactly = async () => {
    const rows = await searchExactly(tx, c, page, exactLimit);
    return rows && { ...rows, estimated: false };
  };
  let overflowed = false;
  // The statistics come from a sample of the table: a margin keeps a count near the limit from running over.
  if ((await estimateMatchCount(tx, c)) <= exactLimit * 0.8) {
    const exact = await exactly();
    if (exact) return exact;
    overflowed = true;
  }

  const tableRows = await estimateCatalogueRows(tx);
  // Two significant digits, so that the sample stays the same while the table grows a little.
  const percent = Number(Math.min(100, (100 * tuning.sampleRows) / Math.max(1, tableRows)).toPrecision(2));
  const rankSample = c.tsquery !== null && c.sort === "relevance";
  const sample = await searchSample(tx, c, rankSample ? page : { limit: 0, offset: 0 }, percent);
  // The sample holds its share of the rows give or take 3 % (over a thousand blocks): far less than
  // the uncertainty of the matches counted in it.
  const scale = 100 / percent;
  const estimate = Math.round(sample.matched * scale);
  if (!overflowed && estimate <= exactLimit * 0.8) {
    // The planner expected more than there are (a word of common bigrams that rarely meet).
    const exact = await exactly();
    if (exact) return exact;
  }

  // Relevance puts the sample's matches first; the other matches follow them newest first.
  const ranked = rankSample ? sample.matched : 0;
  let ids = rankSample ? sample.ids : [];
  if (ids.length < page.limit) {
    const rest = { limit: page.limit - ids.length, offset: Math.max(0, page.offset - ranked) };
    ids = [...ids, ...(await pageNewestFirst(tx, c, rest, rankSample ? (sample.allIds ?? []) : []))];
  }
  const scaled = (facets: SearchFacets[keyof SearchFacets]) =>
    facets.map((f) => ({ value: f.value, count: Math.max(1, roughly(f.count * scale)) }));
  return {
    // An exact count that ran over the limit proves at least that many.
    total: roughly(overflowed ? Math.max(estimate, exactLimit + 1) : estimate),
    estimated: true,
    ids,
    facets: {
      materialType: scaled(sample.facets.materialType),
      servicePoint: scaled(sample.facets.servicePoint),
      availability: scaled(sample.facets.availability),
      decade: scaled(sample.facets.decade),
    },
  };
}

/** An estimate as people say it: two significant digits (201,234 → 200,000). */
function roughly(n: number): number {
  return n < 100 ? Math.round(n) : Number(n.toPrecision(2));
}
