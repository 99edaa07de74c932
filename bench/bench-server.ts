// The application as the benchmarks serve it: over a given database, with the clock set, no mail and the
// stand-in integrations, on a free local port; and the demo administrator's sign-in.
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { settableClock } from "../src/clock.ts";
import { loadConfig } from "../src/config.ts";
import type { Database } from "../src/db/client.ts";
import { createApp } from "../src/http/app.tsx";
import { standInIntegrations } from "../src/integrations/integrations.ts";
import { createLogger } from "../src/logger.ts";
import { demoStaff } from "../src/services/demo/seed-demo.ts";

export function benchApp(database: Database, now: Date) {
  const config = {
    ...loadConfig({
      NODE_ENV: "development",
      SHIORI_SECRET_KEY: randomBytes(32).toString("hex"),
      LOG_LEVEL: "silent",
    }),
    testClock: false,
  };
  return createApp({
    database,
    config,
    clock: settableClock(now),
    logger: createLogger("silent"),
    mailTransport: undefined,
    integrations: standInIntegrations(),
  });
}

/** Serves the app on a free port of 127.0.0.1; `close` may be called more than once. */
export async function serveBenchApp(database: Database, now: Date) {
  const app = benchApp(database, now);
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let closed: Promise<void> | undefined;
  const close = () => {
    closed ??= new Promise<void>((resolve) => server.close(() => resolve()));
    return closed;
  };
  return { base, close };
}

/** The demo administrator's bearer token, through whichever way the bench talks to the app. */
export async function signInDemoStaff(
  system: string,
  request: (path: string, init: RequestInit) => Promise<Response>,
): Promise<string> {
  const res = await request(`/api/v1/${system}/auth/staff`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: demoStaff.username, password: demoStaff.password }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}
