// Circulation benchmark: the HTTP clients in a thread of their own, as real counters are outside the server,
// so the server's event loop serves requests only (see bench/circulation.ts, saturation and open loop).
import { parentPort, Worker, workerData } from "node:worker_threads";
import type { Population } from "./circulation-data.ts";
import {
  type CycleResult,
  cycles,
  httpSend,
  type OpenLoopResult,
  openLoop,
  type Slice,
} from "./circulation-load.ts";

type Job =
  | { kind: "cycles"; slices: Slice[]; seconds: number }
  | { kind: "openLoop"; rate: number; seconds: number; returnAfterMs: number };

type Data = {
  base: string;
  token: string;
  population: {
    librarySystemId: number;
    items: number;
    patrons: number;
    barcodes: string[];
    cards: string[];
  };
  job: Job;
};

/** Runs a load phase in a worker thread against the server at `base`; the slices' cursors move on as in-process. */
export async function runLoadInWorker<J extends Job>(
  base: string,
  token: string,
  population: Population,
  job: J,
): Promise<J extends { kind: "cycles" } ? CycleResult : OpenLoopResult> {
  const data: Data = {
    base,
    token,
    population: {
      librarySystemId: population.librarySystemId,
      items: population.items,
      patrons: population.patrons,
      barcodes: Array.from({ length: population.items }, (_, i) => population.barcode(i)),
      cards: Array.from({ length: population.patrons }, (_, i) => population.card(i)),
    },
    job,
  };
  // The worker runs this TypeScript file too, with tsx's loader registered first.
  const boot = `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}); })`;
  const worker = new Worker(boot, { eval: true, workerData: data });
  const answer = await new Promise<{ result: CycleResult | OpenLoopResult; slices?: Slice[] }>(
    (resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
      worker.once("exit", (code) => reject(new Error(`load worker exited with ${code}`)));
    },
  );
  await worker.terminate();
  if (job.kind === "cycles" && answer.slices) {
    for (const [i, slice] of answer.slices.entries()) Object.assign(job.slices[i]!, slice);
  }
  return answer.result as J extends { kind: "cycles" } ? CycleResult : OpenLoopResult;
}

async function work(data: Data) {
  const { barcodes, cards, ...counts } = data.population;
  const population: Population = { ...counts, barcode: (i) => barcodes[i]!, card: (p) => cards[p]! };
  const send = httpSend(data.base, data.token);
  const { job } = data;
  if (job.kind === "cycles") {
    const result = await cycles(send, population, job.slices, job.seconds);
    return { result, slices: job.slices };
  }
  return { result: await openLoop(send, population, job.rate, job.seconds, job.returnAfterMs) };
}

if (parentPort && workerData) {
  const port = parentPort;
  work(workerData as Data).then((answer) => port.postMessage(answer));
}
