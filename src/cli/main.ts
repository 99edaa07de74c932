import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { ConfigError, loadConfig } from "../config.ts";
import { openDatabase } from "../db/client.ts";
import { migrate } from "../db/migrate.ts";
import { findLibrarySystemBySlug } from "../db/queries/library-systems.ts";
import { isAppError } from "../domain/errors.ts";
import { staffRoleSchema } from "../domain/vocabulary.ts";
import { seedDemo } from "../services/demo/seed-demo.ts";
import { addStaffAccount } from "../services/staff/add-staff-account.ts";
import { exportCommand } from "./export-command.ts";
import { importCommand } from "./import-command.ts";

const usage = `使い方 / Usage: shiori <command>

  migrate                               データベースを最新にする / apply database migrations
  seed-demo                             5つの図書館システムとデモ職員を作成 / create the five systems (and demo staff outside production)
  import FILE --system S [--type marc|marcxml|csv|tsv]
                                        目録ファイルを取り込む / import a catalogue file (format from the extension)
  export --system S [--format marc|csv] [--output FILE]
                                        目録を書き出す / export the catalogue (to standard output without --output)
  staff add --system S --username U --name "N" --roles counter,reviewer,administrator
                                        職員アカウントを追加 / add a staff account
                                        (password from SHIORI_STAFF_PASSWORD, or asked for)

The database is the one the server uses: DATABASE_URL, or PGlite in SHIORI_DATA_DIR (./data).`;

async function main(argv: string[]): Promise<number> {
  const [command, sub] = argv;
  if (!command || command === "help" || command === "--help") {
    console.log(usage);
    return command ? 0 : 1;
  }
  const config = loadConfig();
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    if (command === "migrate") {
      const result = await migrate(database);
      console.log(
        `applied ${result.applied.length} migration(s)${result.applied.length ? `: ${result.applied.join(", ")}` : ""}`,
      );
      return 0;
    }
    await migrate(database);
    if (command === "seed-demo") {
      const report = await seedDemo(database.db, { now: new Date(), production: config.production });
      for (const r of report) {
        console.log(
          `${r.slug.padEnd(11)} ${r.created ? `created (${r.servicePoints} service points)` : "kept"}${r.demoStaff ? ", demo staff admin" : ""}${r.demoRecords ? `, ${r.demoRecords} demo records` : ""}${r.demoPatrons ? `, ${r.demoPatrons} demo patrons` : ""}`,
        );
      }
      return 0;
    }
    if (command === "import" || command === "export") {
      const { values, positionals } = parseArgs({
        args: argv.slice(1),
        allowPositionals: true,
        options: {
          system: { type: "string" },
          type: { type: "string" },
          format: { type: "string", default: "marc" },
          output: { type: "string" },
        },
      });
      const system = values.system ? await findLibrarySystemBySlug(database.db, values.system) : undefined;
      if (!system) {
        console.error(
          values.system
            ? `その図書館システムはありません / No such library system: ${values.system} (a new database needs \`shiori seed-demo\` first)`
            : `--system に図書館システムを指定してください / --system must name a library system\n\n${usage}`,
        );
        return 1;
      }
      if (command === "import") {
        const file = positionals[0];
        if (!file) {
          console.error(usage);
          return 1;
        }
        return await importCommand(database.db, system.id, file, values.type);
      }
      if (values.format !== "marc" && values.format !== "csv") {
        console.error("--format must be marc or csv");
        return 1;
      }
      return await exportCommand(database.db, system.id, values.format, values.output);
    }
    if (command === "staff" && sub === "add") {
      const { values } = parseArgs({
        args: argv.slice(2),
        options: {
          system: { type: "string" },
          username: { type: "string" },
          name: { type: "string" },
          roles: { type: "string", default: "counter" },
        },
      });
      if (!values.system || !values.username) {
        console.error("--system and --username are required\n");
        console.error(usage);
        return 1;
      }
      const system = await findLibrarySystemBySlug(database.db, values.system);
      if (!system) {
        console.error(`その図書館システムはありません / No such library system: ${values.system}`);
        return 1;
      }
      const roles = values.roles.split(",").map((r) => staffRoleSchema.parse(r.trim()));
      const password = process.env.SHIORI_STAFF_PASSWORD ?? (await ask("パスワード / Password: "));
      const { id } = await addStaffAccount({
        db: database.db,
        librarySystemId: system.id,
        account: { username: values.username, displayName: values.name ?? values.username, password, roles },
        actorStaffId: null,
        now: new Date(),
      });
      console.log(`added ${values.username} (${roles.join(", ")}) to ${values.system}: ${id}`);
      return 0;
    }
    console.error(`unknown command: ${argv.join(" ")}\n`);
    console.error(usage);
    return 1;
  } finally {
    await database.close();
  }
}

async function ask(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof ConfigError) console.error(error.message);
  else if (isAppError(error)) console.error(`${error.code}: ${JSON.stringify(error.details)}`);
  else if (error instanceof Error && error.name === "ZodError") console.error(error.message);
  else throw error;
  process.exitCode = 1;
}
