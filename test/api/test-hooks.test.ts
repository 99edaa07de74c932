import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { json, startTestApp, type TestApp } from "../support/test-app.ts";

describe("test mode hooks (SHIORI_TEST_CLOCK=1)", () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ testClock: true });
  });
  after(() => t.close());

  test("PUT /_test/clock sets the server clock that the policy date follows", async () => {
    const res = await t.request("/api/v1/_test/clock", {
      method: "PUT",
      json: { now: "2027-01-04T09:30:00+09:00" },
    });
    assert.equal(res.status, 200);
    assert.equal(new Date((await json(res)).now).toISOString().slice(0, 16), "2027-01-04T00:30");
    const token = await t.signIn("takarazuka");
    const published = await t.request("/api/v1/takarazuka/policy", {
      method: "PUT",
      token,
      json: { policy: (await json(await t.request("/api/v1/takarazuka/policy"))).policy },
    });
    assert.equal((await json(published)).effectiveFrom, "2027-01-04");
  });

  test("PUT /_test/clock refuses a time without an offset", async () => {
    const res = await t.request("/api/v1/_test/clock", { method: "PUT", json: { now: "yesterday" } });
    assert.equal(res.status, 422);
    assert.equal((await json(res)).error.code, "VALIDATION_FAILED");
  });

  test("POST /_test/jobs/{name} runs a job at once and answers its result", async () => {
    const res = await t.request("/api/v1/_test/jobs/sendMail", { method: "POST" });
    assert.equal(res.status, 200);
    assert.deepEqual(await json(res), { job: "sendMail", result: { sent: 0, failed: 0, transport: "none" } });
  });

  test("an unknown job is 404 JOB_NOT_FOUND", async () => {
    const res = await t.request("/api/v1/_test/jobs/noSuchJob", { method: "POST" });
    assert.equal(res.status, 404);
    assert.equal((await json(res)).error.code, "JOB_NOT_FOUND");
  });
});
