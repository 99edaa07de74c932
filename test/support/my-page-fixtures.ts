import assert from "node:assert/strict";
import { japanDate } from "../../src/clock.ts";
import { setWebPassword } from "../../src/services/patron-auth/set-web-password.ts";
import { getPolicyInForce } from "../../src/services/policies/get-policy-in-force.ts";
import { json, type TestApp } from "./test-app.ts";

/** The web password the fixtures give a patron: 8+ letters and digits, as every system's rule accepts. */
export const webPassword = "yomu2026";

/**
 * Gives the patron a web password straight through the service (as the counter would) and signs them in
 * through the API; answers the patron's bearer token for the `/me` paths.
 */
export async function signInOnWeb(
  t: TestApp,
  system: string,
  patron: { id: string; cardNumber: string },
): Promise<string> {
  const systemId = await t.systemId(system);
  const now = t.clock.now();
  const { policy } = await getPolicyInForce(t.db, systemId, japanDate(now));
  await setWebPassword(t.db, systemId, patron.id, webPassword, policy, now);
  const res = await t.request(`/api/v1/${system}/auth/patron`, {
    method: "POST",
    json: { cardNumber: patron.cardNumber, password: webPassword },
  });
  assert.equal(res.status, 200, await res.clone().text());
  return (await json(res)).token as string;
}
