import assert from "node:assert/strict";
import type { TestApp } from "./test-app.ts";

/** A browser's cookies: each response's Set-Cookie kept, a deleted cookie dropped. */
export class Jar {
  readonly cookies = new Map<string, string>();
  take(res: Response): Response {
    for (const line of res.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (/Max-Age=0/i.test(line) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

/** The text of the page without tags, spaces folded: what a reader sees. */
export const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();

/**
 * A browser session over the pages without a browser: GET keeps cookies and the last page's CSRF token,
 * form POSTs send both (unless the test sends its own `_csrf`).
 */
export function pageBrowser(t: TestApp) {
  const jar = new Jar();
  let csrf = "";
  const get = async (path: string) => jar.take(await t.request(path, { headers: { cookie: jar.header() } }));
  const page = async (path: string) => {
    const res = await get(path);
    const html = await res.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    if (token) csrf = token;
    return { res, html };
  };
  const post = async (path: string, fields: [string, string][] | Record<string, string>) => {
    const body = new URLSearchParams(fields);
    if (!body.has("_csrf")) body.set("_csrf", csrf);
    return jar.take(
      await t.request(path, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.header() },
        body: body.toString(),
      }),
    );
  };
  /** Signs in through the sign-in page, as a patron would. */
  const signIn = async (system: string, cardNumber: string, password: string) => {
    await page(`/${system}/login`);
    const res = await post(`/${system}/login`, { cardNumber, password });
    assert.equal(res.status, 303, "signed in");
    return res;
  };
  return { jar, get, page, post, signIn };
}
