import type { MappingResult } from "../../../domain/catalogue/map-marc-record.ts";

/** One record of an import file: its 1-based position in the file, and what it maps to. */
export type ReadRecord = { position: number; result: MappingResult };

export type ImportFormat = "marc" | "marcxml" | "csv" | "tsv";
