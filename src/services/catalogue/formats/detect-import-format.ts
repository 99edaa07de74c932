import type { ImportFormat } from "./read-result.ts";

const declared: Record<string, ImportFormat> = {
  "application/marc": "marc",
  "application/marcxml+xml": "marcxml",
  "application/xml": "marcxml",
  "text/xml": "marcxml",
  "text/csv": "csv",
  "text/tab-separated-values": "tsv",
};

/**
 * The format of an import file: the declared media type must agree with the first bytes, so that a
 * PDF sent as `application/marc` is refused before it becomes a thousand failed records.
 */
export function detectImportFormat(contentType: string | undefined, head: Uint8Array): ImportFormat | null {
  const mediaType = contentType?.split(";")[0]?.trim().toLowerCase() ?? "";
  const format = declared[mediaType];
  if (!format) return null;
  const text = new TextDecoder("utf-8", { fatal: false })
    .decode(head.subarray(0, 512))
    .replace(/^\uFEFF/, "");
  const start = text.trimStart();
  switch (format) {
    case "marc":
      // A leader starts with five digits of record length; "4500" (entry map) or a field terminator follows.
      return /^\d{5}/.test(start) && (start.slice(20, 24) === "4500" || start.includes("\x1e"))
        ? "marc"
        : null;
    case "marcxml":
      return /^<(\?xml|([\w-]+:)?(collection|record)\b)/.test(start) && /(collection|record)/.test(start)
        ? "marcxml"
        : null;
    case "csv":
    case "tsv": {
      const header = start.split(/\r?\n/)[0] ?? "";
      const separator = format === "csv" ? "," : "\t";
      return header.split(separator).some((h) => h.trim().replace(/^"|"$/g, "") === "title") ? format : null;
    }
  }
}
