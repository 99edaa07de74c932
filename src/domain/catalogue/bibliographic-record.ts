import type { ItemFlag, MaterialType } from "../vocabulary.ts";

/** A person or body responsible for a work, with its katakana reading where the source gives one. */
export type Contributor = {
  name: string;
  reading: string | null;
};

/**
 * What Shiori keeps of a bibliographic record, whatever the source format (MARC 21, MARCXML, CSV).
 * Readings are the katakana transcriptions Japanese records carry (880 linked fields and the like).
 */
export type BibliographicRecord = {
  /** 001 of the source record; the first key for matching a re-import. */
  controlNumber: string | null;
  title: string;
  titleReading: string | null;
  /** 245 $c: the statement of responsibility as printed. */
  responsibility: string | null;
  authors: Contributor[];
  publisher: string | null;
  publicationYear: number | null;
  edition: string | null;
  series: string[];
  /** Normalised to 13 digits without hyphens; the second key for matching a re-import. */
  isbn13: string | null;
  /** The 10-digit form, kept for display when the book carries one. */
  isbn10: string | null;
  /** Nippon Decimal Classification (e.g. "913.6"). */
  ndc: string | null;
  /** National Diet Library Classification (e.g. "KH123"). */
  ndlc: string | null;
  subjects: string[];
  notes: string[];
  /** ISO 639-2/B code as MARC writes it (e.g. "jpn"). */
  language: string | null;
  extent: string | null;
};

/** An item described in the source file's holdings (852/949 or the CSV item columns). */
export type ImportedItem = {
  barcode: string;
  materialType: MaterialType;
  callNumber: string;
  /** Service-point code of the item's home. */
  servicePoint: string;
  flags: ItemFlag[];
  receivedOn: string | null;
};

export type ImportedRecord = {
  record: BibliographicRecord;
  items: ImportedItem[];
};
