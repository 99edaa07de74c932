// Catalogue benchmark: importing a large MARC 21 file and searching the result.
// For each run (default: PGlite with 100,000 records, PostgreSQL with 100,000 and with 1,000,000):
//   1. a fresh database (a new PGlite data directory, or a new shiori_bench_* PostgreSQL database) is migrated
//      and seeded with the five library systems without demo books (production), so the catalogue is empty;
//   2. generateCatalogue writes that many realistic Japanese records, with items at the service points of
//      "takarazuka", as one ISO 2709 file streamed to a temp directory (generateSeconds; not in the rate);
//   3. the file is imported as the CLI does it: startCatalogueImport reading it with fs.createReadStream
//      (storeSeconds: the file goes into the database), then runCatalogueImport (runSeconds: parsing, mapping,
//      writing). importPerSecond = records / (storeSeconds + runSeconds); every record must be imported;
//      runNodeCpuSeconds and runDatabaseCpuSeconds say where the run's time went: this process (its worker
//      thread included) and every PostgreSQL process on this machine (null for PGlite or a remote server);
//   4. search: first one query (PROBE) as the import leaves the database, without planner statistics
//      (beforeAnalyze; the application runs no ANALYZE itself, PGlite has no autovacuum, and autovacuum may be
//      off or not have come round yet), then VACUUM (ANALYZE) of the catalogue tables (vacuumSeconds), whether
//      the full-text GIN index is used for a search in a tenant transaction (ginUsed, from EXPLAIN), one
//      warm-up pass over a fixed mix of 1–4 character OPAC queries, then the mix PASSES times in a row, each
//      searchCatalogue call (page 1, 20 a page) timed on its own. p50/p95/p99 are over all those calls;
//      byLength gives them per query length, slowest the five slowest queries with their hit counts (and
//      whether the count was estimated: above searchTuning.exactLimit matches, ADR 0005);
//      estimatedQueries says how many queries of the mix were answered with an estimate;
//   5. sizes of the full-text GIN index and of bibliographic_records with its indexes and TOAST, in MB.
// Each run is a child process, so that peakRssMb (process.resourceUsage().maxRSS) is that run's own: for PGlite
// it includes the database, for PostgreSQL only this client (the server is a separate process).
// PostgreSQL: DATABASE_URL, when set, names the server to use (its database part is ignored: the bench
// creates and drops its own shiori_bench_* databases there, so it needs CREATEDB); otherwise
// postgres://postgres@127.0.0.1:5432/. Unreachable PostgreSQL gives null figures and a reason.
// Run: npm run bench -- catalogue [--records N] [--db pglite|postgres]
//   --records N runs every database with N records only; --db restricts to one database.
// Prints one JSON line per run, then a last line with the figures of the largest run:
//   { bench, db, records, importPerSecond, searchP50Ms, searchP95Ms, searchP99Ms, summary, p95GrowthFrom100k? }
// Progress goes to stderr. Goals: import ≥ 5,000 records/s on PostgreSQL; search p95 ≤ 50 ms at 1,000,000
// records on PostgreSQL.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import pg from "pg";
import { japanDate, systemClock } from "../src/clock.ts";
import { openDatabase } from "../src/db/client.ts";
import { migrate, resultRows } from "../src/db/migrate.ts";
import { findLibrarySystemBySlug } from "../src/db/queries/library-systems.ts";
import { listServicePointRows } from "../src/db/queries/service-points.ts";
import { withTenant } from "../src/db/tenant.ts";
import { completeNumber } from "../src/domain/barcodes/check-digit.ts";
import { addDays } from "../src/domain/calendar/dates.ts";
import { queryTokens, toTsquery } from "../src/domain/catalogue/search-text.ts";
import { loadCatalogueWriteContext } from "../src/services/catalogue/catalogue-write-context.ts";
import { toIso2709 } from "../src/services/catalogue/formats/write-marc.ts";
import { runCatalogueImport } from "../src/services/catalogue/run-catalogue-import.ts";
import { searchCatalogue, searchTuning } from "../src/services/catalogue/search-catalogue.ts";
import { startCatalogueImport } from "../src/services/catalogue/start-catalogue-import.ts";
import { generateCatalogue } from "../src/services/demo/generate-catalogue.ts";
import { seedDemo } from "../src/services/demo/seed-demo.ts";
import { option } from "./bench-options.ts";
import { localPostgresCpuMs } from "./process-cpu.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const SCRIPT = fileURLToPath(import.meta.url);
const DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/";
const SYSTEM = "takarazuka";
const SEED = 1;
const PASSES = 5;
const PAGE_SIZE = 20;
const WRITE_CHUNK_BYTES = 1024 * 1024;
const KILL_AFTER_MS = 10_000;
// Service points that hold a collection (pickup and return points, kit partners hold none).
const HOLDING_TYPES = new Set(["main", "branch", "branchOffice", "bookmobile", "stationRoom"]);
/** A rare query (about 0.01 % of records), timed once before ANALYZE: cheap even with a bad plan. */
const PROBE = "宮沢賢治";
const GOALS = { importPerSecond: 5_000, searchP95Ms: 50 };

/**
 * What readers type into a public library's OPAC, in the generator's vocabulary (titles, readings, authors,
 * publishers, subjects): common single kanji, everyday two-character words, era and place names, author
 * family names, hiragana typed for a reading, katakana loanwords. Fixed, so that runs compare.
 */
const QUERIES: readonly string[] = [
  // 1 character: the broadest; 本 and 日 occur in a large share of all records.
  ..."本日山月英花海星心森猫桜空寺旅夜",
  // 2 characters
  ...["東京", "歴史", "料理", "入門", "宇宙", "野球", "京都", "戦国", "絵本", "健康", "介護", "英語", "数学"],
  ...["将棋", "写真", "家族", "経済", "世界", "小説", "図鑑", "日本", "文庫", "村上", "佐藤", "高橋", "田中"],
  ...["ねこ", "なつ"],
  // 3 characters
  ...["日本史", "子育て", "北海道", "図書館", "講談社", "れきし", "ケーキ", "ガイド", "ひみつ", "ふしぎ"],
  ...["おばけ", "かがく"],
  // 4 characters
  ...["江戸時代", "殺人事件", "日本経済", "宮沢賢治", "はじめて", "むらかみ", "りょうり", "うちゅう"],
  ...["コーヒー", "サッカー"],
];

type DbKind = "pglite" | "postgres";

type RunResult = {
  db: DbKind;
  records: number;
  items?: number;
  fileMb?: number;
  generateSeconds?: number;
  importPerSecond: number | null;
  storeSeconds?: number;
  runSeconds?: number;
  runNodeCpuSeconds?: number;
  runDatabaseCpuSeconds?: number | null;
  imported?: number;
  failed?: number;
  importErrors?: unknown[];
  importFailure?: string;
  beforeAnalyze?: { q: string; total: number; ms: number };
  ginUsed?: boolean;
  vacuumSeconds?: number;
  searchP50Ms: number | null;
  searchP95Ms: number | null;
  searchP99Ms: number | null;
  searchMaxMs?: number | null;
  searches?: number;
  byLength?: Record<string, { queries: number; p50Ms: number | null; p95Ms: number | null }>;
  slowest?: { q: string; total: number; estimated: boolean; medianMs: number; maxMs: number }[];
  exactLimit?: number;
  estimatedQueries?: number;
  indexMb?: number;
  tableMb?: number;
  itemsTableMb?: number;
  peakRssMb?: number;
  server?: Record<string, string>;
  skipped?: string;
  error?: string;
};

const round1 = (n: number) => Math.round(n * 10) / 10;
const round2 = (n: number) => Math.round(n * 100) / 100;
const mb = (bytes: number) => round1(bytes / (1024 * 1024));
const seconds = (ms: number) => round2(ms / 1000);
const progress = (text: string) => process.stderr.write(`# ${text}\n`);

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function emit(line: Record<string, unknown>) {
  console.log(JSON.stringify({ bench: "catalogue", ...line }));
}

// =========================================================================================================
// One run, in a child process: `catalogue.ts --child --db KIND --records N --dir DIR [--url URL]`.
// The parent owns the directory and the database and removes them; the child only uses them.

async function childRun(args: readonly string[]): Promise<RunResult> {
  const kind = option(args, "--db") as DbKind;
  const records = Number(option(args, "--records"));
  const dir = option(args, "--dir")!;
  const url = option(args, "--url");
  const now = systemClock.now();

  // Interrupted: stop at once; the parent drops the database (WITH (FORCE)) and removes the directory.
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => process.exit(130));
  const database = await openDatabase(kind === "postgres" ? { url } : { dataDir: dir });
  try {
    await migrate(database);
    await seedDemo(database.db, { now, production: true });
    const system = await findLibrarySystemBySlug(database.db, SYSTEM);
    if (!system) throw new Error(`library system "${SYSTEM}" was not seeded`);
    const librarySystemId = system.id;

    // --- 1. the file -------------------------------------------------------------------------------------
    const context = await loadCatalogueWriteContext(database.db, librarySystemId, now);
    const points = await withTenant(database.db, librarySystemId, (tx) => listServicePointRows(tx));
    const holding = points.filter((p) => HOLDING_TYPES.has(p.type)).map((p) => p.code);
    const today = japanDate(now);
    const file = join(dir, "catalogue.mrc");
    progress(`${kind} ${records}: generating the MARC file`);
    const g0 = performance.now();
    let items = 0;
    const out = createWriteStream(file);
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const write = async (buffer: Buffer) => {
      if (!out.write(buffer)) await once(out, "drain");
    };
    for (const { record, items: recordItems } of generateCatalogue({
      seed: SEED,
      count: records,
      servicePoints: holding,
      barcode: (serial) => completeNumber(context.itemBarcode, serial),
      receivedFrom: addDays(today, -30 * 365),
      receivedTo: today,
      controlNumberPrefix: "BENCH",
    })) {
      const buffer = toIso2709(record, recordItems);
      items += recordItems.length;
      pending.push(buffer);
      pendingBytes += buffer.length;
      if (pendingBytes >= WRITE_CHUNK_BYTES) {
        await write(Buffer.concat(pending));
        pending = [];
        pendingBytes = 0;
      }
    }
    if (pendingBytes) await write(Buffer.concat(pending));
    out.end();
    await once(out, "finish");
    const generateMs = performance.now() - g0;
    const fileBytes = statSync(file).size;
    progress(`${kind} ${records}: ${mb(fileBytes)} MB written in ${seconds(generateMs)} s; importing`);

    // --- 2. the import -----------------------------------------------------------------------------------
    const i0 = performance.now();
    const started = await startCatalogueImport({
      db: database.db,
      librarySystemId,
      actorStaffId: null,
      contentType: "application/marc",
      fileName: "catalogue.mrc",
      body: createReadStream(file, { highWaterMark: 256 * 1024 }),
      now: systemClock.now(),
      queueJob: false,
    });
    const i1 = performance.now();
    progress(`${kind} ${records}: stored in ${seconds(i1 - i0)} s; running`);
    let nextReport = 0.1;
    const nodeCpu0 = process.cpuUsage();
    const databaseCpu0 = kind === "postgres" ? localPostgresCpuMs() : null;
    const result = await runCatalogueImport({
      db: database.db,
      clock: systemClock,
      librarySystemId,
      importId: started.id,
      onProgress: (p) => {
        if (p.processed / records >= nextReport) {
          const elapsed = (performance.now() - i1) / 1000;
          progress(`${kind} ${records}: ${p.processed} processed, ${Math.round(p.processed / elapsed)}/s`);
          while (p.processed / records >= nextReport) nextReport += 0.1;
        }
      },
    });
    const i2 = performance.now();
    const nodeCpu = process.cpuUsage(nodeCpu0);
    const databaseCpu1 = databaseCpu0 === null ? null : localPostgresCpuMs();
    const importOk = result.status === "done" && result.imported === records && result.failed === 0;
    const importPerSecond = Math.round(records / ((i2 - i0) / 1000));
    progress(
      `${kind} ${records}: imported ${result.imported}, failed ${result.failed}, ${importPerSecond}/s`,
    );

    // --- 3. search ---------------------------------------------------------------------------------------
    const totals = new Map<string, { total: number; estimated: boolean }>();
    const timeQuery = async (q: string): Promise<number> => {
      const t0 = performance.now();
      const found = await searchCatalogue(database.db, librarySystemId, { q, page: 1, pageSize: PAGE_SIZE });
      const ms = performance.now() - t0;
      totals.set(q, { total: found.total, estimated: found.totalIsEstimate });
      return ms;
    };
    progress(`${kind} ${records}: probe "${PROBE}" before ANALYZE`);
    const probeMs = await timeQuery(PROBE);

    progress(`${kind} ${records}: VACUUM (ANALYZE)`);
    const v0 = performance.now();
    await database.exec("VACUUM (ANALYZE) bibliographic_records, items");
    const vacuumMs = performance.now() - v0;

    // The WHERE clause of the search, planned as the application runs it: as shiori_tenant, under RLS.
    const plan = await withTenant(database.db, librarySystemId, (tx) =>
      tx.execute(sql`EXPLAIN SELECT r.id FROM bibliographic_records r
        WHERE r.library_system_id = ${librarySystemId} AND r.search_vector @@ ${toTsquery(queryTokens(PROBE))}::tsquery`),
    );
    const ginUsed = JSON.stringify(resultRows(plan)).includes("bibliographic_records_search");

    progress(`${kind} ${records}: warm-up pass`);
    for (const q of QUERIES) await timeQuery(q);

    progress(`${kind} ${records}: ${PASSES} timed search passes`);
    const timings = new Map<string, number[]>(QUERIES.map((q) => [q, []]));
    for (let pass = 0; pass < PASSES; pass++) {
      for (const q of QUERIES) timings.get(q)!.push(await timeQuery(q));
    }
    const all = [...timings.values()].flat().sort((a, b) => a - b);
    const byLength: NonNullable<RunResult["byLength"]> = {};
    for (const length of [...new Set(QUERIES.map((q) => Array.from(q).length))].sort((a, b) => a - b)) {
      const qs = QUERIES.filter((q) => Array.from(q).length === length);
      const ms = qs.flatMap((q) => timings.get(q)!).sort((a, b) => a - b);
      byLength[String(length)] = {
        queries: qs.length,
        p50Ms: round1(percentile(ms, 50)!),
        p95Ms: round1(percentile(ms, 95)!),
      };
    }
    const slowest = QUERIES.map((q) => {
      const ms = [...timings.get(q)!].sort((a, b) => a - b);
      return {
        q,
        total: totals.get(q)?.total ?? 0,
        estimated: totals.get(q)?.estimated ?? false,
        medianMs: round1(percentile(ms, 50)!),
        maxMs: round1(ms.at(-1)!),
      };
    })
      .sort((a, b) => b.medianMs - a.medianMs)
      .slice(0, 5);

    // --- 4. sizes ----------------------------------------------------------------------------------------
    const sizes = resultRows<{ index: string; table: string; items: string }>(
      await database.db.execute(`SELECT pg_relation_size('bibliographic_records_search') AS index,
        pg_total_relation_size('bibliographic_records') AS table, pg_total_relation_size('items') AS items`),
    )[0]!;
    let server: Record<string, string> | undefined;
    if (kind === "postgres") {
      const settings = resultRows<{ name: string; setting: string }>(
        await database.db.execute(`SELECT name, current_setting(name) AS setting FROM pg_settings
          WHERE name IN ('server_version', 'shared_buffers', 'work_mem', 'maintenance_work_mem',
            'synchronous_commit', 'max_wal_size', 'autovacuum', 'jit')`),
      );
      server = Object.fromEntries(settings.map((s) => [s.name, s.setting]));
    }

    return {
      db: kind,
      records,
      items,
      fileMb: mb(fileBytes),
      generateSeconds: seconds(generateMs),
      importPerSecond: importOk ? importPerSecond : null,
      storeSeconds: seconds(i1 - i0),
      runSeconds: seconds(i2 - i1),
      // Where the run's time went: this process (reading, mapping, building the search vectors) and, when
      // PostgreSQL runs on this machine, all of its processes (writing, indexing, WAL). On PGlite both are here.
      runNodeCpuSeconds: seconds((nodeCpu.user + nodeCpu.system) / 1000),
      runDatabaseCpuSeconds: databaseCpu1 === null ? null : seconds(databaseCpu1 - (databaseCpu0 as number)),
      imported: result.imported,
      failed: result.failed,
      ...(importOk
        ? {}
        : {
            importErrors: (result.errors as unknown[]).slice(0, 10),
            importFailure: result.failure ?? `status ${result.status}`,
          }),
      beforeAnalyze: { q: PROBE, total: totals.get(PROBE)?.total ?? 0, ms: round1(probeMs) },
      ginUsed,
      vacuumSeconds: seconds(vacuumMs),
      searchP50Ms: round1(percentile(all, 50)!),
      searchP95Ms: round1(percentile(all, 95)!),
      searchP99Ms: round1(percentile(all, 99)!),
      searchMaxMs: round1(all.at(-1)!),
      searches: all.length,
      byLength,
      slowest,
      exactLimit: searchTuning.exactLimit,
      estimatedQueries: QUERIES.filter((q) => totals.get(q)?.estimated).length,
      indexMb: mb(Number(sizes.index)),
      tableMb: mb(Number(sizes.table)),
      itemsTableMb: mb(Number(sizes.items)),
      peakRssMb: round1(process.resourceUsage().maxRSS / 1024),
      ...(server ? { server } : {}),
    };
  } finally {
    await database.close();
  }
}

// =========================================================================================================
// The parent: plans the runs, gives each a fresh directory (and database), collects the lines.

const tempDirs = new Set<string>();
const databases = new Set<string>();
let running: ChildProcess | null = null;
let interrupted = false;
const postgresServer = process.env.DATABASE_URL || DEFAULT_POSTGRES;

function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "shiori-bench-"));
  tempDirs.add(dir);
  return dir;
}

function removeDir(dir: string) {
  rmSync(dir, { recursive: true, force: true });
  tempDirs.delete(dir);
}

function serverUrl(name: string): string {
  const url = new URL(postgresServer);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl("postgres"), connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function createDatabase(): Promise<string> {
  const name = `shiori_bench_${randomBytes(6).toString("hex")}`;
  await withAdmin((c) => c.query(`CREATE DATABASE ${name}`));
  databases.add(name);
  return name;
}

async function dropDatabase(name: string) {
  await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  databases.delete(name);
}

/** Runs one measurement in a child process; its stdout is the result line, its stderr goes to ours. */
async function spawnRun(args: string[]): Promise<RunResult> {
  // process.execArgv carries tsx's loader, so the child runs TypeScript like this process does.
  const child = spawn(process.execPath, [...process.execArgv, SCRIPT, "--child", ...args], {
    cwd: root,
    stdio: ["ignore", "pipe", "inherit"],
    env: process.env,
  });
  running = child;
  let stdout = "";
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  const [code, signal] = (await once(child, "exit")) as [number | null, NodeJS.Signals | null];
  running = null;
  const line = stdout.trim().split("\n").at(-1) ?? "";
  if (code === 0 && line.startsWith("{")) return JSON.parse(line) as RunResult;
  throw new Error(`run ended with ${code ?? signal}${line ? `: ${line}` : ""}`);
}

async function stopChild() {
  const child = running;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), KILL_AFTER_MS);
  await exited;
  clearTimeout(timer);
}

async function cleanup() {
  await stopChild();
  for (const dir of [...tempDirs]) removeDir(dir);
  for (const name of [...databases]) await dropDatabase(name).catch(() => {});
}

function nullRun(db: DbKind, records: number, reason: Partial<RunResult>): RunResult {
  return {
    db,
    records,
    importPerSecond: null,
    searchP50Ms: null,
    searchP95Ms: null,
    searchP99Ms: null,
    ...reason,
  };
}

async function measure(db: DbKind, records: number): Promise<RunResult> {
  const dir = freshDir();
  let name: string | undefined;
  try {
    const args = ["--db", db, "--records", String(records), "--dir", dir];
    if (interrupted) throw new Error("interrupted");
    if (db === "postgres") {
      name = await createDatabase();
      args.push("--url", serverUrl(name));
    }
    return await spawnRun(args);
  } catch (error) {
    return nullRun(db, records, { error: (error as Error).message });
  } finally {
    removeDir(dir);
    if (name) await dropDatabase(name).catch(() => {});
  }
}

/** The goals are PostgreSQL's: the import rate at any size, search p95 at 1,000,000 records. */
function goalsOf(r: RunResult): Record<string, boolean> {
  if (r.db !== "postgres" || r.importPerSecond === null) return {};
  return {
    meetsImportGoal: r.importPerSecond >= GOALS.importPerSecond,
    ...(r.records >= 1_000_000 && r.searchP95Ms !== null
      ? { meetsSearchGoal: r.searchP95Ms <= GOALS.searchP95Ms }
      : {}),
  };
}

async function main(args: readonly string[]) {
  const recordsOption = option(args, "--records");
  const dbOption = option(args, "--db");
  if (dbOption !== undefined && dbOption !== "pglite" && dbOption !== "postgres") {
    throw new Error(`--db must be pglite or postgres, got "${dbOption}"`);
  }
  const only = recordsOption === undefined ? undefined : Number(recordsOption);
  if (only !== undefined && !(Number.isSafeInteger(only) && only > 0)) {
    throw new Error(`--records must be a positive integer, got "${recordsOption}"`);
  }
  const plan: [DbKind, number][] = (
    only === undefined
      ? [
          ["pglite", 100_000],
          ["postgres", 100_000],
          ["postgres", 1_000_000],
        ]
      : [
          ["pglite", only],
          ["postgres", only],
        ]
  ).filter(([db]) => !dbOption || db === dbOption) as [DbKind, number][];

  let postgresSkipped: string | undefined;
  if (plan.some(([db]) => db === "postgres")) {
    try {
      await withAdmin((c) => c.query("SELECT 1"));
    } catch (error) {
      postgresSkipped = `PostgreSQL unreachable at ${new URL(postgresServer).host}: ${(error as Error).message}`;
    }
  }

  const results: RunResult[] = [];
  for (const [db, records] of plan) {
    const result =
      db === "postgres" && postgresSkipped
        ? nullRun(db, records, { skipped: postgresSkipped })
        : await measure(db, records);
    if (interrupted) return 130;
    results.push(result);
    emit({ ...result, ...goalsOf(result) });
  }

  // The largest run that produced figures; PostgreSQL before PGlite at the same size.
  const done = results.filter((r) => r.importPerSecond !== null && r.searchP95Ms !== null);
  const rank = (r: RunResult) => r.records * 2 + (r.db === "postgres" ? 1 : 0);
  const largest = [...done].sort((a, b) => rank(b) - rank(a))[0];
  const pg100k = done.find((r) => r.db === "postgres" && r.records === 100_000);
  const pg1m = done.find((r) => r.db === "postgres" && r.records === 1_000_000);
  const growth =
    pg100k?.searchP95Ms && pg1m?.searchP95Ms ? round2(pg1m.searchP95Ms / pg100k.searchP95Ms) : undefined;
  emit({
    db: largest?.db ?? null,
    records: largest?.records ?? null,
    importPerSecond: largest?.importPerSecond ?? null,
    searchP50Ms: largest?.searchP50Ms ?? null,
    searchP95Ms: largest?.searchP95Ms ?? null,
    searchP99Ms: largest?.searchP99Ms ?? null,
    summary: true,
    ...(growth === undefined ? {} : { p95GrowthFrom100k: growth }),
  });
  // A run that broke fails the bench; PostgreSQL being absent does not.
  return results.some((r) => r.error || r.importFailure) ? 1 : 0;
}

const args = process.argv.slice(2);
if (args.includes("--child")) {
  try {
    const result = await childRun(args);
    console.log(JSON.stringify(result));
    process.exit(0);
  } catch (error) {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  }
} else {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      interrupted = true;
      void cleanup().finally(() => process.exit(130));
    });
  }
  try {
    const status = await main(args);
    await cleanup();
    process.exit(status);
  } catch (error) {
    await cleanup();
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  }
}
