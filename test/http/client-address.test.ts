import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { test } from "node:test";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { clientAddress } from "../../src/http/client-address.ts";
import type { AppEnv } from "../../src/http/context.ts";

// The address the audit log records as "from".
const app = new Hono<AppEnv>().get("/", (c) => c.json({ address: clientAddress(c) }));

test("over a socket the peer's address is recorded; a proxy's X-Forwarded-For names the first hop", async (t) => {
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

  assert.deepEqual(await (await fetch(base)).json(), { address: "127.0.0.1" });
  const proxied = await fetch(base, { headers: { "x-forwarded-for": "192.0.2.7, 10.0.0.1" } });
  assert.deepEqual(await proxied.json(), { address: "192.0.2.7" });
});

test("an in-process request has no peer: null, not an error", async () => {
  assert.deepEqual(await (await app.request("/")).json(), { address: null });
  const proxied = await app.request("/", { headers: { "x-forwarded-for": "198.51.100.1" } });
  assert.deepEqual(await proxied.json(), { address: "198.51.100.1" });
});
