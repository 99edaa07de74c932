import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { json, startTestApp, type TestApp } from "../support/test-app.ts";

describe("library systems, health and errors", () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  test("GET /healthz answers ok once the database answers", async () => {
    const res = await t.request("/healthz");
    assert.equal(res.status, 200);
    assert.deepEqual(await json(res), { status: "ok" });
  });

  test("GET /systems lists the five library systems by slug with Japanese and English names", async () => {
    const body = await json(await t.request("/api/v1/systems"));
    assert.deepEqual(
      body.systems.map((s: { slug: string }) => s.slug),
      ["hiratsuka", "takarazuka", "kashiwa", "userpage", "aomori"],
    );
    assert.equal(body.systems[1].name.ja, "宝塚市立図書館");
    assert.match(body.systems[1].name.en, /Takarazuka/);
  });

  test("an unknown system slug is 404 SYSTEM_NOT_FOUND, in Japanese by default", async () => {
    for (const path of ["/api/v1/nowhere/policy", "/api/v1/nowhere/service-points"]) {
      const res = await t.request(path);
      assert.equal(res.status, 404, path);
      const body = await json(res);
      assert.equal(body.error.code, "SYSTEM_NOT_FOUND");
      assert.equal(body.error.message, "その図書館システムはありません。");
      assert.deepEqual(body.error.details, { system: "nowhere" });
    }
  });

  test("errors are in English when the client prefers English", async () => {
    const res = await t.request("/api/v1/nowhere/policy", {
      headers: { "accept-language": "en-GB,en;q=0.9" },
    });
    assert.equal((await json(res)).error.message, "No such library system.");
  });

  test("an unknown API path is a JSON 404 and every answer carries a request id", async () => {
    const res = await t.request("/api/v1/takarazuka/no-such-thing/at/all");
    assert.equal(res.status, 404);
    assert.equal((await json(res)).error.code, "NOT_FOUND");
    assert.match(res.headers.get("x-request-id") ?? "", /^[\w-]{8,}$/);
  });

  test("a request id given by the client is echoed back", async () => {
    const res = await t.request("/healthz", { headers: { "x-request-id": "counter-3-0001" } });
    assert.equal(res.headers.get("x-request-id"), "counter-3-0001");
  });

  test("the OpenAPI description lists the API contract's paths", async () => {
    const doc = await json(await t.request("/api/openapi.json"));
    for (const path of [
      "/systems",
      "/{system}/auth/staff",
      "/{system}/policy",
      "/{system}/service-points",
      "/{system}/service-points/{id}/calendar",
      "/{system}/outbox",
    ]) {
      assert.ok(doc.paths[`/api/v1${path}`], `missing ${path}`);
    }
    assert.equal(
      doc.paths["/api/v1/_test/clock"],
      undefined,
      "test hooks are not described outside test mode",
    );
  });

  test("the test hooks are 404 without SHIORI_TEST_CLOCK", async () => {
    const clock = await t.request("/api/v1/_test/clock", {
      method: "PUT",
      json: { now: "2026-05-01T10:00:00+09:00" },
    });
    assert.equal(clock.status, 404);
    const job = await t.request("/api/v1/_test/jobs/sendMail", { method: "POST" });
    assert.equal(job.status, 404);
  });
});
