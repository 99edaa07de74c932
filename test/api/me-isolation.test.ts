import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { signInOnWeb } from "../support/my-page-fixtures.ts";
import { registerAtCounter, takarazukaResident, uniqueKana } from "../support/patron-fixtures.ts";
import { json, startTestApp, type TestApp } from "../support/test-app.ts";

// Every path of the signed-in patron (`/me/...`), as the OpenAPI description lists them, refuses a request
// without a token and a token of another library system: no path forgets its patronBearer guard.
describe("the /me paths are the signed-in patron's own", () => {
  let t: TestApp;
  let foreignToken: string;

  before(async () => {
    t = await startTestApp();
    const patron = await registerAtCounter(
      t,
      "takarazuka",
      await t.signIn("takarazuka"),
      takarazukaResident(uniqueKana()),
    );
    foreignToken = await signInOnWeb(t, "takarazuka", patron);
  });
  after(() => t.close());

  const examples: Record<string, string> = {
    system: "userpage",
    id: "1",
    list: "readLater",
    recordId: "1",
    fiscalYear: "2026",
  };

  test("every /me operation refuses no token (401) and another system's token (401 or 403)", async () => {
    const document = await json(await t.request("/api/openapi.json"));
    const operations = Object.entries(document.paths as Record<string, Record<string, unknown>>)
      .filter(([path]) => path.startsWith("/api/v1/{system}/me"))
      .flatMap(([path, methods]) => Object.keys(methods).map((method) => ({ path, method })));
    assert.ok(operations.length >= 20, `found ${operations.length} operations`);
    for (const { path, method } of operations) {
      const url = path.replace(/\{(\w+)\}/g, (_, name: string) => {
        assert.ok(examples[name], `an example for {${name}}`);
        return examples[name]!;
      });
      const init = {
        method: method.toUpperCase(),
        json: ["post", "put", "patch"].includes(method) ? {} : undefined,
      };
      const anonymous = await t.request(url, init);
      assert.equal(anonymous.status, 401, `${method} ${path} without a token`);
      const foreign = await t.request(url, { ...init, token: foreignToken });
      assert.ok(
        [401, 403].includes(foreign.status),
        `${method} ${path} with another system's token: ${foreign.status}`,
      );
    }
  });
});
