import type { BibliographicRecord } from "./bibliographic-record.ts";
import { addIndexTokens } from "./search-text.ts";

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
  // Per weight, texts new with each record (titles) and texts that recur across a catalogue (names,
  // publishers, series, subjects), whose tokens are remembered.
  const fields: [weight: keyof typeof positionOf, fresh: string[], recurring: string[]][] = [
    ["A", [record.title, record.titleReading ?? ""], record.series],
    ["B", [], record.authors.flatMap((a) => [a.name, a.reading ?? ""])],
    ["C", [], [record.publisher ?? ""]],
    ["D", [], record.subjects],
  ];
  // Each lexeme's positions, in weight order: "1A,2B" means in the title and among the authors.
  const lexemes = new Map<string, string>();
  const tokens = new Set<string>();
  for (const [weight, fresh, recurring] of fields) {
    tokens.clear();
    for (const text of fresh) addIndexTokens(text, tokens);
    for (const text of recurring) for (const token of tokensOfRecurringText(text)) tokens.add(token);
    const position = weight === "D" ? "4" : `${positionOf[weight]}${weight}`;
    for (const token of tokens) {
      const positions = lexemes.get(token);
      lexemes.set(token, positions === undefined ? position : `${positions},${position}`);
    }
  }
  let document = "";
  for (const [token, positions] of lexemes) {
    const quoted = token.includes("'") ? token.replaceAll("'", "''") : token;
    document += `${document === "" ? "" : " "}'${quoted}':${positions}`;
  }
  return document;
}

/**
 * Names, publishers, series and subjects recur across a catalogue (an import of a million records meets a few
 * thousand publishers), so their tokens are remembered. Titles are not: nearly every one is new. The memo only
 * saves work; `indexTokens` is a pure function of the text. Emptied when full, which bounds its memory.
 */
const MEMO_LIMIT = 20_000;
const memo = new Map<string, readonly string[]>();

function tokensOfRecurringText(text: string): readonly string[] {
  let tokens = memo.get(text);
  if (tokens === undefined) {
    const found = new Set<string>();
    addIndexTokens(text, found);
    tokens = [...found];
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(text, tokens);
  }
  return tokens;
}
