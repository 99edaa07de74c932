// Patrons benchmark (issue 5 "Measure"): counter registration under load, credential resolution at a
// million patrons, and the monthly My Number renewal job.
//   1. a fresh database (a new shiori_bench_* PostgreSQL database, or a new PGlite data directory) is migrated
//      and seeded with the five library systems, their demo administrator and demo patrons (no demo books);
//   2. load: PATRONS patrons of "hiratsuka", each with an active card of the policy's number format (numbers
//      made by completeNumber, sent in batches as one JSON array per INSERT … SELECT), FELICA FeliCa links
//      and LINKED My Number links (1 % of them revoked at the platform), written in the owner's role (no
//      row-level security) with INSERT … SELECT FROM generate_series; the card counter is moved past the
//      loaded serials as an import does. loadSeconds covers all that; VACUUM (ANALYZE) is analyzeSeconds;
//   3. the HTTP API is served in this process on a real port (127.0.0.1, any free port) by createApp over
//      the same database (its own pool of 10 connections, as in production), and signed in as admin;
//   4. registrations: REGISTRATIONS counter registrations (POST /api/v1/hiratsuka/patrons), CLIENTS at once,
//      each with its own reading (no POSSIBLE_DUPLICATE), after a warm-up; registrationsPerSecond is over
//      the timed ones, latencies per request from the client. Then, in the database: duplicateCardNumbers
//      (numbers held by more than one card), cardsOfRegistered (cards of the registered patrons), and
//      cardSerialGaps (serials skipped among the numbers the registrations got);
//   5. resolution: GET /api/v1/hiratsuka/credentials/resolve of random existing card numbers and FeliCa IDms,
//      RESOLUTIONS of each kind one after another and RESOLUTIONS of each kind with CLIENTS at once, after a
//      warm-up; p50/p95/p99 per series, resolveP95Ms the worst p95 of the four;
//   6. the monthly job renewRegistrationsByMyNumber (000 自動更新) with the fake platform, timed twice: the
//      first run extends most linked registrations (they expire within the year), the second finds them
//      extended (the steady state of a month later, same day here). myNumberJobSeconds is the first.
// PostgreSQL: DATABASE_URL, when set, names the server (its database part is ignored: the bench creates and
// drops its own shiori_bench_* database there, so it needs CREATEDB); otherwise postgres://postgres@127.0.0.1:5432/.
// Unreachable PostgreSQL gives null figures and a reason.
// Run: npm run bench -- patrons [--db postgres|pglite] [--patrons N] [--linked N] [--felica N]
//        [--registrations N] [--resolutions N] [--clients N] [--platform-ms N]
//   defaults: PostgreSQL, 1,000,000 patrons, 100,000 linked, 100,000 FeliCa, 2,000 registrations,
//   2,000 resolutions, 20 clients (PGlite: 100,000 patrons, 10,000 linked, 10,000 FeliCa); --platform-ms makes
//   the stand-in My Number platform take that long per check (default 0: the figure is Shiori's own time).
// Prints one JSON line per phase, then the summary line with the figures. Progress goes to stderr.
// Goal: the My Number job ≤ 60 s for 100,000 linked patrons.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { type SQL, sql } from "drizzle-orm";
import pg from "pg";
import { japanDate } from "../src/clock.ts";
import { type Database, openDatabase } from "../src/db/client.ts";
import { migrate, resultRows } from "../src/db/migrate.ts";
import { findLibrarySystemBySlug } from "../src/db/queries/library-systems.ts";
import { textArray } from "../src/db/sql-arrays.ts";
import { completeNumber, type NumberFormat } from "../src/domain/barcodes/check-digit.ts";
import { addMonths } from "../src/domain/calendar/dates.ts";
import { nameKey } from "../src/domain/patrons/patron-names.ts";
import { fakeMyNumberPlatform, type MyNumberPlatform } from "../src/integrations/my-number-platform.ts";
import { seedDemo } from "../src/services/demo/seed-demo.ts";
import { renewRegistrationsByMyNumber } from "../src/services/patrons/renew-by-my-number.ts";
import { getPolicyInForce } from "../src/services/policies/get-policy-in-force.ts";
import { count, option } from "./bench-options.ts";
import { serveBenchApp, signInDemoStaff } from "./bench-server.ts";
import { processCpuMs } from "./process-cpu.ts";

const DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/";
const SYSTEM = "hiratsuka";
/** The bench's day: every date (registrations, expiries, the job's check) is relative to it. */
const NOW = new Date("2026-04-01T10:00:00+09:00");
const LOAD_BATCH = 50_000;
const WARM_UP_REGISTRATIONS = 40;
const WARM_UP_RESOLUTIONS = 200;
const SEED = 5;
const GOALS = { myNumberJobSeconds: 60 };
/** Readings of the loaded patrons: a family name and the patron's serial spelt in kana, so each is unique. */
const SURNAMES = [
  ["山田", "ヤマダ"],
  ["田中", "タナカ"],
  ["鈴木", "スズキ"],
  ["佐藤", "サトウ"],
  ["高橋", "タカハシ"],
  ["伊藤", "イトウ"],
  ["渡辺", "ワタナベ"],
  ["中村", "ナカムラ"],
  ["小林", "コバヤシ"],
  ["加藤", "カトウ"],
  ["吉田", "ヨシダ"],
  ["山本", "ヤマモト"],
  ["佐々木", "ササキ"],
  ["山口", "ヤマグチ"],
  ["松本", "マツモト"],
  ["井上", "イノウエ"],
] as const;
const DIGIT_KANA = "アイウエオカキクケコ";
/** Registrations through the API read トウロク + their serial in kana: no loaded reading starts so. */
const REGISTERED_FAMILY_KANA = "トウロク";

type DbKind = "pglite" | "postgres";

type Options = {
  db: DbKind;
  patrons: number;
  linked: number;
  felica: number;
  registrations: number;
  resolutions: number;
  clients: number;
  /** Milliseconds the stand-in platform takes per signature check (0: answers at once). */
  platformMs: number;
};

type Series = {
  requests: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  errors: Record<string, number>;
};

const round1 = (n: number) => Math.round(n * 10) / 10;
const round2 = (n: number) => Math.round(n * 100) / 100;
const progress = (text: string) => process.stderr.write(`# ${text}\n`);

function emit(line: Record<string, unknown>) {
  console.log(JSON.stringify({ bench: "patrons", ...line }));
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** mulberry32: the same "random" patrons every run, so that runs compare. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function parseOptions(args: readonly string[]): Options {
  const db = option(args, "--db") ?? "postgres";
  if (db !== "postgres" && db !== "pglite") throw new Error(`--db must be postgres or pglite, got "${db}"`);
  const patrons = count(args, "--patrons", db === "postgres" ? 1_000_000 : 100_000);
  const linked = count(args, "--linked", Math.min(patrons, db === "postgres" ? 100_000 : 10_000), 0);
  const felica = count(args, "--felica", Math.min(patrons, db === "postgres" ? 100_000 : 10_000), 0);
  if (linked > patrons || felica > patrons) throw new Error("--linked and --felica may not exceed --patrons");
  return {
    db,
    patrons,
    linked,
    felica,
    registrations: count(args, "--registrations", 2_000),
    resolutions: count(args, "--resolutions", 2_000),
    clients: count(args, "--clients", 20),
    platformMs: count(args, "--platform-ms", 0, 0),
  };
}

// =========================================================================================================
// The loaded population. Patron i (1…PATRONS) has a deterministic id and card serial, so that cards and
// credentials find their patron without a lookup, and the resolution phase knows which values exist.

/** Every `linkStep`-th patron is linked to a My Number card (spread over the population), and likewise FeliCa. */
const step = (patrons: number, linked: number) => (linked === 0 ? 0 : Math.floor(patrons / linked));

const patronIdSql = (i: SQL) => sql`md5('bench-patron-' || ${i})::uuid`;
/** A pseudo-random 0…99 from a serial: spreads bases, e-mail addresses and failures over the population. */
const percentSql = (i: SQL, salt: number) => sql`(abs(hashint4(${i}::int + ${salt}::int)) % 100)`;
/** Registered some day in the last five years. */
const registeredOnSql = (i: SQL, today: string) =>
  sql`(${today}::date - ((${i}::bigint * 7919) % 1826)::int)`;

const felicaIdm = (i: number) => `0114${i.toString(16).toUpperCase().padStart(12, "0")}`;

async function loadPatrons(database: Database, librarySystemId: number, format: NumberFormat, o: Options) {
  const db = database.db;
  const today = japanDate(NOW);
  const serialBase = resultRows<{ next: number }>(
    await db.execute(sql`SELECT coalesce(max(next_serial), 1)::int - 1 AS next FROM number_sequences
      WHERE library_system_id = ${librarySystemId} AND kind = 'card'`),
  )[0]!.next;
  const linkStep = step(o.patrons, o.linked);
  const surnameKeys = SURNAMES.map(([, kana]) => nameKey(kana));
  const digitKeys = [...DIGIT_KANA].map((k) => nameKey(k)).join("");
  const i = sql.raw("g.i");
  const j = linkStep ? sql`(g.i / ${linkStep}::int)` : sql`0`;
  const isLinked = linkStep
    ? sql`(g.i % ${linkStep}::int = 0 AND g.i / ${linkStep}::int <= ${o.linked}::int)`
    : sql`false`;
  // Linked patrons: 5 % expired last month, 10 % valid beyond a year (unchanged), the rest expire within the year.
  const linkedExpiry = sql`CASE WHEN ${percentSql(j, 101)} < 5 THEN ${today}::date - (1 + ${j} % 30)
    WHEN ${percentSql(j, 101)} < 15 THEN ${today}::date + (400 + ${j} % 300)
    ELSE ${today}::date + (1 + ${j} % 330) END`;
  const basis = percentSql(i, 0);

  const t0 = performance.now();
  for (let lo = 1; lo <= o.patrons; lo += LOAD_BATCH) {
    const hi = Math.min(o.patrons, lo + LOAD_BATCH - 1);
    await db.execute(sql`
      INSERT INTO patrons (id, library_system_id, family_name, given_name, family_name_kana, given_name_kana,
        name_key, birth_date, postal_code, prefecture, city, street, phone, phone_key, email, basis,
        registration_kind, municipality, workplace_or_school, workplace_municipality, registered_via,
        registered_on, expires_on, last_used_on, status, household_id, elibrary_registered, created_at, updated_at)
      SELECT ${patronIdSql(i)}, ${librarySystemId},
        (${textArray(SURNAMES.map(([kanji]) => kanji))})[g.i % 16 + 1],
        (ARRAY['花子', '太郎', '一郎', '陽子'])[g.i % 4 + 1],
        (${textArray(SURNAMES.map(([, kana]) => kana))})[g.i % 16 + 1],
        translate(g.i::text, '0123456789', ${DIGIT_KANA}),
        (${textArray(surnameKeys)})[g.i % 16 + 1] || translate(g.i::text, '0123456789', ${digitKeys}),
        date '1935-01-01' + ((g.i::bigint * 104729) % 27000)::int,
        CASE WHEN ${basis} BETWEEN 3 AND 12 THEN '255-0003' WHEN ${basis} < 3 THEN '220-0011' ELSE '254-0041' END,
        '神奈川県',
        CASE WHEN ${basis} BETWEEN 3 AND 12 THEN '中郡大磯町' WHEN ${basis} < 3 THEN '横浜市西区' ELSE '平塚市' END,
        '浅間町' || (g.i % 50 + 1) || '-' || (g.i % 97 + 1),
        '0463-' || lpad((g.i % 100)::text, 2, '0') || '-' || lpad((g.i % 10000)::text, 4, '0'),
        '0463' || lpad((g.i % 100)::text, 2, '0') || lpad((g.i % 10000)::text, 4, '0'),
        CASE WHEN ${percentSql(i, 7)} < 70 THEN 'patron' || g.i || '@example.jp' END,
        CASE WHEN ${basis} < 3 THEN 'worker' ELSE 'resident' END,
        CASE WHEN ${basis} BETWEEN 3 AND 12 THEN 'wideArea' ELSE 'area' END,
        CASE WHEN ${basis} BETWEEN 3 AND 12 THEN '大磯町' WHEN ${basis} < 3 THEN '横浜市' ELSE '平塚市' END,
        CASE WHEN ${basis} < 3 THEN '平塚市役所' END,
        CASE WHEN ${basis} < 3 THEN '平塚市' END,
        'counter',
        ${registeredOnSql(i, today)},
        CASE WHEN ${isLinked} THEN ${linkedExpiry}
          ELSE (${registeredOnSql(i, today)} + interval '5 years' - interval '1 day')::date END,
        ${registeredOnSql(i, today)},
        CASE WHEN ${isLinked} AND ${percentSql(j, 101)} < 5 THEN 'expired' ELSE 'active' END,
        ${patronIdSql(i)}, true, ${NOW}, ${NOW}
      FROM generate_series(${lo}::int, ${hi}::int) AS g(i)`);
    const numbers: string[] = [];
    for (let n = lo; n <= hi; n++) numbers.push(completeNumber(format, serialBase + n));
    await db.execute(sql`
      INSERT INTO patron_cards (library_system_id, patron_id, number, kind, physical, status, issued_on, status_changed_at)
      SELECT ${librarySystemId}, ${patronIdSql(sql`g.i`)}, c.number, 'card', true, 'active',
        ${registeredOnSql(sql`g.i`, today)}, ${NOW}
      FROM unnest(${textArray(numbers)}) WITH ORDINALITY AS c(number, k)
      CROSS JOIN LATERAL (SELECT (${lo - 1}::int + c.k)::int AS i) AS g`);
    if (hi % 200_000 < LOAD_BATCH || hi === o.patrons) {
      progress(`loaded ${hi} patrons with cards, ${Math.round(hi / ((performance.now() - t0) / 1000))}/s`);
    }
  }
  const patronsMs = performance.now() - t0;

  const felicaStep = step(o.patrons, o.felica);
  for (let lo = 1; lo <= o.felica; lo += LOAD_BATCH) {
    const hi = Math.min(o.felica, lo + LOAD_BATCH - 1);
    // Patron (f − 1) · step + 1 holds IDm felicaIdm of that patron number.
    await db.execute(sql`
      INSERT INTO patron_credentials (library_system_id, patron_id, kind, value, linked_at)
      SELECT ${librarySystemId}, ${patronIdSql(sql`g.i`)}, 'felica',
        '0114' || lpad(upper(to_hex(g.i)), 12, '0'), ${NOW}
      FROM generate_series(${lo}::int, ${hi}::int) AS f(n)
      CROSS JOIN LATERAL (SELECT ((f.n - 1) * ${felicaStep}::int + 1)::int AS i) AS g`);
  }
  for (let lo = 1; lo <= o.linked; lo += LOAD_BATCH) {
    const hi = Math.min(o.linked, lo + LOAD_BATCH - 1);
    // The platform's user identifier; 1 % carry a signature certificate the monthly check finds revoked.
    await db.execute(sql`
      INSERT INTO patron_credentials (library_system_id, patron_id, kind, value, linked_at)
      SELECT ${librarySystemId}, ${patronIdSql(sql`(l.j * ${linkStep}::int)`)}, 'mynumber',
        ${`mkp-${SYSTEM}-`} || CASE WHEN ${percentSql(sql`l.j`, 303)} = 0 THEN 'sigrevoked-' ELSE '' END || 'card' || l.j,
        ${NOW}
      FROM generate_series(${lo}::int, ${hi}::int) AS l(j)`);
  }
  // As an import of existing cards does: the next card issued at the counter follows the loaded ones.
  await db.execute(sql`
    INSERT INTO number_sequences (library_system_id, kind, next_serial)
    VALUES (${librarySystemId}, 'card', ${serialBase + o.patrons + 1})
    ON CONFLICT (library_system_id, kind) DO UPDATE
      SET next_serial = greatest(number_sequences.next_serial, EXCLUDED.next_serial)`);
  const loadMs = performance.now() - t0;

  progress("VACUUM (ANALYZE) of the patron tables");
  const a0 = performance.now();
  await database.exec("VACUUM (ANALYZE) patrons, patron_cards, patron_credentials, number_sequences");
  const analyzeMs = performance.now() - a0;

  // The SQL spelling of readings must be the application's: check a few loaded rows against nameKey.
  const sample = resultRows<{ family_name_kana: string; given_name_kana: string; name_key: string }>(
    await db.execute(sql`SELECT family_name_kana, given_name_kana, name_key FROM patrons
      WHERE library_system_id = ${librarySystemId} ORDER BY id LIMIT 5`),
  );
  for (const row of sample) {
    if (nameKey(row.family_name_kana, row.given_name_kana) !== row.name_key) {
      throw new Error(`loaded name_key ${row.name_key} differs from nameKey(): ${JSON.stringify(row)}`);
    }
  }
  const sizes = resultRows<{ patrons: string; cards: string; credentials: string }>(
    await db.execute(sql`SELECT pg_total_relation_size('patrons') AS patrons,
      pg_total_relation_size('patron_cards') AS cards, pg_total_relation_size('patron_credentials') AS credentials`),
  )[0]!;
  const mb = (bytes: string) => round1(Number(bytes) / (1024 * 1024));
  return {
    serialBase,
    felicaStep,
    line: {
      phase: "load",
      patrons: o.patrons,
      felica: o.felica,
      linked: o.linked,
      loadSeconds: round2(loadMs / 1000),
      patronsWithCardsPerSecond: Math.round(o.patrons / (patronsMs / 1000)),
      analyzeSeconds: round2(analyzeMs / 1000),
      patronsTableMb: mb(sizes.patrons),
      cardsTableMb: mb(sizes.cards),
      credentialsTableMb: mb(sizes.credentials),
      loadAverage: round2(loadavg()[0]!),
    },
  };
}

// =========================================================================================================
// Where a phase's time goes: CPU of this process (the server and its clients), CPU of the database's
// backends (read from /proc when PostgreSQL runs on this machine), and what the application's connections
// were doing, sampled from pg_stat_activity every 20 ms (on CPU, waiting for a lock, for the WAL flush, or
// idle in a transaction while the application works). The machine is shared: the load average says how much.

type Diagnose = () => Promise<(requests: number) => Promise<Diagnostics>>;

type Diagnostics = {
  nodeCpuMsPerRequest: number;
  dbCpuMsPerRequest: number | null;
  connectionStates: Record<string, number> | null;
  loadAverage: number;
};

async function startDiagnostics(database: Database, url: string | undefined) {
  const cpu0 = process.cpuUsage();
  if (database.kind !== "postgres" || !url) {
    return async (requests: number): Promise<Diagnostics> => {
      const used = process.cpuUsage(cpu0);
      return {
        nodeCpuMsPerRequest: round2((used.user + used.system) / 1000 / requests),
        dbCpuMsPerRequest: null,
        connectionStates: null,
        loadAverage: round2(loadavg()[0]!),
      };
    };
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const backends = async () =>
    (
      await client.query<{ pid: number; state: string | null; wait: string | null }>(`
        SELECT pid, state, wait_event_type || ':' || wait_event AS wait FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`)
    ).rows;
  const dbCpu0 = processCpuMs((await backends()).map((b) => b.pid));
  const states: Record<string, number> = {};
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      for (const b of await backends()) {
        const key = b.state === "active" ? `active ${b.wait ?? "cpu"}` : `${b.state} ${b.wait ?? ""}`.trim();
        states[key] = (states[key] ?? 0) + 1;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  return async (requests: number): Promise<Diagnostics> => {
    const used = process.cpuUsage(cpu0);
    sampling = false;
    await sampler;
    const pids = (await backends()).map((b) => b.pid);
    const dbCpu1 = processCpuMs(pids);
    await client.end();
    // Backends that came or went during the phase count from zero or not at all: an estimate.
    const dbMs =
      dbCpu0 && dbCpu1 ? [...dbCpu1].reduce((sum, [pid, ms]) => sum + ms - (dbCpu0.get(pid) ?? 0), 0) : null;
    const total = Object.values(states).reduce((a, b) => a + b, 0);
    return {
      nodeCpuMsPerRequest: round2((used.user + used.system) / 1000 / requests),
      dbCpuMsPerRequest: dbMs === null ? null : round2(dbMs / requests),
      // Share of sampled connection-moments in each state.
      connectionStates: Object.fromEntries(
        Object.entries(states)
          .sort((a, b) => b[1] - a[1])
          .map(([k, n]) => [k, round2(n / total)]),
      ),
      loadAverage: round2(loadavg()[0]!),
    };
  };
}

// =========================================================================================================
// HTTP: the application on a real port, and clients that keep their connection.

type Outcome = { ok: boolean; key: string; body?: unknown };

/** `total` requests by `clients` loops at once; each request timed from send to the whole body read. */
async function runClients(
  total: number,
  clients: number,
  request: (n: number) => Promise<Outcome>,
): Promise<{ series: Series; bodies: unknown[] }> {
  const latencies: number[] = [];
  const errors: Record<string, number> = {};
  const bodies: unknown[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(clients, total) }, async () => {
      while (next < total) {
        const n = next++;
        const r0 = performance.now();
        const outcome = await request(n).catch(
          (error: Error): Outcome => ({ ok: false, key: `fetch: ${error.message}` }),
        );
        latencies.push(performance.now() - r0);
        if (outcome.ok) bodies.push(outcome.body);
        else errors[outcome.key] = (errors[outcome.key] ?? 0) + 1;
      }
    }),
  );
  const ms = performance.now() - t0;
  latencies.sort((a, b) => a - b);
  return {
    series: {
      requests: total,
      seconds: round2(ms / 1000),
      perSecond: round1(total / (ms / 1000)),
      p50Ms: round1(percentile(latencies, 50)),
      p95Ms: round1(percentile(latencies, 95)),
      p99Ms: round1(percentile(latencies, 99)),
      maxMs: round1(latencies.at(-1) ?? Number.NaN),
      errors,
    },
    bodies,
  };
}

const errorCount = (series: Series) => Object.values(series.errors).reduce((a, b) => a + b, 0);

async function outcomeOf(res: Response, expected: number): Promise<Outcome> {
  const text = await res.text();
  if (res.status === expected) return { ok: true, key: "", body: JSON.parse(text) };
  let code = "";
  try {
    code = (JSON.parse(text) as { error?: { code?: string } }).error?.code ?? "";
  } catch {}
  return { ok: false, key: `${res.status}${code ? ` ${code}` : ""}` };
}

const kanaSerial = (n: number) => [...String(n)].map((d) => DIGIT_KANA[Number(d)]).join("");

/** A Hiratsuka resident as the counter enters one (test/support/patron-fixtures.ts), with a reading of its own. */
function registrationBody(n: number) {
  return {
    familyName: "登録",
    givenName: "花子",
    familyNameKana: REGISTERED_FAMILY_KANA,
    givenNameKana: kanaSerial(n),
    birthDate: `19${String(50 + (n % 50)).padStart(2, "0")}-0${1 + (n % 9)}-${String(1 + (n % 28)).padStart(2, "0")}`,
    address: {
      postalCode: "254-0041",
      prefecture: "神奈川県",
      city: "平塚市",
      street: `浅間町${1 + (n % 40)}-1`,
    },
    phone: "0463-31-2000",
    email: `registered${n}@example.jp`,
    basis: "resident",
    municipality: "平塚市",
    idDocument: { type: "driversLicence", expiresOn: "2029-06-15" },
  };
}

async function measureRegistrations(
  database: Database,
  diagnose: Diagnose,
  librarySystemId: number,
  http: { base: string },
  token: string,
  format: NumberFormat,
  o: Options,
) {
  const post = async (n: number): Promise<Outcome> =>
    outcomeOf(
      await fetch(`${http.base}/api/v1/${SYSTEM}/patrons`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify(registrationBody(n)),
      }),
      201,
    );
  progress(
    `registrations: ${WARM_UP_REGISTRATIONS} warm-up, then ${o.registrations} with ${o.clients} clients`,
  );
  const warm = await runClients(WARM_UP_REGISTRATIONS, o.clients, (n) => post(n + 1));
  const done = await diagnose();
  const timed = await runClients(o.registrations, o.clients, (n) => post(WARM_UP_REGISTRATIONS + n + 1));
  const diagnostics = await done(o.registrations);
  const issued = [...warm.bodies, ...timed.bodies].map((b) => (b as { cardNumber: string }).cardNumber);

  const db = database.db;
  const duplicates = resultRows<{ n: number }>(
    await db.execute(sql`SELECT count(*)::int AS n FROM (SELECT number FROM patron_cards
      WHERE library_system_id = ${librarySystemId} GROUP BY number HAVING count(*) > 1) AS twins`),
  )[0]!.n;
  const cardsOfRegistered = resultRows<{ cards: number; patrons: number }>(
    await db.execute(sql`SELECT count(c.id)::int AS cards, count(DISTINCT p.id)::int AS patrons
      FROM patrons p LEFT JOIN patron_cards c ON c.patron_id = p.id
      WHERE p.library_system_id = ${librarySystemId} AND p.family_name_kana = ${REGISTERED_FAMILY_KANA}`),
  )[0]!;
  // The serial is what lies between the prefix and the check character.
  const checkLength = format.checkDigit === "none" ? 0 : 1;
  const serials = issued.map((number) =>
    Number(number.slice(format.prefix.length, number.length - checkLength)),
  );
  const gaps = serials.length ? Math.max(...serials) - Math.min(...serials) + 1 - new Set(serials).size : 0;
  const non201 = errorCount(timed.series);
  return {
    phase: "registrations",
    clients: o.clients,
    registrationsPerSecond: timed.series.perSecond,
    registrationP50Ms: timed.series.p50Ms,
    registrationP95Ms: timed.series.p95Ms,
    registrationP99Ms: timed.series.p99Ms,
    registrationMaxMs: timed.series.maxMs,
    registrations: o.registrations,
    registrationSeconds: timed.series.seconds,
    non201,
    errors: timed.series.errors,
    warmUp: { requests: WARM_UP_REGISTRATIONS, errors: warm.series.errors },
    duplicateCardNumbers: duplicates,
    distinctNumbersIssued: new Set(issued).size,
    numbersIssued: issued.length,
    registeredPatronsInDb: cardsOfRegistered.patrons,
    cardsOfRegistered: cardsOfRegistered.cards,
    cardSerialGaps: gaps,
    diagnostics,
  };
}

async function measureResolution(
  diagnose: Diagnose,
  http: { base: string },
  token: string,
  format: NumberFormat,
  serialBase: number,
  felicaStep: number,
  o: Options,
) {
  const random = prng(SEED);
  const pick = (n: number) => 1 + Math.floor(random() * n);
  const values = {
    card: (n: number) =>
      Array.from({ length: n }, () => completeNumber(format, serialBase + pick(o.patrons))),
    felica: (n: number) => Array.from({ length: n }, () => felicaIdm((pick(o.felica) - 1) * felicaStep + 1)),
  };
  const resolve = async (kind: string, value: string): Promise<Outcome> =>
    outcomeOf(
      await fetch(`${http.base}/api/v1/${SYSTEM}/credentials/resolve?kind=${kind}&value=${value}`, {
        headers: { authorization: `Bearer ${token}` },
      }),
      200,
    );
  type Mode = "sequential" | "concurrent";
  const result: Partial<Record<"card" | "felica", Record<Mode, Series & { diagnostics: Diagnostics }>>> = {};
  for (const kind of ["card", "felica"] as const) {
    if (kind === "felica" && o.felica === 0) continue;
    const warm = values[kind](WARM_UP_RESOLUTIONS);
    await runClients(warm.length, o.clients, (n) => resolve(kind, warm[n]!));
    const run = async (mode: Mode, clients: number) => {
      progress(`resolve ${kind}: ${o.resolutions} ${mode} (${clients} client${clients > 1 ? "s" : ""})`);
      const chosen = values[kind](o.resolutions);
      const done = await diagnose();
      const { series } = await runClients(chosen.length, clients, (n) => resolve(kind, chosen[n]!));
      return { ...series, diagnostics: await done(chosen.length) };
    };
    result[kind] = { sequential: await run("sequential", 1), concurrent: await run("concurrent", o.clients) };
  }
  const all = Object.values(result).flatMap((modes) => [modes.sequential, modes.concurrent]);
  return {
    phase: "resolve",
    resolveP95Ms: Math.max(...all.map((s) => s.p95Ms)),
    resolveErrors: all.reduce((sum, s) => sum + errorCount(s), 0),
    ...result,
  };
}

/** The fake platform, answering each signature check after `ms` (the real one is a network call away). */
function slowPlatform(ms: number): MyNumberPlatform {
  const fake = fakeMyNumberPlatform();
  if (ms === 0) return fake;
  return {
    identify: fake.identify,
    checkSignatureCertificate: async (slug, userIdentifier) => {
      await new Promise((resolve) => setTimeout(resolve, ms));
      return fake.checkSignatureCertificate(slug, userIdentifier);
    },
  };
}

async function measureMyNumberJob(
  database: Database,
  diagnose: Diagnose,
  librarySystemId: number,
  o: Options,
) {
  const db = database.db;
  const platform = slowPlatform(o.platformMs);
  const outboxCount = async () =>
    resultRows<{ n: number }>(
      await db.execute(
        sql`SELECT count(*)::int AS n FROM outbox WHERE library_system_id = ${librarySystemId}`,
      ),
    )[0]!.n;
  const linksInDb = resultRows<{ n: number }>(
    await db.execute(sql`SELECT count(*)::int AS n FROM patron_credentials
      WHERE library_system_id = ${librarySystemId} AND kind = 'mynumber' AND unlinked_at IS NULL`),
  )[0]!.n;
  const mailBefore = await outboxCount();
  progress(`My Number job over ${linksInDb} links: first run`);
  const done = await diagnose();
  const t0 = performance.now();
  const first = await renewRegistrationsByMyNumber({ db, platform, now: NOW });
  const firstMs = performance.now() - t0;
  const diagnostics = await done(linksInDb);
  const mailQueued = (await outboxCount()) - mailBefore;
  const extendedTo = addMonths(japanDate(NOW), 12);
  const extendedInDb = resultRows<{ n: number }>(
    await db.execute(sql`SELECT count(*)::int AS n FROM patrons p JOIN patron_credentials c
      ON c.patron_id = p.id AND c.kind = 'mynumber' AND c.unlinked_at IS NULL
      WHERE p.library_system_id = ${librarySystemId} AND p.expires_on = ${extendedTo}::date`),
  )[0]!.n;
  progress("My Number job: second run (the registrations are extended by now)");
  const t1 = performance.now();
  const second = await renewRegistrationsByMyNumber({ db, platform, now: NOW });
  const secondMs = performance.now() - t1;
  const report = first[SYSTEM];
  return {
    phase: "myNumberJob",
    platformMs: o.platformMs,
    myNumberJobSeconds: round2(firstMs / 1000),
    links: linksInDb,
    checked: report?.checked ?? 0,
    extended: report?.extended ?? 0,
    unchanged: report?.unchanged ?? 0,
    excluded: report?.excluded ?? 0,
    failed: report?.failed ?? 0,
    mailQueued,
    extendedInDb,
    linksPerSecond: Math.round((report?.checked ?? 0) / (firstMs / 1000)),
    secondRun: { seconds: round2(secondMs / 1000), ...second[SYSTEM] },
    // Per link: nodeCpuMsPerRequest and dbCpuMsPerRequest are per My Number link.
    diagnostics,
    meetsMyNumberGoal: firstMs / 1000 <= GOALS.myNumberJobSeconds,
  };
}

// =========================================================================================================
// Databases: a fresh one per run, dropped at the end (and on Ctrl-C).

const postgresServer = process.env.DATABASE_URL || DEFAULT_POSTGRES;
const cleanups: (() => Promise<void>)[] = [];

function serverUrl(name: string): string {
  const url = new URL(postgresServer);
  url.pathname = `/${name}`;
  return url.toString();
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl("postgres"), connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

async function freshDatabase(kind: DbKind): Promise<{ database: Database; url?: string }> {
  if (kind === "pglite") {
    const dir = mkdtempSync(join(tmpdir(), "shiori-bench-"));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const database = await openDatabase({ dataDir: dir });
    cleanups.push(() => database.close().catch(() => {}));
    return { database };
  }
  const name = `shiori_bench_${randomBytes(6).toString("hex")}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  cleanups.push(() => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  const url = serverUrl(name);
  const database = await openDatabase({ url });
  cleanups.push(() => database.close().catch(() => {}));
  return { database, url };
}

async function cleanup() {
  while (cleanups.length) await cleanups.pop()!().catch(() => {});
}

async function serverSettings(database: Database): Promise<Record<string, string> | undefined> {
  if (database.kind !== "postgres") return undefined;
  const rows = resultRows<{ name: string; setting: string }>(
    await database.db.execute(sql`SELECT name, current_setting(name) AS setting FROM pg_settings
      WHERE name IN ('server_version', 'shared_buffers', 'work_mem', 'synchronous_commit', 'max_connections', 'jit')`),
  );
  return Object.fromEntries(rows.map((r) => [r.name, r.setting]));
}

async function main(args: readonly string[]): Promise<number> {
  const o = parseOptions(args);
  const summary: Record<string, unknown> = {
    db: o.db,
    patrons: o.patrons,
    linked: o.linked,
    felica: o.felica,
  };
  if (o.db === "postgres") {
    try {
      await adminQuery("SELECT 1");
    } catch (error) {
      emit({
        ...summary,
        summary: true,
        registrationsPerSecond: null,
        duplicateCardNumbers: null,
        resolveP95Ms: null,
        myNumberJobSeconds: null,
        skipped: `PostgreSQL unreachable at ${new URL(postgresServer).host}: ${(error as Error).message}`,
      });
      return 0;
    }
  }

  const { database, url } = await freshDatabase(o.db);
  const diagnose: Diagnose = () => startDiagnostics(database, url);
  progress(`${o.db}: migrating and seeding`);
  await migrate(database);
  await seedDemo(database.db, { now: NOW, production: false, demoRecordsPerSystem: 0 });
  const system = await findLibrarySystemBySlug(database.db, SYSTEM);
  if (!system) throw new Error(`library system "${SYSTEM}" was not seeded`);
  const { policy } = await getPolicyInForce(database.db, system.id, japanDate(NOW));
  const format = policy.registration.cardNumber;

  progress(`loading ${o.patrons} patrons, ${o.felica} FeliCa and ${o.linked} My Number links`);
  const load = await loadPatrons(database, system.id, format, o);
  emit({ db: o.db, ...load.line, server: await serverSettings(database) });

  const http = await serveBenchApp(database, NOW);
  cleanups.push(http.close);
  const token = await signInDemoStaff(SYSTEM, (path, init) => fetch(`${http.base}${path}`, init));

  const registrations = await measureRegistrations(database, diagnose, system.id, http, token, format, o);
  emit({ db: o.db, patrons: o.patrons, ...registrations });
  const resolution = await measureResolution(
    diagnose,
    http,
    token,
    format,
    load.serialBase,
    load.felicaStep,
    o,
  );
  emit({ db: o.db, patrons: o.patrons, ...resolution });
  const job = await measureMyNumberJob(database, diagnose, system.id, o);
  emit({ db: o.db, patrons: o.patrons, linked: o.linked, ...job });

  const series = (kind: "card" | "felica", mode: "sequential" | "concurrent") => {
    const s = resolution[kind]?.[mode];
    return s ? { p50Ms: s.p50Ms, p95Ms: s.p95Ms, p99Ms: s.p99Ms, perSecond: s.perSecond } : null;
  };
  emit({
    ...summary,
    summary: true,
    clients: o.clients,
    registrationsPerSecond: registrations.registrationsPerSecond,
    registrationP50Ms: registrations.registrationP50Ms,
    registrationP95Ms: registrations.registrationP95Ms,
    non201: registrations.non201,
    duplicateCardNumbers: registrations.duplicateCardNumbers,
    loadSeconds: load.line.loadSeconds,
    analyzeSeconds: load.line.analyzeSeconds,
    resolveP95Ms: resolution.resolveP95Ms,
    resolve: {
      card: { sequential: series("card", "sequential"), concurrent: series("card", "concurrent") },
      felica: { sequential: series("felica", "sequential"), concurrent: series("felica", "concurrent") },
    },
    myNumberJobSeconds: job.myNumberJobSeconds,
    myNumberChecked: job.checked,
    myNumberExtended: job.extended,
    myNumberFailed: job.failed,
    meetsMyNumberGoal: job.meetsMyNumberGoal,
  });
  const broken =
    registrations.duplicateCardNumbers > 0 ||
    registrations.non201 > 0 ||
    resolution.resolveErrors > 0 ||
    job.checked + job.excluded !== job.links;
  return broken ? 1 : 0;
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
