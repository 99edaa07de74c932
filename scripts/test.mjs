// Runs lint, the type check, the unit/API tests and the browser tests: the README's test command.
// The unit and API tests run once on PGlite, and again on PostgreSQL when TEST_DATABASE_URL is set.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

function find(dir, suffix) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...find(path, suffix));
    else if (name.endsWith(suffix)) out.push(path);
  }
  return out.sort();
}

function run(title, command, args, env = {}) {
  console.log(`\n▶ ${title}`);
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  if (result.status !== 0) {
    console.error(`✖ ${title} failed`);
    process.exit(result.status ?? 1);
  }
}

/** The browser tests drive Debian's Chromium; install it when it is missing. */
function ensureChromium() {
  if (existsSync("/usr/bin/chromium")) return;
  const sudo = process.getuid?.() === 0 ? [] : ["sudo"];
  console.log("\n▶ installing Debian's chromium for the browser tests");
  for (const args of [
    ["apt-get", "update"],
    ["apt-get", "install", "-y", "chromium"],
  ]) {
    const [command, ...rest] = [...sudo, ...args];
    const result = spawnSync(command, rest, {
      stdio: "inherit",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
    if (result.status !== 0) {
      console.error("✖ could not install chromium: run `apt-get install chromium` as root");
      process.exit(1);
    }
  }
}

const only = process.argv.slice(2);
const steps = only.length > 0 ? only : ["lint", "typecheck", "unit", "e2e"];
const bin = (name) => join("node_modules", ".bin", name);
const unitFiles = find("test", ".test.ts").filter((f) => !f.startsWith(join("test", "e2e")));

for (const step of steps) {
  if (step === "lint") run("lint (biome)", bin("biome"), ["check", "."]);
  if (step === "typecheck") run("type check (tsc)", bin("tsc"), ["--noEmit"]);
  if (step === "unit") {
    const { TEST_DATABASE_URL, ...rest } = process.env;
    run("unit and API tests on PGlite", bin("tsx"), ["--test", "--test-concurrency=1", ...unitFiles], {
      ...rest,
      TEST_DATABASE_URL: "",
    });
    if (TEST_DATABASE_URL) {
      run("unit and API tests on PostgreSQL", bin("tsx"), ["--test", "--test-concurrency=1", ...unitFiles], {
        TEST_DATABASE_URL,
      });
    }
  }
  if (step === "e2e") {
    ensureChromium();
    run("browser tests (Chromium)", bin("tsx"), [
      "--test",
      "--test-concurrency=1",
      ...find(join("test", "e2e"), ".test.ts"),
    ]);
  }
}
console.log("\n✔ all tests passed");
