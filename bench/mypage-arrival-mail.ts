// The Monday new-arrival mail at scale: subscribers with one to three saved keywords each, against a week of
// new arrivals, timed through the job's own service; the mails land in the outbox (sending is another job).
import { sql } from "drizzle-orm";
import type { Database } from "../src/db/client.ts";
import { sendArrivalMail } from "../src/services/my-page/send-arrival-mail.ts";
import { type Population, progress, round1, SYSTEM } from "./circulation-data.ts";

/** Monday after the bench's day (2026-04-01): the mail covers 2026-03-30 to 2026-04-05. */
const RUN_DAY = "2026-04-06";
const WORDS = [
  "宝塚",
  "歌劇",
  "ねこ",
  "いぬ",
  "料理",
  "旅行",
  "歴史",
  "宇宙",
  "昆虫",
  "鉄道",
  "音楽",
  "絵本",
  "将棋",
  "囲碁",
  "園芸",
  "写真",
  "映画",
  "健康",
  "経済",
  "法律",
  "数学",
  "物理",
  "化学",
  "地図",
  "民話",
  "詩集",
  "短歌",
  "俳句",
  "推理",
  "時代",
  "恋愛",
  "冒険",
  "科学",
  "環境",
  "福祉",
  "教育",
  "子育て",
  "介護",
  "落語",
  "茶道",
];

/**
 * Gives `arrivals` records a copy received in the mail's week and a title made of two of the words, and
 * `subscribers` patrons (of the loaded population, those with an address) one to three keywords each.
 */
export async function loadArrivalMail(
  database: Database,
  population: Population,
  counts: { arrivals: number; subscribers: number },
): Promise<void> {
  const db = database.db;
  const id = population.librarySystemId;
  const words = sql.raw(`ARRAY[${WORDS.map((w) => `'${w}'`).join(",")}]`);
  progress(`giving ${counts.arrivals} records a copy received in the week before ${RUN_DAY}`);
  await db.execute(sql`
    WITH chosen AS (
      SELECT r.id, row_number() OVER (ORDER BY r.id) AS n FROM bibliographic_records r
       WHERE r.library_system_id = ${id} AND r.control_number LIKE 'BENCH-CIRC-%'
       ORDER BY r.id LIMIT ${counts.arrivals})
    UPDATE bibliographic_records r
       SET title = (${words})[1 + c.n % ${WORDS.length}] || 'と' || (${words})[1 + (c.n * 7) % ${WORDS.length}] || ' 第' || c.n || '巻'
      FROM chosen c WHERE r.id = c.id`);
  await db.execute(sql`
    WITH chosen AS (
      SELECT r.id, row_number() OVER (ORDER BY r.id) AS n FROM bibliographic_records r
       WHERE r.library_system_id = ${id} AND r.control_number LIKE 'BENCH-CIRC-%'
       ORDER BY r.id LIMIT ${counts.arrivals})
    UPDATE items i SET received_on = date '2026-03-30' + (c.n % 7)::int
      FROM chosen c WHERE i.record_id = c.id`);
  await db.execute(sql`
    UPDATE items SET received_on = date '2026-03-01'
     WHERE library_system_id = ${id} AND received_on BETWEEN '2026-03-30' AND '2026-04-05'
       AND record_id NOT IN (SELECT id FROM bibliographic_records
                              WHERE library_system_id = ${id} AND title LIKE '%巻' AND title LIKE '%と%')`);
  progress(`saving keywords for ${counts.subscribers} subscribers`);
  await db.execute(sql`
    WITH subscribers AS (
      SELECT p.id, row_number() OVER (ORDER BY p.id) AS n FROM patrons p
       WHERE p.library_system_id = ${id} AND p.email IS NOT NULL
       ORDER BY p.id LIMIT ${counts.subscribers})
    INSERT INTO arrival_alerts (library_system_id, patron_id, kind, value, created_at)
    SELECT ${id}, s.id, 'keyword', (${words})[1 + (s.n * k * 13) % ${WORDS.length}], now()
      FROM subscribers s CROSS JOIN generate_series(1, 3) AS k
     WHERE k <= 1 + s.n % 3
    ON CONFLICT DO NOTHING`);
  await db.execute(sql`
    INSERT INTO arrival_mail_subscribers (patron_id, library_system_id, unsubscribe_token)
    SELECT DISTINCT patron_id, ${id}::int, md5(patron_id::text || 'bench') FROM arrival_alerts
     WHERE library_system_id = ${id}
    ON CONFLICT DO NOTHING`);
  for (const table of ["arrival_alerts", "arrival_mail_subscribers", "items"]) {
    await db.execute(sql.raw(`ANALYZE ${table}`));
  }
}

export async function measureArrivalMail(database: Database, population: Population) {
  const rss: number[] = [];
  const sampler = setInterval(() => rss.push(process.memoryUsage().rss), 200);
  const started = performance.now();
  const run = await sendArrivalMail({
    db: database.db,
    librarySystemId: population.librarySystemId,
    library: { slug: SYSTEM, ja: "宝塚市立図書館", en: "Takarazuka City Library" },
    publicUrl: "http://localhost:3000",
    today: RUN_DAY,
    now: new Date(`${RUN_DAY}T07:00:00+09:00`),
  });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  rss.push(process.memoryUsage().rss);
  return {
    ...run,
    arrivalMailSeconds: round1(seconds),
    peakRssMb: round1(Math.max(...rss) / 1024 / 1024),
  };
}
