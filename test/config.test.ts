import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { ConfigError, loadConfig } from "../src/config.ts";

describe("configuration from the environment", () => {
  test("defaults: port 3000, ./data, no database URL, no SMTP, test clock off", () => {
    const dir = mkdtempSync(join(tmpdir(), "shiori-config-"));
    const config = loadConfig({ SHIORI_DATA_DIR: dir });
    assert.equal(config.port, 3000);
    assert.equal(config.databaseUrl, undefined);
    assert.equal(config.smtpUrl, undefined);
    assert.equal(config.testClock, false);
    assert.equal(config.production, false);
  });

  test("outside production the secret key is generated once into the data directory", () => {
    const dir = mkdtempSync(join(tmpdir(), "shiori-config-"));
    const first = loadConfig({ SHIORI_DATA_DIR: dir });
    const second = loadConfig({ SHIORI_DATA_DIR: dir });
    assert.equal(first.secretKey.length, 32);
    assert.deepEqual(first.secretKey, second.secretKey);
    assert.equal(readFileSync(join(dir, "secret.key"), "utf8"), first.secretKey.toString("hex"));
  });

  test("production requires SHIORI_SECRET_KEY and SHIORI_PUBLIC_URL", () => {
    const key = "ab".repeat(32);
    assert.throws(
      () => loadConfig({ NODE_ENV: "production", SHIORI_PUBLIC_URL: "https://lib.example.jp" }),
      ConfigError,
    );
    assert.throws(
      () => loadConfig({ NODE_ENV: "production", SHIORI_SECRET_KEY: key }),
      (e: Error) => e instanceof ConfigError && /SHIORI_PUBLIC_URL/.test(e.message),
    );
    const config = loadConfig({
      NODE_ENV: "production",
      SHIORI_SECRET_KEY: key,
      SHIORI_PUBLIC_URL: "https://lib.example.jp",
    });
    assert.equal(config.production, true);
    assert.equal(config.publicUrl, "https://lib.example.jp");
  });

  test("LINE channels are JSON by library system; anything else is refused at start", () => {
    const dir = mkdtempSync(join(tmpdir(), "shiori-config-"));
    assert.equal(loadConfig({ SHIORI_DATA_DIR: dir }).lineChannels, undefined, "the stand-in");
    const channels = { takarazuka: { channelSecret: "s3cret", channelAccessToken: "t0ken" } };
    assert.deepEqual(
      loadConfig({ SHIORI_DATA_DIR: dir, SHIORI_LINE_CHANNELS: JSON.stringify(channels) }).lineChannels,
      channels,
    );
    for (const bad of ["{", '{"takarazuka":{"channelSecret":""}}', '{"Bad Slug":{}}']) {
      assert.throws(
        () => loadConfig({ SHIORI_DATA_DIR: dir, SHIORI_LINE_CHANNELS: bad }),
        (e: Error) => e instanceof ConfigError && /SHIORI_LINE_CHANNELS/.test(e.message),
        bad,
      );
    }
  });

  test("links in mail point at localhost outside production, and a public URL must be a bare origin", () => {
    const dir = mkdtempSync(join(tmpdir(), "shiori-config-"));
    assert.equal(loadConfig({ SHIORI_DATA_DIR: dir, PORT: "8080" }).publicUrl, "http://localhost:8080");
    assert.throws(
      () => loadConfig({ SHIORI_DATA_DIR: dir, SHIORI_PUBLIC_URL: "https://lib.example.jp/" }),
      ConfigError,
    );
  });

  test("a bad value is refused with a message naming the variable", () => {
    assert.throws(
      () => loadConfig({ PORT: "eighty", DATABASE_URL: "mysql://x", SHIORI_TEST_CLOCK: "yes" }),
      (e: Error) =>
        e instanceof ConfigError &&
        /PORT/.test(e.message) &&
        /DATABASE_URL/.test(e.message) &&
        /SHIORI_TEST_CLOCK/.test(e.message),
    );
  });

  test("SHIORI_TEST_CLOCK=1 turns the test hooks on", () => {
    assert.equal(loadConfig({ SHIORI_TEST_CLOCK: "1", SHIORI_SECRET_KEY: "ab".repeat(32) }).testClock, true);
  });
});
