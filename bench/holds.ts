import { availableParallelism, loadavg } from "node:os";
import { type SQL, sql } from "drizzle-orm";
import { japanDate } from "../src/clock.ts";
import { type Database, openDatabase } from "../src/db/client.ts";
import { resultRows } from "../src/db/migrate.ts";
import { withTenant } from "../src/db/tenant.ts";
import { expireHolds } from "../src/services/holds/expire-holds.ts";
import { count, option } from "./bench-options.ts";
import { serveBenchApp, signInDemoStaff } from "./bench-server.ts";
import {
  adminQuery,
  cleanup,
  freshDatabase,
  ITEMS_PER_RECORD,
  loadPopulation,
  NOW,
  onCleanup,
  type Population,
  postgresServer,
  progress,
  round1,
  round2,
  SERVICE_POINT,
  SYSTEM,
  scratchDatabase,
} from "./circulation-data.ts";
import { httpSend, latencies, RETURNS_PATH, type Send } from "./circulation-load.ts";
import {
  explainSamples,
  installStatementProbe,
  markRequest,
  serverSettings,
  startDiagnostics,
  startProfile,
  stopProfile,
} from "./circulation-profile.ts";

const HOLDS_PATH = `/api/v1/${SYSTEM}/holds`;
/** Takarazuka's limit of active reservations a patron (001: 予約の合計冊数は10冊). */
const HOLDS_PER_PATRON = 10;
const SHORT_QUEUE = 10;
/** Patrons who place on the long and on the short title after the returns. */
const TAIL_PLACEMENTS = 20;
/** Patrons who place one client's reservations with every statement timed (ten each). */
const PROFILE_PATRONS = 5;
const BRANCH = "west";
const BATCH = 50_000;
/** What the API's z.string().uuid() takes: a version 1-8 and the RFC variant. */
const RFC_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const GOALS = { trapP95Ratio: 1.5, expireSeconds: 30, expireCount: 100_000, queue: 10_000 };
/** The daily job's run: early on the morning after the bench's day. */
const JOB_NOW = new Date(NOW.getTime() + 17 * 3_600_000);

type Options = {
  db: "postgres" | "pglite";
  quick: boolean;
  clients: number;
  placements: number;
  warmupPlacements: number;
  queue: number;
  copies: number;
  warmupReturns: number;
  ready: number;
  retrapShare: number;
};

function emit(line: Record<string, unknown>) {
  console.log(JSON.stringify({ bench: "holds", ...line }));
}

function parseOptions(args: readonly string[]): Options {
  const known = new Set([
    "--quick",
    "--clients",
    "--placements",
    "--queue",
    "--copies",
    "--ready",
    "--retrap-share",
    "--db",
  ]);
  for (const arg of args) {
    if (arg.startsWith("--") && !known.has(arg)) throw new Error(`unknown option ${arg}`);
  }
  const quick = args.includes("--quick");
  const db = option(args, "--db") ?? (process.env.DATABASE_URL ? "postgres" : "pglite");
  if (db !== "postgres" && db !== "pglite") throw new Error(`--db must be postgres or pglite, got "${db}"`);
  const share = Number(option(args, "--retrap-share") ?? "0.1");
  if (!(share >= 0 && share <= 1)) throw new Error("--retrap-share must be between 0 and 1");
  // Whole patrons: each places the limit.
  const placements =
    Math.ceil(count(args, "--placements", quick ? 400 : 10_000) / HOLDS_PER_PATRON) * HOLDS_PER_PATRON;
  return {
    db,
    quick,
    clients: count(args, "--clients", 20),
    placements,
    warmupPlacements: Math.max(HOLDS_PER_PATRON, Math.round(placements / 250) * HOLDS_PER_PATRON),
    queue: count(args, "--queue", quick ? 1_000 : 10_000, SHORT_QUEUE + 1),
    copies: count(args, "--copies", quick ? 50 : 200, 20),
    warmupReturns: 10,
    ready: count(args, "--ready", quick ? 1_000 : 100_000),
    retrapShare: share,
  };
}

async function openFresh(kind: Options["db"]): Promise<{ database: Database; url?: string }> {
  if (kind === "pglite") return freshDatabase("pglite");
  try {
    await adminQuery("SELECT 1");
  } catch (error) {
    throw new Error(`PostgreSQL unreachable at ${new URL(postgresServer).host}: ${(error as Error).message}`);
  }
  const { url } = await scratchDatabase("holds");
  const database = await openDatabase({ url });
  onCleanup(() => database.close().catch(() => {}));
  return { database, url };
}

// =========================================================================================================
// The data: item and patron indices of the loaded population, by use.

type Range = [number, number];

type Layout = {
  longTitle: Range;
  shortTitle: Range;
  placementItems: Range;
  readyItems: Range;
  placingPatrons: Range;
  profilePatrons: Range;
  tailPatrons: Range;
  /** Patrons of the reservations and loans written with SQL. */
  otherPatrons: Range;
  items: number;
  patrons: number;
};

function layoutFor(o: Options): Layout {
  const evenUp = (n: number) => n + (n % ITEMS_PER_RECORD);
  const copies = evenUp(o.copies + o.warmupReturns);
  const placementItems = evenUp(Math.max(2_000, 2 * o.placements));
  const placing = (o.placements + o.warmupPlacements) / HOLDS_PER_PATRON;
  const others = Math.max(o.queue, 2_000);
  const a = copies;
  const b = a + copies;
  const c = b + placementItems;
  const api = placing + PROFILE_PATRONS + TAIL_PLACEMENTS;
  return {
    longTitle: [0, a],
    shortTitle: [a, b],
    placementItems: [b, c],
    readyItems: [c, c + o.ready],
    placingPatrons: [0, placing],
    profilePatrons: [placing, placing + PROFILE_PATRONS],
    tailPatrons: [placing + PROFILE_PATRONS, api],
    otherPatrons: [api, api + others],
    items: c + o.ready,
    patrons: api + others,
  };
}

type Fixture = {
  librarySystemId: number;
  population: Population;
  layout: Layout;
  central: string;
  today: string;
  patronIds: string[];
  longRecordId: number;
  shortRecordId: number;
  placementRecordIds: number[];
  insertPending(recordId: number, n: number, from: number): Promise<void>;
};

/** The loaded items [lo, hi) as rows (id, record_id, n: the item's index), through their barcodes. */
function itemRange(population: Population, [lo, hi]: Range): SQL {
  const barcodes = JSON.stringify(Array.from({ length: hi - lo }, (_, k) => population.barcode(lo + k)));
  return sql`(SELECT i.id, i.record_id, (${lo}::int + c.k::int - 1) AS n
    FROM jsonb_array_elements_text(${barcodes}::jsonb) WITH ORDINALITY AS c(number, k)
    JOIN items i ON i.library_system_id = ${population.librarySystemId} AND i.barcode = c.number)`;
}

function batches([lo, hi]: Range): Range[] {
  const out: Range[] = [];
  for (let b = lo; b < hi; b += BATCH) out.push([b, Math.min(hi, b + BATCH)]);
  return out;
}

async function prepare(database: Database, o: Options): Promise<Fixture> {
  const db = database.db;
  const layout = layoutFor(o);
  const { population, line } = await loadPopulation(database, {
    items: layout.items,
    patrons: layout.patrons,
  });
  emit(line);
  const id = population.librarySystemId;
  const today = japanDate(NOW);
  const central = resultRows<{ id: string }>(
    await db.execute(
      sql`SELECT id FROM service_points WHERE library_system_id = ${id} AND code = ${SERVICE_POINT}`,
    ),
  )[0]!.id;
  const branch = resultRows<{ id: string }>(
    await db.execute(sql`SELECT id FROM service_points WHERE library_system_id = ${id} AND code = ${BRANCH}`),
  )[0]?.id;
  if (!branch) throw new Error(`service point "${BRANCH}" was not seeded`);

  progress(`${database.kind}: reservations, loans and the hold shelf`);
  const t0 = performance.now();
  // Patron ids through their cards, in index order.
  const cards = JSON.stringify(Array.from({ length: layout.patrons }, (_, i) => population.card(i)));
  const readPatronIds = async () =>
    resultRows<{ id: string }>(
      await db.execute(sql`SELECT pc.patron_id AS id
        FROM jsonb_array_elements_text(${cards}::jsonb) WITH ORDINALITY AS c(number, k)
        JOIN patron_cards pc ON pc.library_system_id = ${id} AND pc.number = c.number
        ORDER BY c.k`),
    ).map((r) => r.id);
  // The loaded ids are md5 digests, most of them not RFC 9562 UUIDs, which the API's patronId refuses:
  // the patrons who reserve through the API get the same digest with version 4 and variant bits.
  const apiPatrons = (await readPatronIds()).slice(0, layout.tailPatrons[1]);
  const renamed = apiPatrons
    .filter((old) => !RFC_UUID.test(old))
    .map((old) => ({ old, new: `${old.slice(0, 14)}4${old.slice(15, 19)}8${old.slice(20)}` }));
  const map = sql`map AS (SELECT m.old::uuid AS old, m.new::uuid AS new
    FROM jsonb_to_recordset(${JSON.stringify(renamed)}::jsonb) AS m(old text, new text))`;
  await db.execute(sql`WITH ${map}
    INSERT INTO patrons SELECT (jsonb_populate_record(NULL::patrons, to_jsonb(p)
        || jsonb_build_object('id', m.new, 'household_id', CASE WHEN p.household_id = p.id THEN m.new
                                                                ELSE p.household_id END))).*
      FROM patrons p JOIN map m ON p.id = m.old`);
  await db.execute(
    sql`WITH ${map} UPDATE patron_cards c SET patron_id = m.new FROM map m WHERE c.patron_id = m.old`,
  );
  await db.execute(sql`WITH ${map} DELETE FROM patrons p USING map m WHERE p.id = m.old`);
  const patronIds = await readPatronIds();
  if (patronIds.length !== layout.patrons) throw new Error("patrons missing after the load");
  const [o0, o1] = layout.otherPatrons;
  const othersJson = JSON.stringify(patronIds.slice(o0, o1));
  const nOthers = o1 - o0;
  const others = sql`others AS (SELECT (o.k - 1)::int AS i, o.id::uuid AS id
    FROM jsonb_array_elements_text(${othersJson}::jsonb) WITH ORDINALITY AS o(id, k))`;

  // The two titles: every copy of a range moved onto the range's first title, and lent.
  const titleOf = async (range: Range) => {
    const rows = resultRows<{ recordId: number; emptied: number[] }>(
      await db.execute(sql`WITH x AS ${itemRange(population, range)}
        SELECT (SELECT record_id::int FROM x ORDER BY n LIMIT 1) AS "recordId",
               (SELECT array_agg(DISTINCT record_id::int) FROM x) AS emptied`),
    )[0]!;
    await db.execute(sql`WITH x AS ${itemRange(population, range)}
      UPDATE items SET record_id = ${rows.recordId} FROM x WHERE items.id = x.id`);
    return rows;
  };
  const long = await titleOf(layout.longTitle);
  const short = await titleOf(layout.shortTitle);
  const loanedAt = new Date(NOW.getTime() - 7 * 86_400_000).toISOString();
  await db.execute(sql`WITH ${others}, x AS ${itemRange(population, [layout.longTitle[0], layout.shortTitle[1]])},
    lent AS (
      INSERT INTO loans (library_system_id, item_id, patron_id, credential_kind, service_point_id, loaned_at,
                         loaned_on, first_due_on, due_on)
      SELECT ${id}, x.id, o.id, 'card', ${central}::uuid, ${loanedAt}::timestamptz, ${today}::date - 7,
             ${today}::date + 7, ${today}::date + 7
        FROM x JOIN others o ON o.i = x.n % ${nOthers}::int
      RETURNING item_id)
    UPDATE items SET status = 'onLoan', due_on = ${today}::date + 7, updated_at = ${loanedAt}::timestamptz
      FROM lent WHERE items.id = lent.item_id`);

  // Pending reservations, one a second in order of `from`, patrons in turn; mail when the patron has an address.
  const queueStart = new Date(NOW.getTime() - 20 * 86_400_000).toISOString();
  const insertPending = async (recordId: number, n: number, from: number) => {
    await db.execute(sql`WITH ${others}
      INSERT INTO holds (library_system_id, record_id, patron_id, status, channel, contact,
                         pickup_service_point_id, material_type, created_at, updated_at)
      SELECT ${id}, ${recordId}::bigint, o.id, 'pending', CASE WHEN g.k % 3 = 0 THEN 'web' ELSE 'counter' END,
             CASE WHEN p.email IS NULL THEN 'none' ELSE 'email' END, ${central}::uuid, 'book',
             ${queueStart}::timestamptz + g.k * interval '1 second',
             ${queueStart}::timestamptz + g.k * interval '1 second'
        FROM generate_series(${from}::int, ${from + n - 1}::int) AS g(k)
        JOIN others o ON o.i = g.k % ${nOthers}::int
        JOIN patrons p ON p.id = o.id`);
  };
  await insertPending(long.recordId, o.queue, 0);
  await insertPending(short.recordId, SHORT_QUEUE, 0);

  // The hold shelf: ready reservations past their deadline, each on its own copy.
  const readyAt = new Date(NOW.getTime() - 30 * 86_400_000).toISOString();
  const step = o.retrapShare > 0 ? Math.max(1, Math.round(1 / o.retrapShare)) : 0;
  for (const range of batches(layout.readyItems)) {
    await db.execute(sql`WITH ${others}, x AS ${itemRange(population, range)},
      shelved AS (
        UPDATE items i SET status = 'onHoldShelf', due_on = NULL, updated_at = ${readyAt}::timestamptz
          FROM x WHERE i.id = x.id RETURNING i.id)
      INSERT INTO holds (library_system_id, record_id, item_id, patron_id, status, channel, contact,
                         pickup_service_point_id, material_type, ready_on, notified_on, pickup_deadline,
                         created_at, updated_at)
      SELECT ${id}, x.record_id, x.id, o.id, 'ready', 'counter',
             CASE WHEN x.n % 3 = 0 AND p.email IS NOT NULL THEN 'email' WHEN x.n % 3 = 1 THEN 'phone'
                  ELSE 'none' END,
             CASE WHEN x.n % 4 = 0 THEN ${branch}::uuid ELSE ${central}::uuid END, 'book',
             ${today}::date - 8 - (x.n / 3 % 3), ${today}::date - 8 - (x.n / 3 % 3),
             ${today}::date - 1 - (x.n / 3 % 3),
             ${readyAt}::timestamptz, ${readyAt}::timestamptz
        FROM x JOIN others o ON o.i = x.n % ${nOthers}::int
        JOIN patrons p ON p.id = o.id`);
    if (step > 0) {
      // One more reservation waits on every step-th title of the batch.
      await db.execute(sql`WITH ${others}, x AS ${itemRange(population, range)},
        titles AS (SELECT record_id, row_number() OVER (ORDER BY record_id) AS r
                     FROM (SELECT DISTINCT record_id FROM x) d)
        INSERT INTO holds (library_system_id, record_id, patron_id, status, channel, contact,
                           pickup_service_point_id, material_type, created_at, updated_at)
        SELECT ${id}, t.record_id, o.id, 'pending', 'web',
               CASE WHEN p.email IS NULL THEN 'none' ELSE 'email' END, ${central}::uuid, 'book',
               ${queueStart}::timestamptz, ${queueStart}::timestamptz
          FROM titles t JOIN others o ON o.i = (t.r * 13 + 7) % ${nOthers}::int
          JOIN patrons p ON p.id = o.id
         WHERE t.r % ${step}::int = 0`);
    }
  }

  const placementRecordIds = resultRows<{ id: number }>(
    await db.execute(sql`SELECT DISTINCT x.record_id::int AS id FROM ${itemRange(population, layout.placementItems)} x
      ORDER BY 1`),
  ).map((r) => r.id);
  if (placementRecordIds.length < HOLDS_PER_PATRON) throw new Error("too few titles to place on");

  // Holdings summaries as circulation leaves them: the job and the returns refresh them from there.
  const touched = [...long.emptied, ...short.emptied];
  for (const range of batches(layout.readyItems)) {
    await db.execute(sql`SELECT refresh_record_summary(${id}::integer,
      ARRAY(SELECT DISTINCT x.record_id FROM ${itemRange(population, range)} x))`);
  }
  await db.execute(sql`SELECT refresh_record_summary(${id}::integer,
    ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(touched)}::jsonb)::bigint))`);
  const setupMs = performance.now() - t0;

  progress(`${database.kind}: VACUUM (ANALYZE)`);
  const a0 = performance.now();
  await database.exec("VACUUM (ANALYZE) holds, items, loans, bibliographic_records, patrons, outbox");
  const analyzeMs = performance.now() - a0;

  const counts = resultRows<Record<string, number>>(
    await db.execute(sql`SELECT
      count(*) FILTER (WHERE status = 'pending' AND record_id = ${long.recordId})::int AS "longQueue",
      count(*) FILTER (WHERE status = 'pending' AND record_id = ${short.recordId})::int AS "shortQueue",
      count(*) FILTER (WHERE status = 'ready')::int AS ready,
      count(*) FILTER (WHERE status = 'pending')::int AS pending,
      count(*)::int AS holds
      FROM holds WHERE library_system_id = ${id}`),
  )[0]!;
  const onLoan = resultRows<{ long: number; short: number }>(
    await db.execute(sql`SELECT
      count(*) FILTER (WHERE record_id = ${long.recordId} AND status = 'onLoan')::int AS long,
      count(*) FILTER (WHERE record_id = ${short.recordId} AND status = 'onLoan')::int AS short
      FROM items WHERE library_system_id = ${id} AND record_id IN (${long.recordId}, ${short.recordId})`),
  )[0]!;
  emit({
    phase: "holds-data",
    db: database.kind,
    ...counts,
    copiesOnLoan: onLoan,
    placementTitles: placementRecordIds.length,
    retrapShare: o.retrapShare,
    setupSeconds: round2(setupMs / 1000),
    analyzeSeconds: round2(analyzeMs / 1000),
  });
  return {
    librarySystemId: id,
    population,
    layout,
    central,
    today,
    patronIds,
    longRecordId: long.recordId,
    shortRecordId: short.recordId,
    placementRecordIds,
    insertPending,
  };
}

// =========================================================================================================
// Placement.

type Call = { ok: boolean; key: string; ms: number; body: unknown };

async function post(send: Send, path: string, body: unknown, expected: number): Promise<Call> {
  const t0 = performance.now();
  try {
    const { status, text } = await send(path, body);
    const ms = performance.now() - t0;
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(text);
    } catch {}
    if (status === expected) return { ok: true, key: "", ms, body: parsed };
    const code = (parsed as { error?: { code?: string } } | null)?.error?.code ?? "";
    return { ok: false, key: `${path.split("/").at(-1)} ${status} ${code}`.trim(), ms, body: parsed };
  } catch (error) {
    return { ok: false, key: `fetch: ${(error as Error).message}`, ms: performance.now() - t0, body: null };
  }
}

const placeHold = (send: Send, patronId: string, recordId: number) =>
  post(
    send,
    HOLDS_PATH,
    { patronId, channel: "counter", recordId, pickupPoint: SERVICE_POINT, contact: "none" },
    201,
  );

function countError(errors: Record<string, number>, key: string) {
  errors[key] = (errors[key] ?? 0) + 1;
}

const errorTotal = (errors: Record<string, number>) => Object.values(errors).reduce((a, b) => a + b, 0);

/** `clients` clients; each takes the next patron of [lo, hi) and places that patron's ten, one after another. */
async function placeMany(send: Send, f: Fixture, [lo, hi]: Range, clients: number, profiled = false) {
  const ms: number[] = [];
  const errors: Record<string, number> = {};
  const titles = f.placementRecordIds;
  let next = lo;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (;;) {
        const patron = next++;
        if (patron >= hi) return;
        for (let j = 0; j < HOLDS_PER_PATRON; j++) {
          const recordId = titles[(patron * HOLDS_PER_PATRON + j) % titles.length]!;
          if (profiled) markRequest("checkout");
          const placed = await placeHold(send, f.patronIds[patron]!, recordId);
          if (profiled) markRequest(null);
          if (placed.ok) ms.push(placed.ms);
          else countError(errors, placed.key);
        }
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  return {
    clients,
    patrons: hi - lo,
    placed: ms.length,
    seconds: round2(elapsed),
    holdsPlacedPerSecond: round1(ms.length / elapsed),
    latency: latencies(ms),
    errors,
    errorCount: errorTotal(errors),
  };
}

async function placementPhase(send: Send, url: string | undefined, f: Fixture, o: Options) {
  const [lo, hi] = f.layout.placingPatrons;
  const warm = lo + o.warmupPlacements / HOLDS_PER_PATRON;
  progress(`placement warm-up (${o.clients} clients, ${o.warmupPlacements} reservations)`);
  const warmup = await placeMany(send, f, [lo, warm], o.clients);
  progress(`placement (${o.clients} clients, ${hi - warm} patrons × ${HOLDS_PER_PATRON})`);
  const diagnose = await startDiagnostics(url);
  const run = await placeMany(send, f, [warm, hi], o.clients);
  const diagnostics = await diagnose(run.placed);
  // One client, every statement timed: where a placement's time goes.
  progress(`placement profile (1 client, ${PROFILE_PATRONS * HOLDS_PER_PATRON} reservations)`);
  startProfile();
  const single = await placeMany(send, f, f.layout.profilePatrons, 1, true);
  const statements = stopProfile().checkout;
  const serverTime = url ? await explainSamples(url, f.librarySystemId) : undefined;
  return {
    ...run,
    diagnosticsPerPlacement: diagnostics,
    warmupErrors: warmup.errorCount + single.errorCount,
    warmupErrorKinds: { ...warmup.errors, ...single.errors },
    profile: { oneClient: single.latency, statements, ...(serverTime ? { serverTime } : {}) },
  };
}

// =========================================================================================================
// Trapping.

type PlanNode = {
  "Node Type": string;
  "Index Name"?: string;
  "Actual Rows"?: number;
  "Actual Loops"?: number;
  "Rows Removed by Filter"?: number;
  "Shared Hit Blocks"?: number;
  "Shared Read Blocks"?: number;
  Plans?: PlanNode[];
};

function planShape(node: PlanNode): string {
  const self = `${node["Node Type"]}${node["Index Name"] ? ` ${node["Index Name"]}` : ""} (rows ${
    node["Actual Rows"] ?? "?"
  }${node["Rows Removed by Filter"] ? `, removed ${node["Rows Removed by Filter"]}` : ""})`;
  const children = (node.Plans ?? []).map(planShape);
  return children.length ? `${self} ← ${children.join(" + ")}` : self;
}

/** The plan of the queue-head query (the statement of claimNextHold) on a title, as the tenant, rolled back. */
async function explainQueueHead(database: Database, f: Fixture, recordId: number) {
  const itemId = resultRows<{ id: number }>(
    await database.db.execute(sql`SELECT id::int AS id FROM items WHERE record_id = ${recordId} LIMIT 1`),
  )[0]!.id;
  const rollback = new Error("rollback");
  let out: Record<string, unknown> = {};
  try {
    await withTenant(database.db, f.librarySystemId, async (tx) => {
      const rows = resultRows<{ "QUERY PLAN": unknown }>(
        await tx.execute(sql`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)
          SELECT id::int AS id, patron_id AS "patronId", pickup_service_point_id AS "pickupServicePointId",
                 contact, delivery
            FROM holds
           WHERE record_id = ${recordId} AND status = 'pending'
             AND (requested_item_id IS NULL OR requested_item_id = ${itemId})
           ORDER BY created_at, id LIMIT 1
             FOR UPDATE SKIP LOCKED`),
      );
      const raw = rows[0]!["QUERY PLAN"];
      const doc = (typeof raw === "string" ? JSON.parse(raw) : raw) as {
        Plan: PlanNode;
        "Planning Time": number;
        "Execution Time": number;
      }[];
      const plan = doc[0]!;
      out = {
        plan: planShape(plan.Plan),
        planningMs: round2(plan["Planning Time"]),
        executionMs: round2(plan["Execution Time"]),
        sharedHitBlocks: plan.Plan["Shared Hit Blocks"] ?? null,
        sharedReadBlocks: plan.Plan["Shared Read Blocks"] ?? null,
      };
      throw rollback;
    });
  } catch (error) {
    if (error !== rollback) return { error: (error as Error).message.slice(0, 160) };
  }
  return out;
}

async function trapPhase(database: Database, url: string | undefined, send: Send, f: Fixture, o: Options) {
  const titles = [
    { name: "long", recordId: f.longRecordId, range: f.layout.longTitle, bucket: "checkout" as const },
    { name: "short", recordId: f.shortRecordId, range: f.layout.shortTitle, bucket: "return" as const },
  ];
  const ms: Record<string, number[]> = { long: [], short: [] };
  const errors: Record<string, number> = {};
  let shortAdded = SHORT_QUEUE;
  const rounds = o.warmupReturns + o.copies;
  progress(`trapping: ${rounds} returns on each title, in turn (the first ${o.warmupReturns} not counted)`);
  for (let r = 0; r < rounds; r++) {
    if (r === o.warmupReturns) startProfile();
    // Each title first in every other round: neither pays for coming after the other's (or the top-up's) work.
    for (const title of r % 2 === 0 ? titles : [...titles].reverse()) {
      const barcode = f.population.barcode(title.range[0] + r);
      markRequest(r >= o.warmupReturns ? title.bucket : null);
      const back = await post(send, RETURNS_PATH, { itemBarcode: barcode, servicePoint: SERVICE_POINT }, 200);
      markRequest(null);
      const trapped = (back.body as { holdTrapped?: { ready?: boolean } | null } | null)?.holdTrapped;
      if (!back.ok) countError(errors, back.key);
      else if (!trapped?.ready) countError(errors, `${title.name}: returned without trapping a reservation`);
      else if (r >= o.warmupReturns) ms[title.name]!.push(back.ms);
      if (title.name === "short") {
        // Untimed: the short queue is 10 again before its next return.
        await f.insertPending(title.recordId, 1, shortAdded++);
      }
    }
  }
  const profile = stopProfile();
  const queues = resultRows<{ long: number; short: number }>(
    await database.db.execute(sql`SELECT
      count(*) FILTER (WHERE record_id = ${f.longRecordId})::int AS long,
      count(*) FILTER (WHERE record_id = ${f.shortRecordId})::int AS short
      FROM holds WHERE status = 'pending' AND record_id IN (${f.longRecordId}, ${f.shortRecordId})`),
  )[0]!;
  const long = latencies(ms.long!);
  const short = latencies(ms.short!);
  const serverTime = url ? await explainSamples(url, f.librarySystemId) : undefined;
  const queueHead = {
    long: await explainQueueHead(database, f, f.longRecordId),
    short: await explainQueueHead(database, f, f.shortRecordId),
  };

  // Placing on each title: the answer carries the place in the queue (counted over the queue).
  const tail: Record<string, number[]> = { long: [], short: [] };
  const [t0, t1] = f.layout.tailPatrons;
  for (let p = t0; p < t1; p++) {
    for (const title of titles) {
      const placed = await placeHold(send, f.patronIds[p]!, title.recordId);
      if (placed.ok) tail[title.name]!.push(placed.ms);
      else countError(errors, `tail ${placed.key}`);
    }
  }
  return {
    figures: { long, short, ratio: long.p95Ms && short.p95Ms ? round2(long.p95Ms / short.p95Ms) : null },
    line: {
      phase: "trap",
      db: database.kind,
      returnsEach: o.copies,
      longQueueAtStart: o.queue,
      longQueueAtEnd: queues.long,
      shortQueue: SHORT_QUEUE,
      shortQueueAtEnd: queues.short,
      returnLongQueue: long,
      returnShortQueue: short,
      statementsLongQueue: profile.checkout,
      statementsShortQueue: profile.return,
      queueHead,
      ...(serverTime ? { serverTimeLongQueue: serverTime } : {}),
      placeOnLongQueue: latencies(tail.long!),
      placeOnShortQueue: latencies(tail.short!),
      errors,
      errorCount: errorTotal(errors),
    },
  };
}

// =========================================================================================================
// Expiry.

async function expiryPhase(database: Database, url: string | undefined, f: Fixture, o: Options) {
  const db = database.db;
  const id = f.librarySystemId;
  const jobToday = japanDate(JOB_NOW);
  progress(`expiry: expireHolds over ${o.ready} ready reservations past their deadline`);
  const outbox0 = resultRows<{ n: number }>(
    await db.execute(sql`SELECT count(*)::int AS n FROM outbox WHERE library_system_id = ${id}`),
  )[0]!.n;
  const diagnose = await startDiagnostics(url);
  startProfile();
  markRequest("checkout");
  const t0 = performance.now();
  const reports = await expireHolds(db, JOB_NOW);
  const ms = performance.now() - t0;
  markRequest(null);
  const statements = stopProfile().checkout;
  const diagnostics = await diagnose(1);
  const report = reports[SYSTEM] ?? { expired: 0, retrapped: 0, mails: 0 };
  const check = resultRows<{ leftPastDeadline: number; stillOnHoldShelf: number; mailsQueued: number }>(
    await db.execute(sql`SELECT
      (SELECT count(*)::int FROM holds WHERE library_system_id = ${id} AND status = 'ready'
          AND pickup_deadline < ${jobToday}::date) AS "leftPastDeadline",
      (SELECT count(*)::int FROM holds h JOIN items i ON i.id = h.item_id
        WHERE h.library_system_id = ${id} AND h.status = 'expired' AND i.status = 'onHoldShelf') AS "stillOnHoldShelf",
      (SELECT count(*)::int FROM outbox WHERE library_system_id = ${id}) - ${outbox0}::int AS "mailsQueued"`),
  )[0]!;
  // A copy freed from the shelf stays there only when it was trapped again for the next reservation here.
  const errors: string[] = [];
  if (report.expired !== o.ready) errors.push(`expired ${report.expired} of ${o.ready}`);
  if (check.leftPastDeadline !== 0) errors.push(`${check.leftPastDeadline} ready reservations left`);
  if (check.stillOnHoldShelf > report.retrapped)
    errors.push(`${check.stillOnHoldShelf} copies left on the hold shelf`);
  return {
    seconds: ms / 1000,
    line: {
      phase: "expiry",
      db: database.kind,
      readyHolds: o.ready,
      seconds: round2(ms / 1000),
      expiredPerSecond: round1(report.expired / (ms / 1000)),
      report,
      reports,
      ...check,
      statements: {
        wallMs: statements.wallMsPerRequest,
        statements: statements.statementsPerRequest,
        dbMs: statements.dbMsPerRequest,
        nodeMs: statements.nodeMsPerRequest,
        byKind: statements.statements.map((s) => ({
          statement: s.statement,
          count: s.perRequest,
          avgMs: s.avgMs,
          totalMs: round1(s.perRequest * s.avgMs),
        })),
      },
      diagnostics: {
        nodeCpuMs: diagnostics.nodeCpuMsPerCycle,
        dbCpuMs: diagnostics.dbCpuMsPerCycle,
        connectionStates: diagnostics.connectionStates,
        walBytes: diagnostics.walBytesPerCycle,
        walSyncs: diagnostics.walSyncsPerCycle,
      },
      errors,
      errorCount: errors.length,
    },
  };
}

// =========================================================================================================

async function main(args: readonly string[]): Promise<number> {
  const o = parseOptions(args);
  emit({
    phase: "options",
    // The machine may be shared: its CPUs and load when the bench starts say how far the figures carry.
    cpus: availableParallelism(),
    loadAverage: round2(loadavg()[0]!),
    ...o,
  });
  installStatementProbe();
  const { database, url } = await openFresh(o.db);
  const fixture = await prepare(database, o);
  if (database.kind === "postgres") emit({ phase: "server", server: await serverSettings(database) });

  const http = await serveBenchApp(database, NOW);
  onCleanup(http.close);
  const send = httpSend(
    http.base,
    await signInDemoStaff(SYSTEM, (path, init) => fetch(`${http.base}${path}`, init)),
  );
  const placement = await placementPhase(send, url, fixture, o);
  emit({ phase: "placement", db: database.kind, ...placement });
  const trap = await trapPhase(database, url, send, fixture, o);
  emit(trap.line);
  await http.close();
  const expiry = await expiryPhase(database, url, fixture, o);
  emit(expiry.line);
  await cleanup();

  const errors =
    placement.errorCount + placement.warmupErrors + trap.line.errorCount + expiry.line.errorCount;
  const expireSeconds = round2(expiry.seconds);
  const atGoalSize = o.ready === GOALS.expireCount;
  const goals = {
    trapP95Ratio: trap.figures.ratio === null ? null : trap.figures.ratio <= GOALS.trapP95Ratio,
    expireHoldsSeconds100k: atGoalSize ? expireSeconds <= GOALS.expireSeconds : null,
  };
  emit({
    phase: "goals",
    goals: {
      trapP95Ratio: `≤ ${GOALS.trapP95Ratio} (queue ${GOALS.queue} p95 / queue ${SHORT_QUEUE} p95)`,
      expireHoldsSeconds100k: `≤ ${GOALS.expireSeconds} s for ${GOALS.expireCount} ready reservations`,
    },
    met: goals,
    errors,
  });
  emit({
    db: database.kind,
    holdsPlacedPerSecond: placement.holdsPlacedPerSecond,
    returnWithTrapP95MsQueue10000: trap.figures.long.p95Ms,
    returnWithTrapP95MsQueue10: trap.figures.short.p95Ms,
    trapP95Ratio: trap.figures.ratio,
    expireHoldsSeconds100k: atGoalSize ? expireSeconds : null,
    goals,
    sizes: {
      quick: o.quick,
      clients: o.clients,
      placements: placement.placed,
      longQueue: o.queue,
      returnsEach: o.copies,
      readyHolds: o.ready,
      expireHoldsSeconds: expireSeconds,
    },
    errors,
  });
  return errors > 0 ? 1 : 0;
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void cleanup().finally(() => process.exit(130));
  });
}
try {
  const status = await main(process.argv.slice(2));
  await cleanup();
  process.exit(status);
} catch (error) {
  await cleanup();
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
}
