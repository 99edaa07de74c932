// Circulation benchmark, part 1: the databases and the loaded population (see bench/circulation.ts).
// A fresh database (a new shiori_bench_* PostgreSQL database, or a PGlite data directory) is migrated and
// seeded with the five library systems, their demo administrator and demo patrons (no demo books); then
// ITEMS items on ITEMS / ITEMS_PER_RECORD records and PATRONS patrons, each with one active card, are
// written to "takarazuka" in the owner's role with INSERT … SELECT (item barcodes and card numbers made by
// completeNumber in the policy's formats, sent as one JSON array per statement), the number counters are
// moved past them as an import does, and the tables are vacuumed and analysed.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import pg from "pg";
import { japanDate } from "../src/clock.ts";
import { type Database, openDatabase } from "../src/db/client.ts";
import { migrate, resultRows } from "../src/db/migrate.ts";
import { findLibrarySystemBySlug } from "../src/db/queries/library-systems.ts";
import { advanceSerialPast } from "../src/db/queries/number-sequences.ts";
import { withTenant } from "../src/db/tenant.ts";
import { completeNumber, type NumberFormat } from "../src/domain/barcodes/check-digit.ts";
import { nameKey } from "../src/domain/patrons/patron-names.ts";
import { seedDemo } from "../src/services/demo/seed-demo.ts";
import { getPolicyInForce } from "../src/services/policies/get-policy-in-force.ts";

export const SYSTEM = "takarazuka";
export const SERVICE_POINT = "central";
/** The bench's day (the app's clock starts here): every loaded patron and card is valid on it. */
export const NOW = new Date("2026-04-01T10:00:00+09:00");
/** Items per record: a public library holds one to a few copies of a title. */
export const ITEMS_PER_RECORD = 2;
/** Returned loans per item loaded before the run: a year of lending. */
const PAST_LOANS_PER_ITEM = 2;
const LOAD_BATCH = 50_000;
const DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/";

export const round1 = (n: number) => Math.round(n * 10) / 10;
export const round2 = (n: number) => Math.round(n * 100) / 100;
export const progress = (text: string) => process.stderr.write(`# ${text}\n`);

/** The loaded items and patrons, by index (0 … n − 1): what the load generators scan and present. */
export type Population = {
  librarySystemId: number;
  items: number;
  patrons: number;
  barcode(item: number): string;
  card(patron: number): string;
};

// =========================================================================================================
// Databases: each one fresh, removed by cleanup() at the end (and on Ctrl-C).

export const postgresServer = process.env.DATABASE_URL || DEFAULT_POSTGRES;
const cleanups: (() => Promise<void>)[] = [];

export function serverUrl(name: string): string {
  const url = new URL(postgresServer);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl("postgres"), connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** A new empty PostgreSQL database on the server, dropped (WITH (FORCE)) by cleanup(). */
export async function scratchDatabase(purpose: string): Promise<{ name: string; url: string }> {
  const name = `shiori_bench_${purpose}_${randomBytes(5).toString("hex")}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  cleanups.push(() => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  return { name, url: serverUrl(name) };
}

export async function freshDatabase(
  kind: "postgres" | "pglite",
): Promise<{ database: Database; url?: string }> {
  if (kind === "pglite") {
    // A data directory, as `shiori` uses without DATABASE_URL (not the in-memory database of the tests).
    const dir = mkdtempSync(join(tmpdir(), "shiori-bench-"));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const database = await openDatabase({ dataDir: dir });
    cleanups.push(() => database.close().catch(() => {}));
    return { database };
  }
  const { url } = await scratchDatabase("circ");
  const database = await openDatabase({ url });
  cleanups.push(() => database.close().catch(() => {}));
  return { database, url };
}

/** Registers something to undo at cleanup (in reverse order of registration). */
export function onCleanup(fn: () => Promise<void>) {
  cleanups.push(fn);
}

export async function cleanup() {
  while (cleanups.length) await cleanups.pop()!().catch(() => {});
}

// =========================================================================================================
// The population.

const patronIdSql = (i: string) => sql.raw(`md5('bench-circulation-patron-' || ${i})::uuid`);
/** Next serial of a number counter, less one: the loaded serials follow those already issued. */
async function serialBase(database: Database, librarySystemId: number, kind: string): Promise<number> {
  return resultRows<{ base: number }>(
    await database.db.execute(sql`SELECT coalesce(max(next_serial), 1)::int - 1 AS base FROM number_sequences
      WHERE library_system_id = ${librarySystemId} AND kind = ${kind}`),
  )[0]!.base;
}

/** Migrates, seeds the demo systems and loads the population; the load line says how long it took. */
export async function loadPopulation(
  database: Database,
  counts: { items: number; patrons: number },
): Promise<{ population: Population; line: Record<string, unknown> }> {
  const db = database.db;
  progress(`${database.kind}: migrating and seeding the demo systems`);
  const s0 = performance.now();
  await migrate(database);
  await seedDemo(db, { now: NOW, production: false, demoRecordsPerSystem: 0 });
  const seedMs = performance.now() - s0;
  const system = await findLibrarySystemBySlug(db, SYSTEM);
  if (!system) throw new Error(`library system "${SYSTEM}" was not seeded`);
  const id = system.id;
  const today = japanDate(NOW);
  const { policy } = await getPolicyInForce(db, id, today);
  const itemFormat: NumberFormat = policy.catalogue.itemBarcode;
  const cardFormat: NumberFormat = policy.registration.cardNumber;
  const central = resultRows<{ id: string }>(
    await db.execute(
      sql`SELECT id FROM service_points WHERE library_system_id = ${id} AND code = ${SERVICE_POINT}`,
    ),
  )[0]?.id;
  if (!central) throw new Error(`service point "${SERVICE_POINT}" was not seeded`);
  const itemBase = await serialBase(database, id, "item");
  const cardBase = await serialBase(database, id, "card");
  const barcode = (i: number) => completeNumber(itemFormat, itemBase + 1 + i);
  const card = (i: number) => completeNumber(cardFormat, cardBase + 1 + i);

  progress(`${database.kind}: loading ${counts.items} items and ${counts.patrons} patrons into ${SYSTEM}`);
  const t0 = performance.now();
  // Records: ids taken after the existing ones (the identity sequence is moved past them below).
  const records = Math.ceil(counts.items / ITEMS_PER_RECORD);
  const recordBase = resultRows<{ base: number }>(
    await db.execute(sql`SELECT coalesce(max(id), 0)::int AS base FROM bibliographic_records`),
  )[0]!.base;
  // The holdings summary (migration 0004) is written as refresh_record_summary would leave it.
  await db.execute(sql`
    INSERT INTO bibliographic_records (id, library_system_id, control_number, title, title_reading,
      responsibility, publisher, publication_year, ndc, search_vector, material_types, service_point_ids,
      item_count, available_item_count, created_at, updated_at)
    SELECT ${recordBase}::int + g.r, ${id}, 'BENCH-CIRC-' || lpad(g.r::text, 7, '0'),
      '貸出試験資料 第' || g.r || '巻', 'カシダシ シケン シリョウ', '宝塚 花子', '図書館出版',
      2000 + g.r % 26, '913.6', to_tsvector('simple', '貸出試験資料 ' || g.r), ARRAY['book'],
      ARRAY[${central}::uuid], n.count, n.count, ${NOW}, ${NOW}
    FROM generate_series(1, ${records}::int) AS g(r)
    CROSS JOIN LATERAL (SELECT least(${ITEMS_PER_RECORD}::int, ${counts.items}::int - (g.r - 1) * ${ITEMS_PER_RECORD}::int) AS count) AS n`);
  await db.execute(sql`SELECT setval(pg_get_serial_sequence('bibliographic_records', 'id'),
    (SELECT max(id) FROM bibliographic_records))`);

  for (let lo = 0; lo < counts.items; lo += LOAD_BATCH) {
    const hi = Math.min(counts.items, lo + LOAD_BATCH);
    const numbers = Array.from({ length: hi - lo }, (_, k) => barcode(lo + k));
    // Item i (0-based) is c.k − 1 + lo, on record i / ITEMS_PER_RECORD + 1 of the loaded ones.
    await db.execute(sql`
      INSERT INTO items (library_system_id, record_id, barcode, material_type, call_number, service_point_id,
        flags, received_on, created_at, updated_at)
      SELECT ${id}, ${recordBase}::int + (${lo}::int + c.k::int - 1) / ${ITEMS_PER_RECORD}::int + 1, c.number,
        'book', '913.6/カ', ${central}::uuid, '{}', ${today}::date - ((c.k::int * 7919) % 3650), ${NOW}, ${NOW}
      FROM jsonb_array_elements_text(${JSON.stringify(numbers)}::jsonb) WITH ORDINALITY AS c(number, k)`);
  }

  const familyKey = nameKey("タカラ");
  const digitKana = "アイウエオカキクケコ";
  const digitKeys = [...digitKana].map((k) => nameKey(k)).join("");
  for (let lo = 0; lo < counts.patrons; lo += LOAD_BATCH) {
    const hi = Math.min(counts.patrons, lo + LOAD_BATCH);
    await db.execute(sql`
      INSERT INTO patrons (id, library_system_id, family_name, given_name, family_name_kana, given_name_kana,
        name_key, birth_date, postal_code, prefecture, city, street, phone, phone_key, email, basis,
        registration_kind, municipality, registered_via, registered_on, expires_on, last_used_on, status,
        household_id, created_at, updated_at)
      SELECT ${patronIdSql("g.i")}, ${id}, '宝塚', '花子', 'タカラ',
        translate(g.i::text, '0123456789', ${digitKana}),
        ${familyKey} || translate(g.i::text, '0123456789', ${digitKeys}),
        date '1950-01-01' + ((g.i::bigint * 104729) % 20000)::int, '665-0845', '兵庫県', '宝塚市',
        '栄町' || (g.i % 3 + 1) || '-' || (g.i % 97 + 1), '0797-' || lpad((g.i % 100)::text, 2, '0') || '-1234',
        '0797' || lpad((g.i % 100)::text, 2, '0') || '1234',
        CASE WHEN g.i % 10 < 7 THEN 'patron' || g.i || '@example.jp' END, 'resident', 'area', '宝塚市',
        'counter', ${today}::date - 400 - (g.i % 700), ${today}::date + 365 + (g.i % 700),
        ${today}::date - (g.i % 300), 'active', ${patronIdSql("g.i")}, ${NOW}, ${NOW}
      FROM generate_series(${lo}::int, ${hi - 1}::int) AS g(i)`);
    const numbers = Array.from({ length: hi - lo }, (_, k) => card(lo + k));
    await db.execute(sql`
      INSERT INTO patron_cards (library_system_id, patron_id, number, kind, physical, status, issued_on,
        status_changed_at)
      SELECT ${id}, ${patronIdSql(`(${lo} + c.k::int - 1)`)}, c.number, 'card', true, 'active',
        ${today}::date - 400, ${NOW}
      FROM jsonb_array_elements_text(${JSON.stringify(numbers)}::jsonb) WITH ORDINALITY AS c(number, k)`);
  }
  // A library that lends has lent before: each item has returned loans behind it (anonymised at return, as
  // every return leaves them). Without them the bench would start on an empty loans table, whose statistics
  // plan every lookup of a patron's or an item's open loans as a read of the whole table.
  await db.execute(sql`
    INSERT INTO loans (library_system_id, item_id, patron_id, credential_kind, service_point_id, loaned_at,
      loaned_on, first_due_on, due_on, returned_at, returned_on, return_service_point_id, returned_via)
    SELECT ${id}, i.id, NULL, 'card', ${central}::uuid, d.day + time '10:00', d.day, d.day + 14, d.day + 14,
      d.day + 10 + time '15:00', d.day + 10, ${central}::uuid, 'counter'
    FROM items i
    CROSS JOIN generate_series(1, ${PAST_LOANS_PER_ITEM}::int) AS h(n)
    CROSS JOIN LATERAL (SELECT ${today}::date - 30 - ((i.id * 7919 + h.n * 131) % 330)::int AS day) AS d
    WHERE i.library_system_id = ${id}`);
  // As an import does: the next label or card issued follows the loaded ones.
  await withTenant(db, id, async (tx) => {
    await advanceSerialPast(tx, "item", itemBase + counts.items);
    await advanceSerialPast(tx, "card", cardBase + counts.patrons);
  });
  const loadMs = performance.now() - t0;

  progress(`${database.kind}: VACUUM (ANALYZE)`);
  const a0 = performance.now();
  await database.exec(
    "VACUUM (ANALYZE) bibliographic_records, items, patrons, patron_cards, loans, audit_log, number_sequences",
  );
  const analyzeMs = performance.now() - a0;

  const loaded = resultRows<{ items: number; patrons: number; cards: number }>(
    await db.execute(sql`SELECT
      (SELECT count(*)::int FROM items WHERE library_system_id = ${id}) AS items,
      (SELECT count(*)::int FROM patrons WHERE library_system_id = ${id}) AS patrons,
      (SELECT count(*)::int FROM patron_cards WHERE library_system_id = ${id} AND status = 'active') AS cards`),
  )[0]!;
  return {
    population: { librarySystemId: id, items: counts.items, patrons: counts.patrons, barcode, card },
    line: {
      phase: "load",
      db: database.kind,
      items: counts.items,
      records,
      patrons: counts.patrons,
      pastLoans: counts.items * PAST_LOANS_PER_ITEM,
      itemsInSystem: loaded.items,
      patronsInSystem: loaded.patrons,
      activeCardsInSystem: loaded.cards,
      seedSeconds: round2(seedMs / 1000),
      loadSeconds: round2(loadMs / 1000),
      analyzeSeconds: round2(analyzeMs / 1000),
    },
  };
}
