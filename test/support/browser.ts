// The browser side of the page tests: a server on a fresh PGlite database, Debian's Chromium through
// playwright-core, and axe-core for accessibility. Call useBrowserServer() at the top of a test file.
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before } from "node:test";
import { type Browser, chromium, type Locator, type Page } from "playwright-core";
import { loadConfig } from "../../src/config.ts";
import { type RunningServer, startServer } from "../../src/server.ts";

const require = createRequire(import.meta.url);

export type AxeViolation = { id: string; impact: string | null; help: string; targets: string[] };

export function useBrowserServer() {
  let server: RunningServer;
  let browser: Browser;
  let dataDir: string;
  let axeSource: string;

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "shiori-e2e-"));
    const config = loadConfig({
      PORT: "0",
      HOST: "127.0.0.1",
      SHIORI_DATA_DIR: dataDir,
      NODE_ENV: "test",
      LOG_LEVEL: "silent",
    });
    server = await startServer(config, { jobs: false });
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:[1-9]\d*$/, "the server reports the port it listens on");
    axeSource = await readFile(require.resolve("axe-core/axe.min.js"), "utf8");
    browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  return {
    url: () => server.url,
    server: () => server,

    /** A fresh browser context (no cookies). The pages' CSP allows no inline script, so axe needs bypassCSP. */
    async newPage(viewport = { width: 1280, height: 800 }): Promise<Page> {
      const context = await browser.newContext({ viewport, bypassCSP: true, locale: "ja-JP" });
      return context.newPage();
    },

    /** Clicks a control that submits a form and waits until the page it leads to has loaded. */
    async submit(page: Page, control: Locator): Promise<void> {
      const navigated = page.waitForEvent("framenavigated", (frame) => frame === page.mainFrame());
      await control.click();
      await navigated;
      await page.waitForLoadState("load");
    },

    htmlAttr: (page: Page, name: string) =>
      page.evaluate((n) => document.documentElement.getAttribute(n), name),

    /** Runs axe-core on the page; returns the violations of impact "serious" or "critical". */
    async seriousViolations(page: Page): Promise<AxeViolation[]> {
      await page.addScriptTag({ content: axeSource });
      const violations = await page.evaluate(async () => {
        // biome-ignore lint/suspicious/noExplicitAny: axe is injected as a global script
        const results = await (window as any).axe.run(document);
        return (
          results.violations as {
            id: string;
            impact: string | null;
            help: string;
            nodes: { target: string[] }[];
          }[]
        ).map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          targets: v.nodes.map((n) => n.target.join(" ")),
        }));
      });
      return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    },

    describeViolations(violations: AxeViolation[]): string {
      return violations
        .map((v) => `${v.impact} ${v.id}: ${v.help}\n    ${v.targets.slice(0, 5).join("\n    ")}`)
        .join("\n");
    },

    /** Fails the test on any serious or critical axe violation, listing them. */
    async axeClean(page: Page): Promise<void> {
      const violations = await this.seriousViolations(page);
      assert.deepEqual(violations, [], this.describeViolations(violations));
    },

    /** Fails the test when the page scrolls sideways at this width (a phone's 375 px by default). */
    async fitsWidth(page: Page, width = 375): Promise<void> {
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(scrollWidth <= width, `the page fits ${width}px (${scrollWidth}px)`);
    },
  };
}
