// Circulation benchmark, part 4: what this PostgreSQL server does with a standard write load, for scale.
// pgbench's TPC-B-like script (one transaction: three UPDATEs, a SELECT and an INSERT) on a scratch database
// initialised with `pgbench -i -s SCALE`, run as `pgbench -c CLIENTS -j JOBS -T SECONDS`. Its TPS is the
// ceiling the circulation figure is compared with: one checkout commits one write transaction too.
import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { delimiter, join } from "node:path";
import { progress, round1, scratchDatabase } from "./circulation-data.ts";

export const PGBENCH = { scale: 10, clients: 20, jobs: 2 };

/** /usr/lib/postgresql/NN/bin/pgbench, the server's major version first (then the newest), else PATH. */
export function findPgbench(serverMajor: number | null): string | null {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const ordered = serverMajor === null ? versions : [String(serverMajor), ...versions];
  for (const v of ordered) {
    const path = join(root, v, "bin", "pgbench");
    if (existsSync(path)) return path;
  }
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (dir && existsSync(join(dir, "pgbench"))) return join(dir, "pgbench");
  }
  return null;
}

function run(
  binary: string,
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.once("error", reject);
    child.once("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

export type PgbenchResult = {
  phase: "pgbench";
  binary: string | null;
  scale: number;
  clients: number;
  jobs: number;
  seconds: number;
  pgbenchTps: number | null;
  latencyAverageMs?: number | null;
  transactions?: number | null;
  failedTransactions?: number | null;
  initSeconds?: number;
  warning?: string;
};

export async function runPgbench(seconds: number, serverMajor: number | null): Promise<PgbenchResult> {
  const base = { phase: "pgbench" as const, ...PGBENCH, seconds };
  const binary = findPgbench(serverMajor);
  if (!binary) {
    return {
      ...base,
      binary: null,
      pgbenchTps: null,
      warning:
        "pgbench not found (looked in /usr/lib/postgresql/*/bin and PATH); install postgresql-contrib or " +
        "postgresql-client-NN for the server's version",
    };
  }
  const { url } = await scratchDatabase("pgbench");
  progress(`pgbench: -i -s ${PGBENCH.scale}`);
  const i0 = performance.now();
  const init = await run(binary, ["-i", "-q", "-s", String(PGBENCH.scale), url]);
  const initSeconds = round1((performance.now() - i0) / 1000);
  if (init.code !== 0) {
    return {
      ...base,
      binary,
      pgbenchTps: null,
      warning: `pgbench -i failed: ${init.stderr.trim().slice(-300)}`,
    };
  }
  progress(`pgbench: -c ${PGBENCH.clients} -j ${PGBENCH.jobs} -T ${seconds}`);
  const out = await run(binary, [
    "-c",
    String(PGBENCH.clients),
    "-j",
    String(PGBENCH.jobs),
    "-T",
    String(seconds),
    url,
  ]);
  const number = (re: RegExp) => {
    const m = re.exec(out.stdout);
    return m ? Number(m[1]) : null;
  };
  const tps = number(/tps = ([\d.]+) \(without initial connection time\)/);
  return {
    ...base,
    binary,
    pgbenchTps: tps === null ? null : round1(tps),
    latencyAverageMs: number(/latency average = ([\d.]+) ms/),
    transactions: number(/number of transactions actually processed: (\d+)/),
    failedTransactions: number(/number of failed transactions: (\d+)/),
    initSeconds,
    ...(out.code !== 0 || tps === null
      ? { warning: `pgbench ended with ${out.code}: ${(out.stderr || out.stdout).trim().slice(-300)}` }
      : {}),
  };
}
