import { parse as parseIsbn } from "isbn3";
import type { Db } from "../../db/client.ts";
import { type SearchCriteria, searchCatalogue as searchRows } from "../../db/queries/catalogue-search.ts";
import { listServicePointRows } from "../../db/queries/service-points.ts";
import { withCatalogueReader } from "../../db/tenant.ts";
import { type SearchField, searchWeights } from "../../domain/catalogue/search-document.ts";
import { isbnCandidate, queryTokens, toTsquery } from "../../domain/catalogue/search-text.ts";
import { AppError } from "../../domain/errors.ts";
import type { MaterialType } from "../../domain/vocabulary.ts";

export const MAX_QUERY_LENGTH = 200;
export const MAX_PAGE_SIZE = 100;

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
  total: number;
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

/** Searches the catalogue of one library system: full-text, fields, filters, relevance or newest, facets. */
export async function searchCatalogue(
  db: Db,
  librarySystemId: number,
  input: SearchInput,
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
      isbn13,
      ndcPrefix,
      callNumberPrefix,
      materialType: input.materialType ?? null,
      servicePointId,
      availableOnly: input.availableOnly ?? false,
      yearFrom: input.yearFrom ?? null,
      yearTo: input.yearTo ?? null,
      sort: input.sort ?? "relevance",
      limit: pageSize,
      offset: (page - 1) * pageSize,
    };
    const rows = await searchRows(tx, criteria);
    const codeOf = new Map(points.map((p) => [p.id, p.code]));
    return {
      total: rows.total,
      page,
      pageSize,
      results: rows.hits.map((h) => ({
        id: Number(h.id),
        title: h.title,
        titleReading: h.titleReading,
        authors: h.authors,
        publisher: h.publisher,
        year: h.year,
        availability: {
          available: Number(h.available),
          total: Number(h.total),
          queueLength: Number(h.queueLength),
        },
      })),
      facets: {
        ...rows.facets,
        servicePoint: rows.facets.servicePoint.map((f) => ({
          value: codeOf.get(f.value) ?? f.value,
          count: f.count,
        })),
      },
    };
  });
}
