import { availableParallelism, loadavg } from "node:os";
import { sql } from "drizzle-orm";
import type { Database } from "../src/db/client.ts";
import { startEmbeddedMaintenance } from "../src/db/embedded-maintenance.ts";
import { resultRows } from "../src/db/migrate.ts";
import { createLogger } from "../src/logger.ts";
import { count, option } from "./bench-options.ts";
import { benchApp, serveBenchApp, signInDemoStaff } from "./bench-server.ts";
import {
  adminQuery,
  cleanup,
  freshDatabase,
  loadPopulation,
  NOW,
  onCleanup,
  type Population,
  postgresServer,
  progress,
  round2,
  SYSTEM,
} from "./circulation-data.ts";
import { cycles, httpSend, inProcessSend, type Latencies, type Send, slices } from "./circulation-load.ts";
import { runLoadInWorker } from "./circulation-load-worker.ts";
import { runPgbench } from "./circulation-pgbench.ts";
import {
  explainSamples,
  hotUpdates,
  hotUpdatesBetween,
  installStatementProbe,
  markRequest,
  policyCost,
  serverSettings,
  startCpuProfile,
  startDiagnostics,
  startProfile,
  stopProfile,
} from "./circulation-profile.ts";

const GOALS = { ratio: 0.3, p95Ms: 25, pgliteCheckoutsPerSecond: 300 };
/** A lent item goes back this long after its checkout answered, in the open-loop phase. */
const RETURN_AFTER_MS = 1_000;

type Options = {
  items: number;
  patrons: number;
  seconds: { saturation: number; latency: number; pgbench: number; pglite: number };
  clients: number;
  rate: number;
  pgliteItems: number;
  pglitePatrons: number;
  db: "both" | "postgres" | "pglite";
  quick: boolean;
};

function emit(line: Record<string, unknown>) {
  console.log(JSON.stringify({ bench: "circulation", ...line }));
}

function parseOptions(args: readonly string[]): Options {
  const known = new Set([
    "--quick",
    "--items",
    "--patrons",
    "--seconds",
    "--clients",
    "--rate",
    "--pglite-items",
    "--pglite-patrons",
    "--db",
  ]);
  for (const arg of args) {
    if (arg.startsWith("--") && !known.has(arg)) throw new Error(`unknown option ${arg}`);
  }
  const quick = args.includes("--quick");
  const db = option(args, "--db") ?? "both";
  if (db !== "both" && db !== "postgres" && db !== "pglite") {
    throw new Error(`--db must be postgres or pglite, got "${db}"`);
  }
  const every = option(args, "--seconds") === undefined ? undefined : count(args, "--seconds", 60);
  const seconds = every
    ? { saturation: every, latency: every, pgbench: every, pglite: every }
    : quick
      ? { saturation: 10, latency: 10, pgbench: 10, pglite: 10 }
      : { saturation: 60, latency: 30, pgbench: 30, pglite: 15 };
  return {
    items: count(args, "--items", quick ? 10_000 : 100_000),
    patrons: count(args, "--patrons", quick ? 5_000 : 50_000),
    seconds,
    clients: count(args, "--clients", 20),
    rate: count(args, "--rate", 100),
    pgliteItems: count(args, "--pglite-items", 5_000),
    pglitePatrons: count(args, "--pglite-patrons", 2_000),
    db,
    quick,
  };
}

// =========================================================================================================

/** One client, sequential, statements counted: where a checkout's and a return's time goes. */
async function profile(
  database: Database,
  url: string | undefined,
  send: Send,
  population: Population,
  seconds: number,
) {
  const [slice] = slices(population, 1);
  progress(`${database.kind}: profile (1 client, ${seconds} s)`);
  await cycles(send, population, [slice!], Math.min(3, seconds));
  const diagnose = await startDiagnostics(url);
  const stopCpu = await startCpuProfile();
  startProfile();
  const run = await cycles(send, population, [slice!], seconds, markRequest);
  const perRequest = stopProfile();
  const cpu = await stopCpu(run.checkouts + run.returns);
  const { dbCpuMsPerCycle, walSyncsPerCycle } = await diagnose(run.checkouts);
  return {
    phase: "profile",
    db: database.kind,
    clients: 1,
    cyclesPerSecond: run.checkoutsPerSecond,
    errors: run.errors,
    checkout: perRequest.checkout,
    return: perRequest.return,
    nodeCpu: cpu,
    dbCpuMsPerCycle,
    walSyncsPerCycle,
    ...(url ? { serverTime: await explainSamples(url, population.librarySystemId) } : {}),
    ...(await policyCost(database, population.librarySystemId)),
  };
}

type PostgresFigures = {
  checkoutsPerSecond: number | null;
  latency: Latencies | null;
  pgbenchTps: number | null;
  /** PostgreSQL's own CPU per checkout-and-return cycle at saturation. */
  databaseCpuMsPerCycle: number | null;
  errorCount: number;
};

async function postgresPart(o: Options): Promise<PostgresFigures> {
  const none: PostgresFigures = {
    checkoutsPerSecond: null,
    latency: null,
    pgbenchTps: null,
    databaseCpuMsPerCycle: null,
    errorCount: 0,
  };
  try {
    await adminQuery("SELECT 1");
  } catch (error) {
    emit({
      phase: "postgres",
      skipped: `PostgreSQL unreachable at ${new URL(postgresServer).host}: ${(error as Error).message}`,
    });
    return none;
  }
  const { database, url } = await freshDatabase("postgres");
  const { population, line } = await loadPopulation(database, { items: o.items, patrons: o.patrons });
  const settings = await serverSettings(database);
  emit({ ...line, server: settings });

  const http = await serveBenchApp(database, NOW);
  onCleanup(http.close);
  const token = await signInDemoStaff(SYSTEM, (path, init) => fetch(`${http.base}${path}`, init));
  const send = httpSend(http.base, token);

  emit(await profile(database, url, send, population, o.quick ? 3 : 5));

  const clientSlices = slices(population, o.clients);
  // The clients run in a thread of their own, so that the server's event loop serves requests only.
  const load = <J extends Parameters<typeof runLoadInWorker>[3]>(job: J) =>
    runLoadInWorker(http.base, token, population, job);
  progress(`postgres: saturation warm-up (${o.clients} clients, 3 s)`);
  await load({ kind: "cycles", slices: clientSlices, seconds: 3 });
  progress(`postgres: saturation (${o.clients} clients, ${o.seconds.saturation} s)`);
  const hot0 = await hotUpdates(database);
  const diagnose = await startDiagnostics(url);
  const saturation = await load({ kind: "cycles", slices: clientSlices, seconds: o.seconds.saturation });
  const diagnostics = await diagnose(saturation.checkouts);
  const hot1 = await hotUpdates(database);
  const hotDuringSaturation = hotUpdatesBetween(hot0, hot1, saturation.checkouts);
  emit({ phase: "saturation", db: "postgres", ...saturation, diagnostics, hotUpdates: hotDuringSaturation });

  progress(`postgres: open loop, ${o.rate} checkouts/s for ${o.seconds.latency} s`);
  const latency = await load({
    kind: "openLoop",
    rate: o.rate,
    seconds: o.seconds.latency,
    returnAfterMs: RETURN_AFTER_MS,
  });
  // Every loan the bench made was returned: none may be left open.
  const openLoansLeft = resultRows<{ n: number }>(
    await database.db.execute(sql`SELECT count(*)::int AS n FROM loans WHERE returned_at IS NULL
      AND library_system_id = ${population.librarySystemId}`),
  )[0]!.n;
  emit({ phase: "latency", db: "postgres", ...latency, openLoansLeft });
  const serverMajor = Number.parseInt(settings.server_version ?? "", 10);
  // The application's database rests while pgbench runs: the HTTP server and the pool are closed first.
  await http.close();
  await database.close();

  const pgbench = await runPgbench(o.seconds.pgbench, Number.isNaN(serverMajor) ? null : serverMajor);
  emit(pgbench);
  if (pgbench.warning) emit({ phase: "warning", warning: pgbench.warning });
  return {
    checkoutsPerSecond: saturation.checkoutsPerSecond,
    latency: latency.checkout,
    pgbenchTps: pgbench.pgbenchTps,
    databaseCpuMsPerCycle: diagnostics.dbCpuMsPerCycle ?? null,
    errorCount: saturation.errorCount + latency.errorCount + openLoansLeft,
  };
}

async function pglitePart(o: Options): Promise<{ checkoutsPerSecond: number | null; errorCount: number }> {
  const { database } = await freshDatabase("pglite");
  const { population, line } = await loadPopulation(database, {
    items: o.pgliteItems,
    patrons: o.pglitePatrons,
  });
  emit(line);
  const app = benchApp(database, NOW);
  const token = await signInDemoStaff(SYSTEM, async (path, init) => app.request(path, init));
  const send = inProcessSend(app, token);
  const [slice] = slices(population, 1);
  // As the server does: an embedded database is vacuumed and analyzed by the process that holds it.
  const maintenance = startEmbeddedMaintenance(database, createLogger("silent"));
  onCleanup(async () => maintenance?.stop());
  progress("pglite: warm-up (3 s)");
  await cycles(send, population, [slice!], 3);
  progress(`pglite: sequential checkout and return (${o.seconds.pglite} s)`);
  const diagnose = await startDiagnostics(undefined);
  const run = await cycles(send, population, [slice!], o.seconds.pglite);
  const diagnostics = await diagnose(run.checkouts);
  emit({
    phase: "pglite",
    db: "pglite",
    ...run,
    pgliteCheckoutsPerSecond: run.checkoutsPerSecond,
    diagnostics,
  });
  emit(await profile(database, undefined, send, population, o.quick ? 3 : 5));
  return { checkoutsPerSecond: run.checkoutsPerSecond, errorCount: run.errorCount };
}

async function main(args: readonly string[]): Promise<number> {
  const o = parseOptions(args);
  emit({
    phase: "options",
    // The machine is shared: its CPUs and load when the bench starts say how far the figures carry.
    cpus: availableParallelism(),
    loadAverage: round2(loadavg()[0]!),
    quick: o.quick,
    items: o.items,
    patrons: o.patrons,
    clients: o.clients,
    rate: o.rate,
    seconds: o.seconds,
    pgliteItems: o.pgliteItems,
    pglitePatrons: o.pglitePatrons,
    db: o.db,
  });
  installStatementProbe();
  const pgFigures =
    o.db === "pglite"
      ? {
          checkoutsPerSecond: null,
          latency: null,
          pgbenchTps: null,
          databaseCpuMsPerCycle: null,
          errorCount: 0,
        }
      : await postgresPart(o);
  await cleanup();
  const lite = o.db === "postgres" ? { checkoutsPerSecond: null, errorCount: 0 } : await pglitePart(o);
  await cleanup();

  const ratio =
    pgFigures.checkoutsPerSecond !== null && pgFigures.pgbenchTps
      ? round2(pgFigures.checkoutsPerSecond / pgFigures.pgbenchTps)
      : null;
  // The ratio this machine allows at most: PostgreSQL's CPU alone per cycle, were the application server and the
  // clients free and every core the database's. The server, the clients and the database share the cores here.
  const { databaseCpuMsPerCycle } = pgFigures;
  const ratioCeiling =
    databaseCpuMsPerCycle && pgFigures.pgbenchTps
      ? round2((availableParallelism() * 1000) / databaseCpuMsPerCycle / pgFigures.pgbenchTps)
      : null;
  const p95 = pgFigures.latency?.p95Ms ?? null;
  const errors = pgFigures.errorCount + lite.errorCount;
  emit({
    phase: "goals",
    goals: {
      ratio: `≥ ${GOALS.ratio}`,
      p95Ms: `≤ ${GOALS.p95Ms} at ${o.rate} checkouts/s`,
      pgliteCheckoutsPerSecond: `≥ ${GOALS.pgliteCheckoutsPerSecond}`,
    },
    met: {
      ratio: ratio === null ? null : ratio >= GOALS.ratio,
      p95Ms: p95 === null ? null : p95 <= GOALS.p95Ms,
      pgliteCheckoutsPerSecond:
        lite.checkoutsPerSecond === null ? null : lite.checkoutsPerSecond >= GOALS.pgliteCheckoutsPerSecond,
    },
    ratioCeiling: { cpus: availableParallelism(), databaseCpuMsPerCycle, ratio: ratioCeiling },
    errors,
  });
  emit({
    checkoutsPerSecond: pgFigures.checkoutsPerSecond,
    p50Ms: pgFigures.latency?.p50Ms ?? null,
    p95Ms: p95,
    p99Ms: pgFigures.latency?.p99Ms ?? null,
    pgbenchTps: pgFigures.pgbenchTps,
    ratio,
    pgliteCheckoutsPerSecond: lite.checkoutsPerSecond,
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
