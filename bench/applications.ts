// `npm run bench -- applications [--clients N] [--per-client N] [--pending N] [--quick] [--db pglite]`: smart
// registration under load (Kashiwa, 002). Each of 20 clients runs whole applications through the HTTP API —
// the e-mail, the key (read from the outbox as the mail would carry it), the form, two 2 MB photos, the
// submission — and the server's resident memory is sampled throughout (goal: no growth per upload beyond one
// photo's size). Then 10,000 pending applications are loaded and the reviewer's queue page is timed. Prints JSON
// lines; the last carries the figures.
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import sharp from "sharp";
import { migrate } from "../src/db/migrate.ts";
import { findLibrarySystemBySlug } from "../src/db/queries/library-systems.ts";
import { seedDemo } from "../src/services/demo/seed-demo.ts";
import { signInStaff } from "../src/services/staff/sign-in-staff.ts";
import { count, option } from "./bench-options.ts";
import { serveBenchApp } from "./bench-server.ts";
import { cleanup, freshDatabase, progress, round1 } from "./circulation-data.ts";
import { latencies } from "./circulation-load.ts";

const NOW = new Date("2026-12-04T10:00:00+09:00");
const SYSTEM = "kashiwa";
const mb = (bytes: number) => round1(bytes / 1024 / 1024);

function emit(line: Record<string, unknown>) {
  console.log(JSON.stringify({ bench: "applications", ...line }));
}

/** A photo of about 2 MB: noise does not compress, as a phone's detailed photo hardly does. */
async function twoMegabytePhoto(): Promise<Buffer> {
  const width = 1400;
  const height = 1400;
  const raw = Buffer.alloc(width * height * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = (i * 2654435761) >>> 24;
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 97 })
    .toBuffer();
}

async function main() {
  const args = process.argv.slice(2);
  const quick = args.includes("--quick");
  const kind = (option(args, "--db") ?? (process.env.DATABASE_URL ? "postgres" : "pglite")) as
    | "postgres"
    | "pglite";
  const clients = count(args, "--clients", 20);
  const perClient = count(args, "--per-client", quick ? 2 : 5);
  const pending = count(args, "--pending", quick ? 1_000 : 10_000);
  const { database } = await freshDatabase(kind);
  const db = database.db;
  await migrate(database);
  await seedDemo(db, { now: NOW, production: false, demoRecordsPerSystem: 0 });
  const system = (await findLibrarySystemBySlug(db, SYSTEM))!;
  const photo = await twoMegabytePhoto();
  emit({ phase: "setup", db: kind, photoBytes: photo.length, clients, perClient });

  const server = await serveBenchApp(database, NOW);
  try {
    const base = `${server.base}/api/v1/${SYSTEM}`;
    const call = async (path: string, init: RequestInit & { token?: string }, expected: number) => {
      const headers = new Headers(init.headers);
      if (init.token) headers.set("authorization", `Bearer ${init.token}`);
      const res = await fetch(`${base}${path}`, { ...init, headers });
      const text = await res.text();
      if (res.status !== expected) throw new Error(`${path}: ${res.status} ${text}`);
      return text ? (JSON.parse(text) as Record<string, unknown>) : {};
    };
    const json = (body: unknown) => ({
      body: JSON.stringify(body),
      headers: { "content-type": "application/json" },
    });
    const keyFor = async (email: string) => {
      const result = (await db.execute(
        sql`SELECT text_body FROM outbox WHERE to_address = ${email} ORDER BY created_at DESC LIMIT 1`,
      )) as { rows: { text_body: string }[] };
      return /key=([\w-]+)/.exec(result.rows[0]!.text_body)![1]!;
    };

    let serial = 0;
    const kana = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワ";
    const oneApplication = async () => {
      const n = serial++;
      const email = `bench-${n}@example.jp`;
      await call("/applications", { method: "POST", ...json({ email }) }, 202);
      const { token } = (await call(
        "/applications/verification",
        { method: "POST", ...json({ key: await keyFor(email) }) },
        200,
      )) as { token: string };
      const reading =
        kana[n % kana.length]! +
        kana[Math.floor(n / kana.length) % kana.length]! +
        kana[Math.floor(n / 1600) % kana.length]!;
      await call(
        "/applications/current",
        {
          method: "PUT",
          token,
          ...json({
            procedure: "newRegistration",
            consent: true,
            form: {
              familyName: "柏",
              givenName: "花子",
              familyNameKana: "カシワ",
              givenNameKana: `ハナ${reading}`,
              birthDate: "1990-05-15",
              address: { postalCode: "277-0005", prefecture: "千葉県", city: "柏市", street: "柏5-8-12" },
              phone: "04-7164-5346",
              basis: "resident",
              municipality: "柏市",
              idDocument: { type: "driversLicence", expiresOn: "2030-01-01" },
            },
          }),
        },
        200,
      );
      const uploadTimes: number[] = [];
      for (const side of ["front", "back"]) {
        const start = performance.now();
        await call(
          `/applications/current/photos/${side}`,
          { method: "PUT", token, body: new Uint8Array(photo) },
          200,
        );
        uploadTimes.push(performance.now() - start);
      }
      await call("/applications/current/submission", { method: "POST", token }, 200);
      return uploadTimes;
    };

    progress("warm-up");
    await oneApplication();
    if (global.gc) global.gc();
    const baselineRss = process.memoryUsage().rss;
    let peakRss = baselineRss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 50);
    progress(`${clients} clients × ${perClient} applications with two ${mb(photo.length)} MB photos`);
    const uploads: number[] = [];
    const totalUploads = clients * perClient * 2;
    // The peak over the first half of the uploads against the peak over all: memory that grew with each upload
    // would keep rising in the second half; memory held by the uploads in flight stops at its first peak.
    let peakAtHalf = 0;
    const start = performance.now();
    await Promise.all(
      Array.from({ length: clients }, async () => {
        for (let i = 0; i < perClient; i++) {
          uploads.push(...(await oneApplication()));
          if (peakAtHalf === 0 && uploads.length >= totalUploads / 2) peakAtHalf = peakRss;
        }
      }),
    );
    const seconds = (performance.now() - start) / 1000;
    clearInterval(sampler);
    const applications = clients * perClient;
    const growthMb = mb(peakRss - baselineRss);
    // Twenty uploads in flight at once each hold their photo and its re-encoding: the bound is that, not the count.
    const inFlightBoundMb = mb(clients * photo.length * 3);
    emit({
      phase: "submissions",
      db: kind,
      applications,
      seconds: round1(seconds),
      applicationsPerSecond: round1(applications / seconds),
      upload: latencies(uploads),
      baselineRssMb: mb(baselineRss),
      peakRssMb: mb(peakRss),
      growthMb,
      growthPerUploadKb: round1((peakRss - baselineRss) / uploads.length / 1024),
      peakAtHalfMb: mb(peakAtHalf),
      secondHalfGrowthMb: mb(peakRss - peakAtHalf),
      inFlightBoundMb,
    });

    progress(`${pending} pending applications for the review queue`);
    await db.execute(sql`
      INSERT INTO applications (library_system_id, email, email_verified_at, procedure, consented_at, form, status,
                                receipt_number, submitted_at, submitted_on, expected_on, created_at, updated_at)
      SELECT ${system.id}, 'pending-' || g || '@example.jp', ${NOW.toISOString()}, 'newRegistration', ${NOW.toISOString()},
             jsonb_build_object('familyName', '柏', 'givenName', '太郎' || g), 'submitted', 'BQ' || lpad(g::text, 6, '0'),
             ${NOW.toISOString()}::timestamptz - (g || ' minutes')::interval, DATE '2026-12-01', DATE '2026-12-03',
             ${NOW.toISOString()}, ${NOW.toISOString()}
        FROM generate_series(1, ${pending}) g`);
    if (kind === "postgres") await db.execute(sql`ANALYZE applications`);
    const { token: cookie } = await signInStaff({
      db,
      librarySystemId: system.id,
      username: "admin",
      password: "shiori-admin",
      kind: "cookie",
      now: NOW,
      production: false,
    });
    const pageTimes: number[] = [];
    for (let i = 0; i < (quick ? 10 : 30); i++) {
      const t0 = performance.now();
      const res = await fetch(`${server.base}/${SYSTEM}/staff/applications`, {
        headers: { cookie: `shiori_staff=${cookie}` },
      });
      const html = await res.text();
      if (res.status !== 200 || !html.includes("BQ")) throw new Error(`queue page ${res.status}`);
      pageTimes.push(performance.now() - t0);
    }
    const queue = latencies(pageTimes);
    emit({ phase: "reviewQueue", db: kind, pending, page: queue });
    emit({
      db: kind,
      clients,
      applications,
      photoBytes: photo.length,
      applicationsPerSecond: round1(applications / seconds),
      uploadP95Ms: latencies(uploads).p95Ms,
      rssGrowthMb: growthMb,
      rssGrowthPerUploadKb: round1((peakRss - baselineRss) / uploads.length / 1024),
      rssSecondHalfGrowthMb: mb(peakRss - peakAtHalf),
      photoKb: round1(photo.length / 1024),
      pendingApplications: pending,
      reviewQueuePageP95Ms: queue.p95Ms,
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
