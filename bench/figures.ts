// `npm run bench -- figures [--events N] [--queries N] [--quick] [--db pglite]`: the staff figures over
// many circulation events. Loads N anonymous events (10,000,000 by default) spread over ten years, six service
// points, the material types and the NDC classes of Takarazuka, runs the nightly refreshFigures job that folds
// them into the monthly summary, then times the figures as the page asks for them — a fiscal year and a
// ten-year range, by service point, material type and NDC class — through the HTTP API. Prints JSON lines; the
// last carries the figure: the monthly figures query's p95 (goal ≤ 500 ms on PostgreSQL).
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { migrate } from "../src/db/migrate.ts";
import { findLibrarySystemBySlug } from "../src/db/queries/library-systems.ts";
import { seedDemo } from "../src/services/demo/seed-demo.ts";
import { refreshFigures } from "../src/services/figures/figures.ts";
import { count, option } from "./bench-options.ts";
import { serveBenchApp, signInDemoStaff } from "./bench-server.ts";
import { cleanup, freshDatabase, progress, round1 } from "./circulation-data.ts";
import { latencies } from "./circulation-load.ts";

const NOW = new Date("2027-04-01T10:00:00+09:00");
const GOAL_P95_MS = 500;

function emit(line: Record<string, unknown>) {
  console.log(JSON.stringify({ bench: "figures", ...line }));
}

async function main() {
  const args = process.argv.slice(2);
  const quick = args.includes("--quick");
  const kind = (option(args, "--db") ?? (process.env.DATABASE_URL ? "postgres" : "pglite")) as
    | "postgres"
    | "pglite";
  const events = count(args, "--events", quick ? 200_000 : 10_000_000);
  const queries = count(args, "--queries", quick ? 20 : 60);
  const { database } = await freshDatabase(kind);
  const db = database.db;
  await migrate(database);
  await seedDemo(db, { now: NOW, production: false, demoRecordsPerSystem: 0 });
  const system = (await findLibrarySystemBySlug(db, "takarazuka"))!;

  // Ten years of days up to yesterday; kinds weighted as a library's year is (loans ≈ returns ≫ reservations).
  progress(`loading ${events.toLocaleString()} circulation events`);
  const loadStart = performance.now();
  const batch = 1_000_000;
  for (let done = 0; done < events; done += batch) {
    const n = Math.min(batch, events - done);
    await db.execute(sql`
      INSERT INTO circulation_events (library_system_id, day, kind, service_point_code, material_type, ndc_class)
      SELECT ${system.id},
             DATE '2027-03-31' - (floor(random() * 3652))::int,
             (ARRAY['loan','loan','loan','loan','return','return','return','return','reservation','registration'])[1 + floor(random() * 10)::int],
             (ARRAY['central','central','west','west','nishitani','higashi','bookmobile','city-hall-return'])[1 + floor(random() * 8)::int],
             (ARRAY['book','book','book','book','book','book','magazine','cd','dvd','kamishibai'])[1 + floor(random() * 10)::int],
             (ARRAY['0','1','2','3','4','5','6','7','8','9','9','9',''])[1 + floor(random() * 13)::int]
        FROM generate_series(1, ${n})`);
    progress(`  ${(done + n).toLocaleString()}`);
  }
  if (kind === "postgres") await db.execute(sql`VACUUM ANALYZE circulation_events`);
  const loadSeconds = round1((performance.now() - loadStart) / 1000);
  emit({ phase: "load", db: kind, events, loadSeconds });

  progress("refreshFigures: folding every past day into the monthly summary");
  const foldStart = performance.now();
  const report = await refreshFigures(db, NOW);
  const refreshSeconds = round1((performance.now() - foldStart) / 1000);
  if (kind === "postgres") await db.execute(sql`ANALYZE monthly_figures`);
  const summaryRows = Number(
    ((await db.execute(sql`SELECT count(*)::int AS n FROM monthly_figures`)) as { rows: { n: number }[] })
      .rows[0]!.n,
  );
  emit({ phase: "refresh", db: kind, refreshSeconds, summaryRows, report: report.takarazuka });

  // Today's events, read live beside the summary as the page does after the morning job.
  await db.execute(sql`
    INSERT INTO circulation_events (library_system_id, day, kind, service_point_code, material_type, ndc_class)
    SELECT ${system.id}, DATE '2027-04-01', 'loan', 'central', 'book', '9' FROM generate_series(1, 2000)`);

  const server = await serveBenchApp(database, NOW);
  try {
    const token = await signInDemoStaff("takarazuka", (path, init) => fetch(`${server.base}${path}`, init));
    const shapes = [
      { from: "2026-04", to: "2027-03", by: "servicePoint" },
      { from: "2026-04", to: "2027-03", by: "materialType" },
      { from: "2026-04", to: "2027-03", by: "ndc" },
      { from: "2017-04", to: "2027-03", by: "servicePoint" },
      { from: "2017-04", to: "2027-03", by: "ndc" },
      { from: "2027-04", to: "2027-04", by: "servicePoint" },
    ];
    const times: number[] = [];
    const byShape: Record<string, number[]> = {};
    for (let i = 0; i < queries * shapes.length; i++) {
      const shape = shapes[i % shapes.length]!;
      const url = `${server.base}/api/v1/takarazuka/figures?${new URLSearchParams(shape)}`;
      const start = performance.now();
      const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      const body = (await res.json()) as { rows?: unknown[] };
      const ms = performance.now() - start;
      if (res.status !== 200 || !body.rows) throw new Error(`figures ${res.status}`);
      times.push(ms);
      const key = `${shape.from}..${shape.to} by ${shape.by}`;
      byShape[key] = [...(byShape[key] ?? []), ms];
    }
    const overall = latencies(times);
    const perShape = Object.fromEntries(
      Object.entries(byShape).map(([k, v]) => {
        const { p50Ms, p95Ms } = latencies(v);
        return [k, { p50Ms, p95Ms }];
      }),
    );
    emit({ phase: "queries", db: kind, requests: times.length, perShape });
    const p95 = overall.p95Ms ?? Number.POSITIVE_INFINITY;
    emit({
      db: kind,
      events,
      summaryRows,
      loadSeconds,
      refreshSeconds,
      figuresQueryP50Ms: overall.p50Ms,
      figuresQueryP95Ms: p95,
      figuresQueryGoalP95Ms: GOAL_P95_MS,
      goalMet: p95 <= GOAL_P95_MS,
      requests: times.length,
    });
  } finally {
    await server.close();
  }
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(cleanup);
