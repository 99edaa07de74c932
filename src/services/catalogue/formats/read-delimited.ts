import { parse } from "csv-parse";
import { type CsvRow, csvColumns, csvRecordKey, mapCsvRows } from "../../../domain/catalogue/map-csv-rows.ts";
import type { ReadRecord } from "./read-result.ts";

/**
 * Reads a CSV or TSV catalogue file with a header row (columns in docs/catalogue-import.md). The
 * rows of one record follow each other; the position of a record is the line of its first row.
 */
export async function* readDelimited(
  chunks: AsyncIterable<Uint8Array>,
  delimiter: "," | "\t",
): AsyncGenerator<ReadRecord> {
  const known = new Set<string>(csvColumns);
  const parser = parse({
    delimiter,
    bom: true,
    columns: (header: string[]) => header.map((h) => h.trim()),
    skip_empty_lines: true,
    relax_column_count: true,
    info: true,
    // TSV files written by spreadsheets do not quote; a stray quote must stay a character.
    quote: delimiter === "\t" ? false : '"',
  });
  const feed = (async () => {
    try {
      for await (const chunk of chunks) {
        if (!parser.write(chunk)) await new Promise((resolve) => parser.once("drain", resolve));
      }
      parser.end();
    } catch (error) {
      parser.destroy(error as Error);
    }
  })();

  let group: CsvRow[] = [];
  let groupKey = "";
  let groupLine = 0;
  let checkedHeader = false;
  try {
    for await (const entry of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number };
    }>) {
      if (!checkedHeader) {
        checkedHeader = true;
        const columns = Object.keys(entry.record);
        const unknown = columns.filter((c) => !known.has(c));
        if (!columns.includes("title")) {
          yield { position: 1, result: { ok: false, reason: "the header has no title column" } };
          return;
        }
        if (unknown.length) {
          yield { position: 1, result: { ok: false, reason: `unknown columns: ${unknown.join(", ")}` } };
          return;
        }
      }
      const row = entry.record as CsvRow;
      const key = csvRecordKey(row);
      if (group.length && key !== groupKey) {
        yield { position: groupLine, result: mapCsvRows(group) };
        group = [];
      }
      if (!group.length) {
        groupKey = key;
        groupLine = entry.info.lines;
      }
      group.push(row);
    }
  } catch (error) {
    yield {
      position: groupLine || 1,
      result: { ok: false, reason: `the file is not valid CSV: ${(error as Error).message}` },
    };
    return;
  } finally {
    await feed;
  }
  if (group.length) yield { position: groupLine, result: mapCsvRows(group) };
}
