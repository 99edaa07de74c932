import { once } from "node:events";
import { createWriteStream } from "node:fs";
import type { Writable } from "node:stream";
import type { Db } from "../db/client.ts";
import { type ExportFormat, exportCatalogue } from "../services/catalogue/export-catalogue.ts";

/** `shiori export --system S --format marc|csv [--output FILE]`: streams the catalogue. */
export async function exportCommand(
  db: Db,
  librarySystemId: number,
  format: ExportFormat,
  output: string | undefined,
): Promise<number> {
  const out: Writable = output ? createWriteStream(output) : process.stdout;
  for await (const chunk of exportCatalogue(db, librarySystemId, format)) {
    if (!out.write(chunk)) await once(out, "drain");
  }
  if (output) {
    out.end();
    await once(out, "finish");
  }
  return 0;
}
