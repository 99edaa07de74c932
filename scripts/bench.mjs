// Runs one benchmark: `npm run bench -- NAME` runs bench/NAME.ts with tsx, passing the environment
// (and any further arguments) through, and exits with its status. Benchmarks print JSON lines;
// the last line carries the figures.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const benchDir = join(root, "bench");
const available = readdirSync(benchDir)
  .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))
  .map((f) => f.slice(0, -".ts".length))
  .sort();

const [name, ...args] = process.argv.slice(2);
if (!name || !available.includes(name)) {
  if (name) console.error(`Unknown benchmark "${name}".`);
  console.error("Usage: npm run bench -- NAME");
  console.error(`Available benchmarks: ${available.join(", ") || "(none)"}`);
  process.exit(2);
}

const result = spawnSync(join(root, "node_modules", ".bin", "tsx"), [join(benchDir, `${name}.ts`), ...args], {
  cwd: root,
  stdio: "inherit",
  env: process.env,
});
if (result.error) {
  console.error(result.error.message);
  process.exit(1);
}
process.exit(result.status ?? 1);
