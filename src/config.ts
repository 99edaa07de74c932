import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { z } from "zod";

const lineChannelsSchema = z.record(
  z.string().regex(/^[a-z][a-z0-9-]*$/),
  z.object({ channelSecret: z.string().min(1), channelAccessToken: z.string().min(1) }),
);

/** Configuration comes from the environment only, checked once at start. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000), // 0: any free port (tests)
  HOST: z.string().min(1).default("0.0.0.0"),
  SHIORI_DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  SHIORI_SECRET_KEY: z
    .string()
    .regex(/^[0-9a-f]{64}$/i, "must be 64 hexadecimal characters (32 bytes)")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  SHIORI_TEST_CLOCK: z
    .enum(["0", "1", ""])
    .default("")
    .transform((v) => v === "1"),
  SHIORI_MAIL_FROM: z.string().default("Shiori <library@shiori.invalid>"),
  /** Where patrons reach this server: the links in mail (verification, password reset, unsubscribe). */
  SHIORI_PUBLIC_URL: z
    .string()
    .regex(/^https?:\/\/[^/]+$/, "must be an http(s):// origin without a path or trailing slash")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /**
   * The library systems' LINE official accounts, as JSON: { "<slug>": { "channelSecret", "channelAccessToken" } }.
   * Without it the LINE chat runs against the stand-in (docs/integrations.md).
   */
  SHIORI_LINE_CHANNELS: z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (!text) return undefined;
      try {
        const parsed = lineChannelsSchema.safeParse(JSON.parse(text));
        if (parsed.success) return parsed.data;
      } catch {}
      ctx.addIssue({
        code: "custom",
        message: 'must be JSON: { "<system>": { "channelSecret": "…", "channelAccessToken": "…" } }',
      });
      return z.NEVER;
    }),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  smtpUrl: string | undefined;
  secretKey: Buffer;
  testClock: boolean;
  mailFrom: string;
  /** The origin in links sent by mail; defaults to http://localhost:PORT outside production. */
  publicUrl: string;
  /** Real LINE channels by library-system slug; absent: the stand-in. */
  lineChannels: z.infer<typeof lineChannelsSchema> | undefined;
  production: boolean;
  logLevel: z.infer<typeof envSchema>["LOG_LEVEL"];
};

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`設定が正しくありません / Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.SHIORI_DATA_DIR);
  const production = e.NODE_ENV === "production";
  let secretKey: Buffer;
  if (e.SHIORI_SECRET_KEY) secretKey = Buffer.from(e.SHIORI_SECRET_KEY, "hex");
  else if (production) throw new ConfigError("SHIORI_SECRET_KEY is required when NODE_ENV=production");
  else secretKey = demoSecretKey(dataDir);
  if (!e.SHIORI_PUBLIC_URL && production) {
    throw new ConfigError("SHIORI_PUBLIC_URL is required when NODE_ENV=production (links in mail)");
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    smtpUrl: e.SMTP_URL,
    secretKey,
    testClock: e.SHIORI_TEST_CLOCK,
    mailFrom: e.SHIORI_MAIL_FROM,
    publicUrl: e.SHIORI_PUBLIC_URL ?? `http://localhost:${e.PORT || 3000}`,
    lineChannels: e.SHIORI_LINE_CHANNELS,
    production,
    logLevel: e.LOG_LEVEL,
  };
}

/** Outside production the key is generated once into the data directory, so a demo needs no set-up. */
function demoSecretKey(dataDir: string): Buffer {
  const path = join(dataDir, "secret.key");
  if (existsSync(path)) return Buffer.from(readFileSync(path, "utf8").trim(), "hex");
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(path, key.toString("hex"), { mode: 0o600 });
  return key;
}
