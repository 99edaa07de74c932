import { createReadStream, statSync } from "node:fs";
import { basename, extname } from "node:path";
import { Presets, SingleBar } from "cli-progress";
import { systemClock } from "../clock.ts";
import type { Db } from "../db/client.ts";
import { runCatalogueImport } from "../services/catalogue/run-catalogue-import.ts";
import { startCatalogueImport } from "../services/catalogue/start-catalogue-import.ts";

const typeByExtension: Record<string, string> = {
  ".mrc": "application/marc",
  ".marc": "application/marc",
  ".dat": "application/marc",
  ".xml": "application/marcxml+xml",
  ".csv": "text/csv",
  ".tsv": "text/tab-separated-values",
  ".txt": "text/tab-separated-values",
};
const typeByName: Record<string, string> = {
  marc: "application/marc",
  marcxml: "application/marcxml+xml",
  csv: "text/csv",
  tsv: "text/tab-separated-values",
};

/**
 * `shiori import FILE --system S`: stores the file like an upload, then runs the import in this
 * process with a progress bar (no worker takes it), and prints the same summary as the API.
 */
export async function importCommand(
  db: Db,
  librarySystemId: number,
  file: string,
  type: string | undefined,
): Promise<number> {
  const contentType = type ? typeByName[type] : typeByExtension[extname(file).toLowerCase()];
  if (!contentType) {
    console.error(`形式がわかりません / Unknown format: use --type marc|marcxml|csv|tsv`);
    return 1;
  }
  const size = statSync(file).size;
  const started = await startCatalogueImport({
    db,
    librarySystemId,
    actorStaffId: null,
    contentType,
    fileName: basename(file),
    body: createReadStream(file, { highWaterMark: 256 * 1024 }),
    now: systemClock.now(),
    queueJob: false,
  });
  const bar = new SingleBar(
    {
      format: "{bar} {percentage}% | {records} records | {failed} failed | {rate}/s",
      hideCursor: true,
      stream: process.stderr,
    },
    Presets.shades_classic,
  );
  bar.start(size, 0, { records: 0, failed: 0, rate: 0 });
  const t0 = Date.now();
  const result = await runCatalogueImport({
    db,
    clock: systemClock,
    librarySystemId,
    importId: started.id,
    onProgress: (p) => {
      const seconds = Math.max((Date.now() - t0) / 1000, 0.001);
      bar.update(p.bytesRead, {
        records: p.processed,
        failed: p.failed,
        rate: Math.round(p.processed / seconds),
      });
    },
  });
  bar.update(size);
  bar.stop();
  console.log(
    JSON.stringify(
      {
        id: result.id,
        status: result.status,
        total: result.processed,
        imported: result.imported,
        updated: result.updated,
        failed: result.failed,
        errors: result.errors.slice(0, 20),
        ...(result.failure ? { failure: result.failure } : {}),
      },
      null,
      2,
    ),
  );
  return result.status === "done" ? 0 : 1;
}
