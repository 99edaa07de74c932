import type { BibliographicRecord } from "./bibliographic-record.ts";
import { indexTokens } from "./search-text.ts";

/**
 * The weights of the catalogue's full-text index; a field search restricts the query to one weight.
 * A: title, its reading and series; B: authors and their readings; C: publisher; D: subjects.
 */
export const searchWeights = { title: "A", author: "B", publisher: "C", subject: "D" } as const;
export type SearchField = keyof typeof searchWeights;

const positionOf = { A: 1, B: 2, C: 3, D: 4 } as const;

/**
 * The record's `tsvector` in PostgreSQL's text form. Each lexeme carries one position per weight it
 * occurs in (1 A, 2 B, 3 C, 4 D), because a weight is stored on a position.
 */
export function searchDocument(record: BibliographicRecord): string {
  const byWeight: Record<keyof typeof positionOf, string[]> = {
    A: [record.title, record.titleReading ?? "", ...record.series],
    B: record.authors.flatMap((a) => [a.name, a.reading ?? ""]),
    C: [record.publisher ?? ""],
    D: record.subjects,
  };
  const lexemes = new Map<string, string[]>();
  for (const weight of ["A", "B", "C", "D"] as const) {
    for (const token of new Set(byWeight[weight].flatMap(indexTokens))) {
      const positions = lexemes.get(token) ?? [];
      positions.push(weight === "D" ? "4" : `${positionOf[weight]}${weight}`);
      lexemes.set(token, positions);
    }
  }
  return [...lexemes]
    .map(([token, positions]) => `'${token.replaceAll("'", "''")}':${positions.join(",")}`)
    .join(" ");
}
