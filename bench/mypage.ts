// `npm run bench -- mypage [--quick] [--db pglite]`: the patron's page under load. Prints JSON lines; the
// last carries the figures of the "my page" issue: the loans view's p95 with 20 clients for a patron with 15
// loans and 10 reservations, the Monday new-arrival mail for 100,000 subscribers against 5,000 new arrivals
// (goal ≤ 120 s), and the server's resident memory.
import { option } from "./bench-options.ts";
import { serveBenchApp, signInDemoStaff } from "./bench-server.ts";
import { cleanup, freshDatabase, loadPopulation, NOW, progress, round1 } from "./circulation-data.ts";
import { loadArrivalMail, measureArrivalMail } from "./mypage-arrival-mail.ts";
import { measureLoansView } from "./mypage-loans.ts";

const CLIENTS = 20;

function emit(line: Record<string, unknown>) {
  console.log(JSON.stringify({ bench: "mypage", ...line }));
}

const rssMb = () => round1(process.memoryUsage().rss / 1024 / 1024);

async function main() {
  const args = process.argv.slice(2);
  const quick = args.includes("--quick");
  const kind = (option(args, "--db") ?? (process.env.DATABASE_URL ? "postgres" : "pglite")) as
    | "postgres"
    | "pglite";
  const perClient = quick ? 25 : 100;
  const subscribers = quick ? 10_000 : 100_000;
  const arrivals = 5_000;
  const { database } = await freshDatabase(kind);
  // Patrons: 70 % of the loaded ones have an address, so this many give the subscribers wanted.
  const { population, line } = await loadPopulation(database, {
    items: arrivals * 2,
    patrons: Math.ceil(subscribers / 0.7) + 10,
  });
  emit({ phase: "load", db: kind, ...line });
  await loadArrivalMail(database, population, { arrivals, subscribers });

  const server = await serveBenchApp(database, NOW);
  try {
    const staffToken = await signInDemoStaff("takarazuka", (path, init) =>
      fetch(`${server.base}${path}`, init),
    );
    const { api, page } = await measureLoansView(database, population, server.base, staffToken, {
      clients: CLIENTS,
      perClient,
    });
    emit({ phase: "loansView", db: kind, clients: CLIENTS, api, page, rssMb: rssMb() });
    progress(`the Monday mail: ${subscribers} subscribers, ${arrivals} new arrivals`);
    const mail = await measureArrivalMail(database, population);
    emit({ phase: "arrivalMail", db: kind, ...mail });
    emit({
      db: kind,
      clients: CLIENTS,
      loans: 15,
      reservations: 10,
      loansViewP95Ms: api.p95Ms,
      loansPageP95Ms: page.p95Ms,
      loansViewPerSecond: api.perSecond,
      failures: api.failures + page.failures,
      subscribers: mail.subscribers,
      newArrivals: mail.arrivals,
      mailsQueued: mail.mails,
      arrivalMailSeconds: mail.arrivalMailSeconds,
      arrivalMailGoalSeconds: 120,
      rssMb: rssMb(),
      peakRssMb: mail.peakRssMb,
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
