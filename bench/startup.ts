// Startup benchmark: how long `tsx src/main.ts` takes until GET /healthz answers 200 {"status":"ok"},
// and how much memory the server holds once up.
//   1. PGlite cold start (empty data directory: migrations + seeding the five demo library systems),
//   2. PGlite warm start (second start on the same, already seeded data directory),
//   3. PostgreSQL cold start (a freshly created, empty database per run).
// Each is measured 3 times, each time in a new child process, and the median reported.
// RSS is VmRSS of the process listening on the port (tsx starts the server as a child node process;
// the tsx wrapper and esbuild service are not counted; their sum is shown per run as treeRssMb),
// read once right after healthz and again after GET /, /takarazuka, /api/v1/systems and a 2 s settle:
// the latter is the reported figure.
// PostgreSQL: DATABASE_URL, when set, names the server to use (its database part is ignored: the bench
// creates and drops its own shiori_bench_* databases there, so it needs CREATEDB); otherwise
// postgres://postgres@127.0.0.1:5432/. Unreachable PostgreSQL gives null figures and a reason.
// Run: npm run bench -- startup        (prints JSON lines; the last one is the summary)
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

const root = fileURLToPath(new URL("..", import.meta.url));
const tsx = join(root, "node_modules", ".bin", "tsx");
const RUNS = 3;
const POLL_MS = 50;
const START_TIMEOUT_MS = 180_000;
const SETTLE_MS = 2_000;
const KILL_AFTER_MS = 5_000;
const PAGES = ["/", "/takarazuka", "/api/v1/systems"];
const DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/";

const tempDirs = new Set<string>();
const children = new Set<ChildProcess>();
const databases = new Set<string>();

type Run = {
  startMs: number;
  listeningMs: number | null;
  pid: number | null;
  rssAfterHealthzMb: number | null;
  rssMb: number | null;
  peakRssMb: number | null;
  treeRssMb: number | null;
  pages: Record<string, number>;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round1 = (n: number) => Math.round(n * 10) / 10;

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function emit(line: Record<string, unknown>) {
  console.log(JSON.stringify({ bench: "startup", ...line }));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const address = s.address();
      const port = typeof address === "object" && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "shiori-bench-"));
  tempDirs.add(dir);
  return dir;
}

function removeDir(dir: string) {
  rmSync(dir, { recursive: true, force: true });
  tempDirs.delete(dir);
}

// --- /proc helpers -------------------------------------------------------------------------------

function descendants(pid: number): number[] {
  const out: number[] = [];
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const task of tasks) {
    let text = "";
    try {
      text = readFileSync(`/proc/${pid}/task/${task}/children`, "utf8");
    } catch {
      continue;
    }
    for (const child of text.split(/\s+/).filter(Boolean).map(Number)) {
      out.push(child, ...descendants(child));
    }
  }
  return out;
}

/** VmRSS and VmHWM of a process, in kB; null when it is gone. */
function memory(pid: number): { rssKb: number; hwmKb: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const rss = /^VmRSS:\s+(\d+) kB/m.exec(status);
    const hwm = /^VmHWM:\s+(\d+) kB/m.exec(status);
    return rss ? { rssKb: Number(rss[1]), hwmKb: hwm ? Number(hwm[1]) : Number(rss[1]) } : null;
  } catch {
    return null;
  }
}

/** The inode of the socket listening on 127.0.0.1:port (or any IPv6 address), from /proc/net/tcp*. */
function listeningInode(port: number): string | null {
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text = "";
    try {
      text = readFileSync(file, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length > 9 && f[1]?.endsWith(`:${hexPort}`) && f[3] === "0A") return f[9]!;
    }
  }
  return null;
}

/** Which process in the tree listens on the port; falls back to the one with the largest RSS. */
function serverPid(rootPid: number, port: number): number | null {
  const tree = [rootPid, ...descendants(rootPid)];
  const inode = listeningInode(port);
  if (inode) {
    for (const pid of tree) {
      try {
        for (const fd of readdirSync(`/proc/${pid}/fd`)) {
          try {
            if (readlinkSync(`/proc/${pid}/fd/${fd}`) === `socket:[${inode}]`) return pid;
          } catch {}
        }
      } catch {}
    }
  }
  let best: number | null = null;
  let bestRss = -1;
  for (const pid of tree) {
    const m = memory(pid);
    if (m && m.rssKb > bestRss) [best, bestRss] = [pid, m.rssKb];
  }
  return best;
}

function treeRssKb(rootPid: number): number {
  return [rootPid, ...descendants(rootPid)].reduce((sum, pid) => sum + (memory(pid)?.rssKb ?? 0), 0);
}

// --- one start -----------------------------------------------------------------------------------

async function stop(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) {
    children.delete(child);
    return;
  }
  const tree = child.pid ? descendants(child.pid) : [];
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // tsx relays SIGTERM to the server, which closes the database and exits.
  child.kill("SIGTERM");
  const timedOut = await Promise.race([exited.then(() => false), sleep(KILL_AFTER_MS).then(() => true)]);
  for (const pid of [...(timedOut && child.pid ? [child.pid] : []), ...tree]) {
    if (existsSync(`/proc/${pid}`)) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {}
    }
  }
  if (timedOut) await exited;
  children.delete(child);
}

async function healthy(base: string): Promise<boolean> {
  try {
    const res = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2_000) });
    if (res.status !== 200) return false;
    const body = (await res.json()) as { status?: unknown };
    return body.status === "ok";
  } catch {
    return false;
  }
}

async function startOnce(env: Record<string, string>): Promise<Run> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let output = "";
  let listeningMs: number | null = null;
  const t0 = performance.now();
  const child = spawn(tsx, ["src/main.ts"], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      NODE_ENV: "development",
      ...env,
    },
  });
  children.add(child);
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-4000);
    if (listeningMs === null && output.includes("Shiori is running")) listeningMs = performance.now() - t0;
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  try {
    let startMs: number | null = null;
    while (startMs === null) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`server exited (${child.exitCode ?? child.signalCode}) before healthz:\n${output}`);
      }
      if (performance.now() - t0 > START_TIMEOUT_MS)
        throw new Error(`no healthz within ${START_TIMEOUT_MS} ms`);
      const tried = performance.now();
      if (await healthy(base)) startMs = performance.now() - t0;
      else await sleep(Math.max(0, POLL_MS - (performance.now() - tried)));
    }
    const pid = child.pid ? serverPid(child.pid, port) : null;
    const afterHealthz = pid ? memory(pid) : null;
    const pages: Record<string, number> = {};
    for (const path of PAGES) {
      const res = await fetch(`${base}${path}`);
      await res.arrayBuffer();
      pages[path] = res.status;
    }
    await sleep(SETTLE_MS);
    const settled = pid ? memory(pid) : null;
    const mb = (kb: number | undefined) => (kb === undefined ? null : round1(kb / 1024));
    return {
      startMs: Math.round(startMs),
      listeningMs: listeningMs === null ? null : Math.round(listeningMs),
      pid,
      rssAfterHealthzMb: mb(afterHealthz?.rssKb),
      rssMb: mb(settled?.rssKb),
      peakRssMb: mb(settled?.hwmKb),
      treeRssMb: child.pid ? mb(treeRssKb(child.pid)) : null,
      pages,
    };
  } finally {
    await stop(child);
  }
}

// --- PostgreSQL ----------------------------------------------------------------------------------

function adminUrl(serverUrl: string): string {
  const url = new URL(serverUrl);
  url.pathname = "/postgres";
  return url.toString();
}

function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withAdmin<T>(serverUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl(serverUrl), connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function createDatabase(serverUrl: string): Promise<string> {
  const name = `shiori_bench_${randomBytes(6).toString("hex")}`;
  await withAdmin(serverUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  databases.add(name);
  return name;
}

async function dropDatabase(serverUrl: string, name: string) {
  await withAdmin(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  databases.delete(name);
}

// --- cleanup on interrupt ------------------------------------------------------------------------

const postgresServer = process.env.DATABASE_URL || DEFAULT_POSTGRES;

async function cleanup() {
  for (const child of [...children]) await stop(child);
  for (const dir of [...tempDirs]) removeDir(dir);
  for (const name of [...databases]) await dropDatabase(postgresServer, name).catch(() => {});
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void cleanup().finally(() => process.exit(130));
  });
}

// --- the measurements ----------------------------------------------------------------------------

const results: Record<"pglite-cold" | "pglite-warm" | "postgres-cold", Run[]> = {
  "pglite-cold": [],
  "pglite-warm": [],
  "postgres-cold": [],
};

function record(measurement: keyof typeof results, run: number, r: Run) {
  results[measurement].push(r);
  emit({ measurement, run, ...r });
}

try {
  for (let i = 1; i <= RUNS; i++) {
    const dir = freshDir();
    try {
      // DATABASE_URL is emptied so that PGlite is used even when it is set for the PostgreSQL runs.
      const env = { SHIORI_DATA_DIR: dir, DATABASE_URL: "" };
      record("pglite-cold", i, await startOnce(env));
      record("pglite-warm", i, await startOnce(env));
    } finally {
      removeDir(dir);
    }
  }

  let postgresSkipped: string | undefined;
  try {
    await withAdmin(postgresServer, (c) => c.query("SELECT 1"));
  } catch (error) {
    postgresSkipped = `PostgreSQL unreachable at ${new URL(postgresServer).host}: ${(error as Error).message}`;
    emit({ measurement: "postgres-cold", skipped: postgresSkipped });
  }
  if (!postgresSkipped) {
    for (let i = 1; i <= RUNS; i++) {
      const name = await createDatabase(postgresServer);
      const dir = freshDir();
      try {
        const env = { SHIORI_DATA_DIR: dir, DATABASE_URL: databaseUrl(postgresServer, name) };
        record("postgres-cold", i, await startOnce(env));
      } finally {
        removeDir(dir);
        await dropDatabase(postgresServer, name);
      }
    }
  }

  const med = (runs: Run[], key: "startMs" | "rssMb") => {
    const m = median(runs.map((r) => r[key]).filter((v): v is number => v !== null));
    return m === null ? null : key === "startMs" ? Math.round(m) : round1(m);
  };
  console.log(
    JSON.stringify({
      bench: "startup",
      pgliteColdStartMs: med(results["pglite-cold"], "startMs"),
      pgliteWarmStartMs: med(results["pglite-warm"], "startMs"),
      postgresColdStartMs: med(results["postgres-cold"], "startMs"),
      pgliteRssMb: med(results["pglite-cold"], "rssMb"),
      postgresRssMb: med(results["postgres-cold"], "rssMb"),
      goals: { pgliteRssMb: 600, postgresRssMb: 200 },
      ...(postgresSkipped ? { postgresSkipped } : {}),
      node: process.version,
    }),
  );
} catch (error) {
  await cleanup();
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
}
