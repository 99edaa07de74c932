// Reads, maps and indexes an import file in a worker thread, so that a large import's parsing runs on one
// core while the database writes on another: on one thread the two took turns. The import's own thread only
// hands the stored pieces of the file over and writes the batches.
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { readImportFile } from "./formats/read-import-file.ts";
import type { ImportFormat } from "./formats/read-result.ts";
import { type IncomingRecord, incomingRecord } from "./incoming-record.ts";

/** A record of the file ready to be written, or the reason it cannot be. */
export type ReadOutcome =
  | { ok: true; incoming: IncomingRecord }
  | { ok: false; position: number; reason: string };

type ToWorker = { type: "chunk"; bytes: Uint8Array } | { type: "end" };
type FromWorker = { type: "need" } | { type: "records"; records: ReadOutcome[] } | { type: "done" };

const WORKER_ROLE = "shiori-catalogue-reader";
/** Records sent back together: fewer messages, and still a small part of a batch. */
const RECORDS_PER_MESSAGE = 100;
/** Records read ahead of the writing at most; the next piece of the file waits until fewer are queued. */
const READ_AHEAD_RECORDS = 2_000;

/** The records of the file, in order, read in the import's own thread (small files: a worker is not worth starting). */
export async function* readIncoming(
  chunks: AsyncIterable<Uint8Array>,
  format: ImportFormat,
): AsyncGenerator<ReadOutcome> {
  for await (const read of readImportFile(chunks, format)) yield outcomeOf(read.position, read.result);
}

/** The records of the file, in order, read in a worker thread that reads at most a little ahead of the caller. */
export async function* readIncomingInWorker(
  chunks: AsyncIterable<Uint8Array>,
  format: ImportFormat,
): AsyncGenerator<ReadOutcome> {
  // The worker runs this module too; under tsx (how Shiori runs) its loader must be registered first.
  // Both by absolute URL: an evaluated worker resolves bare names from the working directory, not from here.
  const tsxApi = JSON.stringify(import.meta.resolve("tsx/esm/api"));
  const boot = `import(${tsxApi}).then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}); })`;
  const worker = new Worker(boot, { eval: true, workerData: { role: WORKER_ROLE, format } });
  const source = chunks[Symbol.asyncIterator]();
  const queue: ReadOutcome[] = [];
  let wanted = false;
  let sending = false;
  let finished = false;
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    const resume = wake;
    wake = null;
    resume?.();
  };
  // The next piece of the file goes over when the worker has asked for it and the caller has caught up.
  const feed = async () => {
    if (!wanted || sending || queue.length >= READ_AHEAD_RECORDS) return;
    wanted = false;
    sending = true;
    try {
      const next = await source.next();
      const message: ToWorker = next.done ? { type: "end" } : { type: "chunk", bytes: next.value };
      worker.postMessage(message);
    } catch (error) {
      failure = error as Error;
      notify();
    } finally {
      sending = false;
    }
  };
  worker.on("message", (message: FromWorker) => {
    if (message.type === "need") {
      wanted = true;
      void feed();
    } else if (message.type === "records") {
      queue.push(...message.records);
      notify();
    } else {
      finished = true;
      notify();
    }
  });
  worker.on("error", (error: Error) => {
    failure = error;
    notify();
  });
  worker.on("exit", (code) => {
    if (!finished && !failure) failure = new Error(`the catalogue reader stopped (exit code ${code})`);
    notify();
  });
  try {
    for (;;) {
      if (queue.length) {
        const records = queue.splice(0, queue.length);
        void feed();
        yield* records;
        continue;
      }
      if (failure) throw failure;
      if (finished) return;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  } finally {
    await worker.terminate();
    await source.return?.();
  }
}

function outcomeOf(
  position: number,
  result: { ok: true; value: IncomingRecord["value"] } | { ok: false; reason: string },
): ReadOutcome {
  return result.ok
    ? { ok: true, incoming: incomingRecord(position, result.value) }
    : { ok: false, position, reason: result.reason };
}

// --- In the worker ----------------------------------------------------------------------------------------

async function serveAsReader(port: NonNullable<typeof parentPort>, format: ImportFormat): Promise<void> {
  const pending: ToWorker[] = [];
  let wake: (() => void) | null = null;
  port.on("message", (message: ToWorker) => {
    pending.push(message);
    const resume = wake;
    wake = null;
    resume?.();
  });
  async function* chunksFromCaller(): AsyncGenerator<Uint8Array> {
    for (;;) {
      port.postMessage({ type: "need" } satisfies FromWorker);
      while (!pending.length) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
      const message = pending.shift() as ToWorker;
      if (message.type === "end") return;
      yield message.bytes;
    }
  }
  let records: ReadOutcome[] = [];
  for await (const read of readImportFile(chunksFromCaller(), format)) {
    records.push(outcomeOf(read.position, read.result));
    if (records.length >= RECORDS_PER_MESSAGE) {
      port.postMessage({ type: "records", records } satisfies FromWorker);
      records = [];
    }
  }
  if (records.length) port.postMessage({ type: "records", records } satisfies FromWorker);
  port.postMessage({ type: "done" } satisfies FromWorker);
}

if (!isMainThread && parentPort && (workerData as { role?: string } | null)?.role === WORKER_ROLE) {
  await serveAsReader(parentPort, (workerData as { format: ImportFormat }).format);
}
