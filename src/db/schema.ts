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
  openingHours: jsonb("opening_hours"),
  internetTerminals: integer("internet_terminals").notNull().default(0),
  ndlDigitalService: boolean("ndl_digital_service").notNull().default(false),
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

export const bibliographicRecords = pgTable("bibliographic_records", {
  id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
  librarySystemId: integer("library_system_id").notNull(),
  controlNumber: text("control_number"),
  title: text("title").notNull(),
  titleReading: text("title_reading"),
  responsibility: text("responsibility"),
  authors: jsonb("authors").$type<{ name: string; reading: string | null }[]>().notNull(),
  publisher: text("publisher"),
  publicationYear: integer("publication_year"),
  edition: text("edition"),
  series: text("series").array().notNull(),
  isbn13: text("isbn13"),
  isbn10: text("isbn10"),
  ndc: text("ndc"),
  ndlc: text("ndlc"),
  subjects: text("subjects").array().notNull(),
  notes: text("notes").array().notNull(),
  language: text("language"),
  extent: text("extent"),
  searchVector: text("search_vector").notNull(),
  createdAt: ts("created_at").notNull(),
  updatedAt: ts("updated_at").notNull(),
});

// The holdings summary that migration 0004 keeps on each bibliographic record for search (ADR 0005): the
// same table as `bibliographicRecords`, apart so that a record as catalogued keeps its row type.
export const recordHoldingsSummaries = pgTable("bibliographic_records", {
  id: bigint("id", { mode: "number" }).primaryKey(),
  librarySystemId: integer("library_system_id").notNull(),
  materialTypes: text("material_types").array().notNull(),
  servicePointIds: uuid("service_point_ids").array().notNull(),
  itemCount: integer("item_count").notNull(),
  availableItemCount: integer("available_item_count").notNull(),
});

export const items = pgTable("items", {
  id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
  librarySystemId: integer("library_system_id").notNull(),
  recordId: bigint("record_id", { mode: "number" }).notNull(),
  barcode: text("barcode").notNull(),
  materialType: text("material_type").notNull(),
  callNumber: text("call_number").notNull(),
  servicePointId: uuid("service_point_id").notNull(),
  flags: text("flags").array().notNull(),
  receivedOn: date("received_on", { mode: "string" }),
  status: text("status").notNull(),
  dueOn: date("due_on", { mode: "string" }),
  withdrawnAt: ts("withdrawn_at"),
  withdrawnReason: text("withdrawn_reason"),
  transitTo: uuid("transit_to"),
  transitSince: ts("transit_since"),
  createdAt: ts("created_at").notNull(),
  updatedAt: ts("updated_at").notNull(),
});

export const holds = pgTable("holds", {
  id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
  librarySystemId: integer("library_system_id").notNull(),
  recordId: bigint("record_id", { mode: "number" }).notNull(),
  itemId: bigint("item_id", { mode: "number" }),
  status: text("status").notNull(),
  patronId: uuid("patron_id"),
  pickupServicePointId: uuid("pickup_service_point_id"),
  readyOn: date("ready_on", { mode: "string" }),
  createdAt: ts("created_at").notNull(),
  channel: text("channel").$type<"counter" | "phone" | "web" | "line">().notNull(),
  contact: text("contact").$type<"email" | "phone" | "none">().notNull(),
  materialType: text("material_type"),
  requestedItemId: bigint("requested_item_id", { mode: "number" }),
  delivery: text("delivery").$type<"postal">(),
  notifiedOn: date("notified_on", { mode: "string" }),
  pickupDeadline: date("pickup_deadline", { mode: "string" }),
  calledAt: ts("called_at"),
  calledBy: uuid("called_by"),
  callOutcome: text("call_outcome").$type<"reached" | "message" | "noAnswer">(),
  cancelledAt: ts("cancelled_at"),
  cancelledBy: text("cancelled_by").$type<"patron" | "staff" | "system">(),
  cancelReason: text("cancel_reason"),
  fulfilledAt: ts("fulfilled_at"),
  collectedByProxy: jsonb("collected_by_proxy"),
  placedByStaffId: uuid("placed_by_staff_id"),
  updatedAt: ts("updated_at").notNull(),
});

export const holdRequests = pgTable("hold_requests", {
  id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
  librarySystemId: integer("library_system_id").notNull(),
  patronId: uuid("patron_id").notNull(),
  channel: text("channel").$type<"counter" | "phone" | "web" | "line">().notNull(),
  title: text("title").notNull(),
  author: text("author"),
  publisher: text("publisher"),
  isbn13: text("isbn13"),
  materialType: text("material_type").notNull(),
  genre: text("genre"),
  pickupServicePointId: uuid("pickup_service_point_id").notNull(),
  contact: text("contact").$type<"email" | "phone" | "none">().notNull(),
  route: text("route").$type<"interLibrary" | "purchase">(),
  status: text("status")
    .$type<"received" | "ordered" | "requested" | "arrived" | "refused" | "cancelled">()
    .notNull(),
  lender: text("lender"),
  refusalReason: text("refusal_reason"),
  postageYen: integer("postage_yen"),
  holdId: bigint("hold_id", { mode: "number" }),
  receivedBy: uuid("received_by"),
  createdAt: ts("created_at").notNull(),
  updatedAt: ts("updated_at").notNull(),
});

export const feeLedger = pgTable("fee_ledger", {
  id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
  librarySystemId: integer("library_system_id").notNull(),
  servicePointId: uuid("service_point_id").notNull(),
  kind: text("kind").$type<"photocopy" | "postalLoanPostage" | "requestPostage" | "ndlPrint">().notNull(),
  amountYen: integer("amount_yen").notNull(),
  refundOf: bigint("refund_of", { mode: "number" }),
  reason: text("reason"),
  patronId: uuid("patron_id"),
  subjectType: text("subject_type"),
  subjectId: text("subject_id"),
  recordedBy: uuid("recorded_by").notNull(),
  recordedOn: date("recorded_on", { mode: "string" }).notNull(),
  recordedAt: ts("recorded_at").notNull(),
});

export const patronSessions = pgTable("patron_sessions", {
  id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
  librarySystemId: integer("library_system_id").notNull(),
  patronId: uuid("patron_id").notNull(),
  tokenHash: text("token_hash").notNull(),
  kind: text("kind").$type<"bearer" | "cookie">().notNull(),
  createdAt: ts("created_at").notNull(),
  expiresAt: ts("expires_at").notNull(),
  revokedAt: ts("revoked_at"),
});

export const numberSequences = pgTable("number_sequences", {
  librarySystemId: integer("library_system_id").notNull(),
  kind: text("kind").notNull(),
  nextSerial: bigint("next_serial", { mode: "number" }).notNull(),
});

export const catalogueImports = pgTable("catalogue_imports", {
  id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
  librarySystemId: integer("library_system_id").notNull(),
  format: text("format").notNull(),
  fileName: text("file_name"),
  byteSize: bigint("byte_size", { mode: "number" }).notNull(),
  status: text("status").notNull(),
  processed: integer("processed").notNull(),
  imported: integer("imported").notNull(),
  updated: integer("updated").notNull(),
  failed: integer("failed").notNull(),
  errors: jsonb("errors").$type<{ position: number; reason: string }[]>().notNull(),
  failure: text("failure"),
  createdBy: uuid("created_by"),
  createdAt: ts("created_at").notNull(),
  startedAt: ts("started_at"),
  finishedAt: ts("finished_at"),
});

export const catalogueImportChunks = pgTable("catalogue_import_chunks", {
  importId: uuid("import_id").notNull(),
  librarySystemId: integer("library_system_id").notNull(),
  seq: integer("seq").notNull(),
  content: text("content").notNull(),
});

export const patrons = pgTable("patrons", {
  id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
  librarySystemId: integer("library_system_id").notNull(),
  familyName: text("family_name").notNull(),
  givenName: text("given_name").notNull(),
  familyNameKana: text("family_name_kana").notNull(),
  givenNameKana: text("given_name_kana").notNull(),
  nameKey: text("name_key").notNull(),
  writtenNameKey: text("written_name_key").notNull().default(""),
  birthDate: date("birth_date", { mode: "string" }).notNull(),
  postalCode: text("postal_code").notNull(),
  prefecture: text("prefecture").notNull(),
  city: text("city").notNull(),
  street: text("street").notNull(),
  building: text("building").notNull().default(""),
  phone: text("phone").notNull().default(""),
  phoneKey: text("phone_key").notNull().default(""),
  email: text("email"),
  basis: text("basis").$type<"resident" | "worker" | "student">().notNull(),
  registrationKind: text("registration_kind").$type<"area" | "wideArea">().notNull(),
  municipality: text("municipality").notNull(),
  workplaceOrSchool: text("workplace_or_school"),
  workplaceMunicipality: text("workplace_municipality"),
  registeredVia: text("registered_via").$type<"counter" | "online" | "postal" | "kit">().notNull(),
  registeredOn: date("registered_on", { mode: "string" }).notNull(),
  expiresOn: date("expires_on", { mode: "string" }).notNull(),
  lastUsedOn: date("last_used_on", { mode: "string" }).notNull(),
  status: text("status").$type<"active" | "expired" | "blocked" | "deleted">().notNull().default("active"),
  blockedReason: text("blocked_reason"),
  guardianId: uuid("guardian_id"),
  householdId: uuid("household_id").notNull(),
  preferences: jsonb("preferences").$type<Record<string, unknown>>().notNull().default({}),
  notes: text("notes").notNull().default(""),
  webPasswordHash: text("web_password_hash"),
  elibraryRegistered: boolean("elibrary_registered").notNull().default(false),
  loanHistoryFrom: date("loan_history_from", { mode: "string" }),
  readingRecordFrom: date("reading_record_from", { mode: "string" }),
  createdAt: ts("created_at").notNull(),
  updatedAt: ts("updated_at").notNull(),
});

export const patronCards = pgTable("patron_cards", {
  id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
  librarySystemId: integer("library_system_id").notNull(),
  patronId: uuid("patron_id").notNull(),
  number: text("number").notNull(),
  kind: text("kind").$type<"card" | "temporary">().notNull(),
  physical: boolean("physical").notNull().default(true),
  status: text("status").$type<"active" | "lost" | "replaced" | "retired">().notNull(),
  issuedOn: date("issued_on", { mode: "string" }).notNull(),
  lostOn: date("lost_on", { mode: "string" }),
  statusChangedAt: ts("status_changed_at").notNull(),
});

export const patronCredentials = pgTable("patron_credentials", {
  id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
  librarySystemId: integer("library_system_id").notNull(),
  patronId: uuid("patron_id").notNull(),
  kind: text("kind").$type<"felica" | "mynumber" | "line">().notNull(),
  value: text("value").notNull(),
  details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
  linkedAt: ts("linked_at").notNull(),
  unlinkedAt: ts("unlinked_at"),
  unlinkReason: text("unlink_reason"),
});

export const loans = pgTable("loans", {
  id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
  librarySystemId: integer("library_system_id").notNull(),
  itemId: bigint("item_id", { mode: "number" }).notNull(),
  patronId: uuid("patron_id"),
  credentialKind: text("credential_kind").notNull(),
  servicePointId: uuid("service_point_id").notNull(),
  delivery: text("delivery").$type<"postal" | "online">(),
  loanedAt: ts("loaned_at").notNull(),
  loanedOn: date("loaned_on", { mode: "string" }).notNull(),
  firstDueOn: date("first_due_on", { mode: "string" }).notNull(),
  dueOn: date("due_on", { mode: "string" }).notNull(),
  renewals: integer("renewals").notNull().default(0),
  lastRenewedOn: date("last_renewed_on", { mode: "string" }),
  overrides: jsonb("overrides").$type<unknown[]>().notNull().default([]),
  returnedAt: ts("returned_at"),
  returnedOn: date("returned_on", { mode: "string" }),
  returnServicePointId: uuid("return_service_point_id"),
  returnedVia: text("returned_via"),
  bookDropId: uuid("book_drop_id"),
  overdueDays: integer("overdue_days"),
  exceptions: text("exceptions").array().notNull().default([]),
  exceptionsClearedAt: ts("exceptions_cleared_at"),
  courtesyNoticeOn: date("courtesy_notice_on", { mode: "string" }),
  overdueNotices: integer("overdue_notices").notNull().default(0),
  lastOverdueNoticeOn: date("last_overdue_notice_on", { mode: "string" }),
});

export const loanHistory = pgTable("loan_history", {
  id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
  librarySystemId: integer("library_system_id").notNull(),
  patronId: uuid("patron_id").notNull(),
  recordId: bigint("record_id", { mode: "number" }).notNull(),
  itemBarcode: text("item_barcode").notNull(),
  title: text("title").notNull(),
  loanedOn: date("loaned_on", { mode: "string" }).notNull(),
  returnedOn: date("returned_on", { mode: "string" }).notNull(),
  forReadingRecord: boolean("for_reading_record").notNull(),
  forLoanHistory: boolean("for_loan_history").notNull(),
});

export const illBorrowings = pgTable("ill_borrowings", {
  id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
  librarySystemId: integer("library_system_id").notNull(),
  itemId: bigint("item_id", { mode: "number" }).notNull(),
  patronId: uuid("patron_id"),
  lender: text("lender").notNull(),
  lenderReference: text("lender_reference"),
  receivedOn: date("received_on", { mode: "string" }).notNull(),
  dueOn: date("due_on", { mode: "string" }).notNull(),
  sentBackOn: date("sent_back_on", { mode: "string" }),
});
