import { sql } from "drizzle-orm";
import type { TestApp } from "./test-app.ts";
import { json } from "./test-app.ts";

/**
 * Helpers for the scenario tests: the clock, jobs and the patron as the counter sees it. Staff sign in again
 * whenever the clock moves, as a counter's session lasts hours, not years.
 */
export async function scenario(t: TestApp, system: string) {
  let token = await t.signIn(system);
  return {
    get token() {
      return token;
    },
    async at(date: string) {
      t.clock.set(new Date(`${date}T10:00:00+09:00`));
      token = await t.signIn(system);
    },
    async runJob(name: string) {
      const res = await t.request(`/api/v1/_test/jobs/${name}`, { method: "POST" });
      if (res.status !== 200) throw new Error(`job ${name}: ${res.status} ${await res.text()}`);
      return (await json(res)).result;
    },
    async patron(id: string) {
      return json(await t.request(`/api/v1/${system}/patrons/${id}`, { token }));
    },
    async resolve(kind: string, value: string) {
      return t.request(
        `/api/v1/${system}/credentials/resolve?kind=${kind}&value=${encodeURIComponent(value)}`,
        { token },
      );
    },
    post(path: string, body: unknown = {}) {
      return t.request(`/api/v1/${system}${path}`, { method: "POST", token, json: body });
    },
    async outbox() {
      return (await json(await t.request(`/api/v1/${system}/outbox`, { token }))).messages as {
        to: string;
        subject: string;
        text: string;
      }[];
    },
    /** Stands in for the "my page" issue's password set-up, which LINE linking needs. */
    async setWebPassword(patronId: string) {
      await t.db.execute(sql`UPDATE patrons SET web_password_hash = 'set-by-test' WHERE id = ${patronId}`);
    },
  };
}

export const licence = { type: "driversLicence", expiresOn: "2035-01-01" } as const;
