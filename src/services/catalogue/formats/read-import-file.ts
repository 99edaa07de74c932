import { readDelimited } from "./read-delimited.ts";
import { readIso2709 } from "./read-iso2709.ts";
import { readMarcxml } from "./read-marcxml.ts";
import type { ImportFormat, ReadRecord } from "./read-result.ts";

export function readImportFile(
  chunks: AsyncIterable<Uint8Array>,
  format: ImportFormat,
): AsyncGenerator<ReadRecord> {
  switch (format) {
    case "marc":
      return readIso2709(chunks);
    case "marcxml":
      return readMarcxml(chunks);
    case "csv":
      return readDelimited(chunks, ",");
    case "tsv":
      return readDelimited(chunks, "\t");
  }
}
