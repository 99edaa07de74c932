import { sql } from "drizzle-orm";
import { bigint, boolean, date, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

// Mirrors migrations/*.sql, which are the source of truth for the database; this file gives the
// queries their types.

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const librarySystems = pgTable("library_systems", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  slug: text("slug").notNull().unique(),
  nameJa: text("name_ja").notNull(),
  nameEn: text("name_en").notNull(),
  source: text("source").notNull().default(""),
  position: integer("position").notNull().default(0),
  createdAt: ts("created_at").notNull().defaultNow(),
});

export const policyVersions = pgTable("policy_versions", {
  id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
  librarySystemId: integer("library_system_id").notNull(),
  version: integer("version").notNull(),
  effectiveFrom: date("effective_from", { mode: "string" }).notNull(),
  policy: jsonb("policy").notNull(),
  note: text("note").notNull().default(""),
  createdBy: uuid("created_by"),
  createdAt: ts("created_at").notNull().defaultNow(),
});

export const servicePoints = pgTable("service_points", {
  id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
  librarySystemId: integer("library_system_id").notNull(),
  code: text("code").notNull(),
  type: text("type").notNull(),
  nameJa: text("name_ja").notNull(),
  nameEn: text("name_en").notNull(),
  acceptedCredentials: text("accepted_credentials").array().notNull(),
  calendar: jsonb("calendar").notNull(),
  district: text("district"),
  municipality: text("municipality"),
  hostServicePointCode: text("host_service_point_code"),
  position: integer("position").notNull().default(0),
});

export const bookDrops = pgTable("book_drops", {
  id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
  librarySystemId: integer("library_system_id").notNull(),
  servicePointId: uuid("service_point_id").notNull(),
  code: text("code").notNull(),
  nameJa: text("name_ja").notNull(),
  nameEn: text("name_en").notNull(),
  calendar: jsonb("calendar").notNull(),
});

export const staffAccounts = pgTable("staff_accounts", {
  id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
  librarySystemId: integer("library_system_id").notNull(),
  username: text("username").notNull(),
  displayName: text("display_name").notNull(),
  passwordHash: text("password_hash").notNull(),
  roles: text("roles").array().notNull(),
  isDemo: boolean("is_demo").notNull().default(false),
  disabledAt: ts("disabled_at"),
  createdAt: ts("created_at").notNull().defaultNow(),
});

export const staffSessions = pgTable("staff_sessions", {
  id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
  librarySystemId: integer("library_system_id").notNull(),
  staffId: uuid("staff_id").notNull(),
  tokenHash: text("token_hash").notNull(),
  kind: text("kind").$type<"bearer" | "cookie">().notNull(),
  createdAt: ts("created_at").notNull(),
  expiresAt: ts("expires_at").notNull(),
  revokedAt: ts("revoked_at"),
});

export const loginAttempts = pgTable("login_attempts", {
  id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
  librarySystemId: integer("library_system_id").notNull(),
  username: text("username").notNull(),
  succeeded: boolean("succeeded").notNull(),
  attemptedAt: ts("attempted_at").notNull(),
});

export const auditLog = pgTable("audit_log", {
  id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
  librarySystemId: integer("library_system_id").notNull(),
  actorStaffId: uuid("actor_staff_id"),
  action: text("action").notNull(),
  subjectType: text("subject_type").notNull(),
  subjectId: text("subject_id").notNull(),
  details: jsonb("details").notNull().default({}),
  at: ts("at").notNull(),
});

export const outbox = pgTable("outbox", {
  id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
  librarySystemId: integer("library_system_id").notNull(),
  toAddress: text("to_address").notNull(),
  subject: text("subject").notNull(),
  textBody: text("text_body").notNull(),
  template: text("template").notNull().default(""),
  status: text("status").$type<"pending" | "sent" | "failed">().notNull().default("pending"),
  attempts: integer("attempts").notNull().default(0),
  nextAttemptAt: ts("next_attempt_at").notNull(),
  lastError: text("last_error"),
  createdAt: ts("created_at").notNull(),
  sentAt: ts("sent_at"),
});

export const jobs = pgTable("jobs", {
  id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
  name: text("name").notNull(),
  payload: jsonb("payload").notNull().default({}),
  status: text("status").$type<"queued" | "running" | "done" | "failed">().notNull().default("queued"),
  runAt: ts("run_at").notNull(),
  attempts: integer("attempts").notNull().default(0),
  maxAttempts: integer("max_attempts").notNull().default(5),
  uniqueKey: text("unique_key"),
  lockedAt: ts("locked_at"),
  lastError: text("last_error"),
  result: jsonb("result"),
  createdAt: ts("created_at").notNull(),
  finishedAt: ts("finished_at"),
});
