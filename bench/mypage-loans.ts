// The my page's loans view under load: one patron with 15 loans and 10 reservations, 20 clients reading
// GET /me/loans (the API the pages and apps use) and the /my/loans page, each for a fixed number of requests.
import { japanDate } from "../src/clock.ts";
import type { Database } from "../src/db/client.ts";
import { setWebPassword } from "../src/services/patron-auth/set-web-password.ts";
import { getPolicyInForce } from "../src/services/policies/get-policy-in-force.ts";
import { NOW, type Population, progress, SERVICE_POINT, SYSTEM } from "./circulation-data.ts";
import { latencies } from "./circulation-load.ts";

const PASSWORD = "bench2026";
export const LOANS = 15;
export const HOLDS = 10;

/**
 * Registers a patron at the counter, lends them 15 items and reserves 10 other titles for them, through the
 * API as the counter would (the loaded population's patrons have ids the API's uuid check refuses).
 */
export async function stockPatron(
  database: Database,
  population: Population,
  base: string,
  staffToken: string,
): Promise<{ cardNumber: string }> {
  const post = async (path: string, body: unknown, expected: number) => {
    const res = await fetch(`${base}/api/v1/${SYSTEM}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${staffToken}` },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status !== expected) throw new Error(`${path}: ${res.status} ${text}`);
    return JSON.parse(text) as Record<string, unknown>;
  };
  const patron = (await post("/patrons", benchResident, 201)) as { id: string; cardNumber: string };
  for (let i = 0; i < LOANS; i++) {
    await post(
      "/loans",
      {
        credential: { kind: "card", value: patron.cardNumber },
        itemBarcode: population.barcode(i * 2),
        servicePoint: SERVICE_POINT,
      },
      201,
    );
  }
  for (let i = 0; i < HOLDS; i++) {
    // Records after the lent ones, each with its copies on the shelf: the reservation waits to be pulled.
    const recordId = await recordIdOf(base, staffToken, population.barcode(100 + i * 2));
    await post(
      "/holds",
      { patronId: patron.id, channel: "counter", recordId, pickupPoint: SERVICE_POINT, contact: "email" },
      201,
    );
  }
  const { policy } = await getPolicyInForce(database.db, population.librarySystemId, japanDate(NOW));
  await setWebPassword(database.db, population.librarySystemId, patron.id, PASSWORD, policy, NOW);
  return { cardNumber: patron.cardNumber };
}

const benchResident = {
  familyName: "宝塚",
  givenName: "読子",
  familyNameKana: "タカラヅカ",
  givenNameKana: "ヨミコ",
  birthDate: "1985-07-07",
  address: { postalCode: "665-0014", prefecture: "兵庫県", city: "宝塚市", street: "末成町1-1" },
  phone: "0797-00-1234",
  email: "yomiko@example.jp",
  basis: "resident",
  municipality: "宝塚市",
  idDocument: { type: "driversLicence", expiresOn: "2030-01-01" },
};

async function recordIdOf(base: string, token: string, barcode: string): Promise<number> {
  const res = await fetch(`${base}/api/v1/${SYSTEM}/items/${barcode}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (res.status !== 200) throw new Error(`item ${barcode}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { recordId: number }).recordId;
}

/** Signs in by the API (a bearer token) and by the sign-in page (a session cookie). */
async function signIn(base: string, card: string): Promise<{ token: string; cookie: string }> {
  const api = await fetch(`${base}/api/v1/${SYSTEM}/auth/patron`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ cardNumber: card, password: PASSWORD }),
  });
  if (api.status !== 200) throw new Error(`patron sign-in: ${api.status} ${await api.text()}`);
  const { token } = (await api.json()) as { token: string };
  const form = await fetch(`${base}/${SYSTEM}/login`);
  const csrfCookie = form.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .join("; ");
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? "";
  const page = await fetch(`${base}/${SYSTEM}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ _csrf: csrf, cardNumber: card, password: PASSWORD }).toString(),
  });
  if (page.status !== 303) throw new Error(`page sign-in: ${page.status}`);
  const session = page.headers.getSetCookie().map((c) => c.split(";")[0]!);
  return { token, cookie: [csrfCookie, ...session].join("; ") };
}

/** `clients` loops each reading `path` `perClient` times; the latencies of every read. */
async function readUnderLoad(
  request: () => Promise<Response>,
  clients: number,
  perClient: number,
  check: (res: Response, body: string) => boolean,
) {
  const times: number[] = [];
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = 0; i < perClient; i++) {
        const t0 = performance.now();
        const res = await request();
        const body = await res.text();
        times.push(performance.now() - t0);
        if (!check(res, body)) failures++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    ...latencies(times),
    requests: times.length,
    perSecond: Math.round(times.length / seconds),
    failures,
  };
}

export async function measureLoansView(
  database: Database,
  population: Population,
  base: string,
  staffToken: string,
  options: { clients: number; perClient: number },
) {
  progress(`lending ${LOANS} items and reserving ${HOLDS} titles for one patron`);
  const { cardNumber } = await stockPatron(database, population, base, staffToken);
  const { token, cookie } = await signIn(base, cardNumber);
  const apiRead = () =>
    fetch(`${base}/api/v1/${SYSTEM}/me/loans`, { headers: { authorization: `Bearer ${token}` } });
  const pageRead = () => fetch(`${base}/${SYSTEM}/my/loans`, { headers: { cookie } });
  // Warm-up: plans, the policy cache, the JIT.
  for (let i = 0; i < 20; i++) await (await apiRead()).text();
  for (let i = 0; i < 20; i++) await (await pageRead()).text();
  progress(`${options.clients} clients × ${options.perClient} reads of GET /me/loans`);
  const api = await readUnderLoad(apiRead, options.clients, options.perClient, (res, body) => {
    return res.status === 200 && (JSON.parse(body) as { loans: unknown[] }).loans.length === LOANS;
  });
  progress(`${options.clients} clients × ${options.perClient} reads of the /my/loans page`);
  const page = await readUnderLoad(pageRead, options.clients, options.perClient, (res, body) => {
    return res.status === 200 && (body.match(/class="result"/g) ?? []).length === LOANS;
  });
  return { api, page };
}
