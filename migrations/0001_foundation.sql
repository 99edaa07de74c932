-- Foundation: library systems (tenants), policies, service points and calendars, staff, sessions,
-- audit log, mail outbox and the job queue.

CREATE TABLE library_systems (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  slug text NOT NULL UNIQUE,
  name_ja text NOT NULL,
  name_en text NOT NULL,
  source text NOT NULL DEFAULT '',
  position integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE policy_versions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  library_system_id integer NOT NULL REFERENCES library_systems(id),
  version integer NOT NULL,
  effective_from date NOT NULL,
  policy jsonb NOT NULL,
  note text NOT NULL DEFAULT '',
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (library_system_id, version)
);
CREATE INDEX policy_versions_in_force ON policy_versions (library_system_id, effective_from DESC, version DESC);

CREATE TABLE service_points (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  library_system_id integer NOT NULL REFERENCES library_systems(id),
  code text NOT NULL,
  type text NOT NULL,
  name_ja text NOT NULL,
  name_en text NOT NULL,
  accepted_credentials text[] NOT NULL DEFAULT '{}',
  calendar jsonb NOT NULL,
  district text,
  municipality text,
  host_service_point_code text,
  position integer NOT NULL DEFAULT 0,
  UNIQUE (library_system_id, code)
);

CREATE TABLE book_drops (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  library_system_id integer NOT NULL REFERENCES library_systems(id),
  service_point_id uuid NOT NULL REFERENCES service_points(id) ON DELETE CASCADE,
  code text NOT NULL,
  name_ja text NOT NULL,
  name_en text NOT NULL,
  calendar jsonb NOT NULL,
  UNIQUE (library_system_id, code)
);

CREATE TABLE staff_accounts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  library_system_id integer NOT NULL REFERENCES library_systems(id),
  username text NOT NULL,
  display_name text NOT NULL,
  password_hash text NOT NULL,
  roles text[] NOT NULL,
  -- The demo account is refused when NODE_ENV=production.
  is_demo boolean NOT NULL DEFAULT false,
  disabled_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (library_system_id, username)
);

CREATE TABLE staff_sessions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  library_system_id integer NOT NULL REFERENCES library_systems(id),
  staff_id uuid NOT NULL REFERENCES staff_accounts(id),
  -- Only a hash of the token is kept: a copy of the database does not sign anyone in.
  token_hash text NOT NULL UNIQUE,
  kind text NOT NULL CHECK (kind IN ('bearer', 'cookie')),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX staff_sessions_by_staff ON staff_sessions (library_system_id, staff_id);

CREATE TABLE login_attempts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  library_system_id integer NOT NULL REFERENCES library_systems(id),
  username text NOT NULL,
  succeeded boolean NOT NULL,
  attempted_at timestamptz NOT NULL
);
CREATE INDEX login_attempts_recent_failures ON login_attempts (library_system_id, username, attempted_at DESC);

CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  library_system_id integer NOT NULL REFERENCES library_systems(id),
  actor_staff_id uuid,
  action text NOT NULL,
  subject_type text NOT NULL,
  subject_id text NOT NULL,
  details jsonb NOT NULL DEFAULT '{}',
  at timestamptz NOT NULL
);
CREATE INDEX audit_log_by_subject ON audit_log (library_system_id, subject_type, subject_id, at DESC);

CREATE TABLE outbox (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  library_system_id integer NOT NULL REFERENCES library_systems(id),
  to_address text NOT NULL,
  subject text NOT NULL,
  text_body text NOT NULL,
  template text NOT NULL DEFAULT '',
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  last_error text,
  created_at timestamptz NOT NULL,
  sent_at timestamptz
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_by_system ON outbox (library_system_id, created_at DESC);

-- Durable jobs, claimed with FOR UPDATE SKIP LOCKED; not tenant-scoped (a job may span systems).
CREATE TABLE jobs (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
  run_at timestamptz NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  max_attempts integer NOT NULL DEFAULT 5,
  -- One run per schedule slot: the scheduler of several processes inserts the same key once.
  unique_key text UNIQUE,
  locked_at timestamptz,
  last_error text,
  result jsonb,
  created_at timestamptz NOT NULL,
  finished_at timestamptz
);
CREATE INDEX jobs_due ON jobs (status, run_at);

-- Tenant isolation: tenant requests run as the role shiori_tenant with the library system in a
-- per-transaction setting; row-level security then hides every other system's rows.
DO $$
BEGIN
  CREATE ROLE shiori_tenant NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['policy_versions', 'service_points', 'book_drops', 'staff_accounts',
      'staff_sessions', 'login_attempts', 'audit_log', 'outbox'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING (library_system_id = nullif(current_setting(''shiori.library_system_id'', true), '''')::integer) WITH CHECK (library_system_id = nullif(current_setting(''shiori.library_system_id'', true), '''')::integer)',
      t);
  END LOOP;
END $$;
