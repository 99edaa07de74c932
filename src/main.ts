import { ConfigError, loadConfig } from "./config.ts";
import { startServer } from "./server.ts";
import { demoStaff } from "./services/demo/seed-demo.ts";
import { demoPatronPassword } from "./services/demo/seed-demo-patrons.ts";

try {
  const config = loadConfig();
  const running = await startServer(config);
  const where = config.databaseUrl ? "PostgreSQL (DATABASE_URL)" : `PGlite in ${config.dataDir}`;
  console.log(`\n栞 Shiori is running: ${running.url}   (database: ${where})`);
  if (running.seeded) {
    console.log("デモデータを作成しました / Demo data created:");
    for (const s of running.seeded) {
      console.log(
        `  ${s.slug.padEnd(11)} ${s.servicePoints} service points, ${s.bookDrops} book drops, ${s.demoRecords} records, ${s.demoPatrons} patrons`,
      );
    }
  } else {
    console.log("既存のデータを使用します / Using the existing data.");
  }
  if (!config.production) {
    console.log(
      `職員ログイン / Staff sign-in: ${running.url}/hiratsuka/staff  user "${demoStaff.username}"  password "${demoStaff.password}"`,
    );
    console.log(
      `利用者ログイン / Patron sign-in: ${running.url}/hiratsuka/login  card: 山田 花子's number (staff patron search)  password "${demoPatronPassword}"\n`,
    );
  }
  const stop = async () => {
    await running.close();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
}
