// Circulation benchmark, part 2: the load generators (see bench/circulation.ts). They drive the API through
// a `Send` function: node:http over a real port (PostgreSQL), or the app's own `app.request()` (PGlite).
//   - cycles: closed loop; each client lends an item to a patron and takes it back, again and again, on
//     its own slice of items (whole records) and patrons, so that clients never meet on a row;
//   - openLoop: checkouts started on a fixed schedule whatever the answers; each item is returned a while
//     after it was lent. Latency counts from the scheduled start, so a stall shows (no coordinated omission).
import { Agent, request } from "node:http";
import {
  ITEMS_PER_RECORD,
  type Population,
  round1,
  round2,
  SERVICE_POINT,
  SYSTEM,
} from "./circulation-data.ts";

/** One POST to the API with the staff token: the status and the body's text. */
export type Send = (path: string, body: unknown) => Promise<{ status: number; text: string }>;

export const LOANS_PATH = `/api/v1/${SYSTEM}/loans`;
export const RETURNS_PATH = `/api/v1/${SYSTEM}/returns`;

export type Outcome = { ok: boolean; key: string; ms: number };

/**
 * POSTs over keep-alive connections with node:http: the clients share the machine with the server and the
 * database, and node:http costs a fraction of fetch's CPU per request (fetch adds WHATWG streams and
 * headers objects on both sides), which a real counter, on a machine of its own, would not take from them.
 */
export function httpSend(base: string, token: string): Send {
  const { hostname, port } = new URL(base);
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  return (path, body) =>
    new Promise((resolve, reject) => {
      const payload = JSON.stringify(body);
      const req = request(
        {
          host: hostname,
          port,
          path,
          method: "POST",
          agent,
          headers: {
            "content-type": "application/json",
            "content-length": Buffer.byteLength(payload),
            authorization: `Bearer ${token}`,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () =>
            resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }),
          );
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      req.end(payload);
    });
}

export function inProcessSend(
  app: { request(path: string, init: RequestInit): Response | Promise<Response> },
  token: string,
): Send {
  return async (path, body) => {
    const res = await app.request(path, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    return { status: res.status, text: await res.text() };
  };
}

async function call(send: Send, path: string, body: unknown, expected: number): Promise<Outcome> {
  const t0 = performance.now();
  try {
    const { status, text } = await send(path, body);
    const ms = performance.now() - t0;
    if (status === expected) return { ok: true, key: "", ms };
    let code = "";
    try {
      code = (JSON.parse(text) as { error?: { code?: string } }).error?.code ?? "";
    } catch {}
    return {
      ok: false,
      key: `${path.endsWith("/loans") ? "checkout" : "return"} ${status} ${code}`.trim(),
      ms,
    };
  } catch (error) {
    return { ok: false, key: `request: ${(error as Error).message}`, ms: performance.now() - t0 };
  }
}

export const checkOut = (send: Send, population: Population, patron: number, item: number) =>
  call(
    send,
    LOANS_PATH,
    {
      credential: { kind: "card", value: population.card(patron) },
      itemBarcode: population.barcode(item),
      servicePoint: SERVICE_POINT,
    },
    201,
  );

export const giveBack = (send: Send, population: Population, item: number) =>
  call(send, RETURNS_PATH, { itemBarcode: population.barcode(item), servicePoint: SERVICE_POINT }, 200);

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export type Latencies = {
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
};

export function latencies(values: number[]): Latencies {
  const sorted = [...values].sort((a, b) => a - b);
  const r = (v: number | null) => (v === null ? null : round1(v));
  return {
    p50Ms: r(percentile(sorted, 50)),
    p95Ms: r(percentile(sorted, 95)),
    p99Ms: r(percentile(sorted, 99)),
    maxMs: r(sorted.at(-1) ?? null),
  };
}

function countError(errors: Record<string, number>, key: string) {
  errors[key] = (errors[key] ?? 0) + 1;
}

// =========================================================================================================
// Closed loop.

/** A client's own items and patrons; the cursors carry on from one run of `cycles` to the next. */
export type Slice = {
  items: [number, number];
  patrons: [number, number];
  nextItem: number;
  nextPatron: number;
};

/**
 * Disjoint slices for `clients` clients: items in whole records (two clients never lend copies of one
 * title, whose holdings summary both would update), patrons in equal runs.
 */
export function slices(population: Population, clients: number): Slice[] {
  const itemsEach = Math.floor(population.items / clients / ITEMS_PER_RECORD) * ITEMS_PER_RECORD;
  const patronsEach = Math.floor(population.patrons / clients);
  if (itemsEach < 1 || patronsEach < 1) {
    throw new Error(
      `${clients} clients need at least ${clients * ITEMS_PER_RECORD} items and ${clients} patrons`,
    );
  }
  return Array.from({ length: clients }, (_, c) => ({
    items: [c * itemsEach, (c + 1) * itemsEach],
    patrons: [c * patronsEach, (c + 1) * patronsEach],
    nextItem: c * itemsEach,
    nextPatron: c * patronsEach,
  }));
}

function take(slice: Slice): { item: number; patron: number } {
  const item = slice.nextItem;
  const patron = slice.nextPatron;
  slice.nextItem = item + 1 < slice.items[1] ? item + 1 : slice.items[0];
  slice.nextPatron = patron + 1 < slice.patrons[1] ? patron + 1 : slice.patrons[0];
  return { item, patron };
}

export type CycleResult = {
  clients: number;
  seconds: number;
  checkouts: number;
  returns: number;
  checkoutsPerSecond: number;
  checkout: Latencies;
  return: Latencies;
  errors: Record<string, number>;
  errorCount: number;
};

/**
 * Each slice's client lends, then returns, until `seconds` have passed; a checkout that fails is not
 * returned. A patron never holds more than the one loan in flight, far below any limit.
 */
export async function cycles(
  send: Send,
  population: Population,
  clientSlices: Slice[],
  seconds: number,
  mark?: (what: "checkout" | "return" | null) => void,
): Promise<CycleResult> {
  const checkoutMs: number[] = [];
  const returnMs: number[] = [];
  const errors: Record<string, number> = {};
  const t0 = performance.now();
  const deadline = t0 + seconds * 1000;
  await Promise.all(
    clientSlices.map(async (slice) => {
      while (performance.now() < deadline) {
        const { item, patron } = take(slice);
        mark?.("checkout");
        const lent = await checkOut(send, population, patron, item);
        if (!lent.ok) {
          countError(errors, lent.key);
          continue;
        }
        checkoutMs.push(lent.ms);
        mark?.("return");
        const back = await giveBack(send, population, item);
        mark?.(null);
        if (back.ok) returnMs.push(back.ms);
        else countError(errors, back.key);
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  return {
    clients: clientSlices.length,
    seconds: round2(elapsed),
    checkouts: checkoutMs.length,
    returns: returnMs.length,
    checkoutsPerSecond: round1(checkoutMs.length / elapsed),
    checkout: latencies(checkoutMs),
    return: latencies(returnMs),
    errors,
    errorCount: Object.values(errors).reduce((a, b) => a + b, 0),
  };
}

// =========================================================================================================
// Open loop.

export type OpenLoopResult = {
  rate: number;
  seconds: number;
  scheduled: number;
  checkouts: number;
  /** Checkouts answered a second, from the first scheduled start to the last answer. */
  completedPerSecond: number;
  checkout: Latencies;
  /** Largest delay between a checkout's scheduled start and its send: the load generator's own lag. */
  maxSendLagMs: number;
  returns: number;
  return: Latencies;
  returnAfterMs: number;
  errors: Record<string, number>;
  errorCount: number;
};

/**
 * `rate` checkouts a second for `seconds`, started on schedule (each timer tick starts every checkout due
 * by then); each lent item is returned `returnAfterMs` after its checkout answered. Item k is the k-th
 * record's first copy (then the second copies), so that checkouts in flight never share a record.
 */
export async function openLoop(
  send: Send,
  population: Population,
  rate: number,
  seconds: number,
  returnAfterMs: number,
): Promise<OpenLoopResult> {
  const records = Math.floor(population.items / ITEMS_PER_RECORD);
  const itemOf = (k: number) =>
    (k % records) * ITEMS_PER_RECORD + (Math.floor(k / records) % ITEMS_PER_RECORD);
  const total = Math.round(rate * seconds);
  const interval = 1000 / rate;
  const checkoutMs: number[] = [];
  const returnMs: number[] = [];
  const errors: Record<string, number> = {};
  const inFlight: Promise<void>[] = [];
  let maxLag = 0;
  let lastAnswer = 0;
  const start = async (k: number, due: number) => {
    maxLag = Math.max(maxLag, performance.now() - due);
    const item = itemOf(k);
    const lent = await checkOut(send, population, k % population.patrons, item);
    if (!lent.ok) {
      countError(errors, lent.key);
      return;
    }
    lastAnswer = performance.now();
    checkoutMs.push(lastAnswer - due);
    await new Promise((resolve) => setTimeout(resolve, returnAfterMs));
    const back = await giveBack(send, population, item);
    if (back.ok) returnMs.push(back.ms);
    else countError(errors, back.key);
  };
  const t0 = performance.now() + 5;
  let next = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (next < total && t0 + next * interval <= now) {
        inFlight.push(start(next, t0 + next * interval));
        next++;
      }
      if (next >= total) resolve();
      else setTimeout(tick, Math.max(0, t0 + next * interval - performance.now()));
    };
    setTimeout(tick, 5);
  });
  const scheduleEnd = performance.now();
  await Promise.all(inFlight);
  const elapsed = (scheduleEnd - t0) / 1000;
  const completedIn = (lastAnswer - t0) / 1000;
  return {
    rate,
    seconds: round2(elapsed),
    scheduled: total,
    checkouts: checkoutMs.length,
    completedPerSecond: round1(checkoutMs.length / completedIn),
    checkout: latencies(checkoutMs),
    maxSendLagMs: round1(maxLag),
    returns: returnMs.length,
    return: latencies(returnMs),
    returnAfterMs,
    errors,
    errorCount: Object.values(errors).reduce((a, b) => a + b, 0),
  };
}
