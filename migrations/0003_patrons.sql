-- Patrons: the registration, every card a patron ever had, and the other credentials (FeliCa chip IDs,
-- My Number card links, LINE links).

CREATE TABLE patrons (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  library_system_id integer NOT NULL REFERENCES library_systems(id),
  family_name text NOT NULL,
  given_name text NOT NULL,
  family_name_kana text NOT NULL,
  given_name_kana text NOT NULL,
  -- The reading folded for comparison (katakana, no spaces, no small kana): the duplicate check and search.
  name_key text NOT NULL,
  -- The written name folded the same way, so the counter finds 山田 as well as ヤマダ.
  written_name_key text NOT NULL DEFAULT '',
  birth_date date NOT NULL,
  postal_code text NOT NULL,
  prefecture text NOT NULL,
  city text NOT NULL,
  street text NOT NULL,
  building text NOT NULL DEFAULT '',
  phone text NOT NULL DEFAULT '',
  -- Digits only, for search by phone.
  phone_key text NOT NULL DEFAULT '',
  email text,
  basis text NOT NULL CHECK (basis IN ('resident', 'worker', 'student')),
  -- 'wideArea' patrons live in a partner municipality and hold the policy's wide-area card (003: blue card).
  registration_kind text NOT NULL CHECK (registration_kind IN ('area', 'wideArea')),
  municipality text NOT NULL,
  workplace_or_school text,
  workplace_municipality text,
  registered_via text NOT NULL CHECK (registered_via IN ('counter', 'online', 'postal', 'kit')),
  registered_on date NOT NULL,
  expires_on date NOT NULL,
  -- The last loan, loan renewal, reservation or registration renewal: Kashiwa's 3-years-unused rule.
  last_used_on date NOT NULL,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'expired', 'blocked', 'deleted')),
  blocked_reason text,
  guardian_id uuid REFERENCES patrons(id),
  -- Household members share one id (the first member's): postal and batch registration.
  household_id uuid NOT NULL,
  preferences jsonb NOT NULL DEFAULT '{}',
  notes text NOT NULL DEFAULT '',
  -- Set by the patron on the web (the "my page" issue); LINE may be linked only once it is set.
  web_password_hash text,
  elibrary_registered boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
-- text_pattern_ops: the counter searches readings and names from their start (LIKE 'prefix%') in any collation.
CREATE INDEX patrons_by_name_key ON patrons (library_system_id, name_key text_pattern_ops, birth_date);
CREATE INDEX patrons_by_written_name_key ON patrons (library_system_id, written_name_key text_pattern_ops);
CREATE INDEX patrons_by_birth_date ON patrons (library_system_id, birth_date);
CREATE INDEX patrons_by_phone ON patrons (library_system_id, phone_key) WHERE phone_key <> '';
CREATE INDEX patrons_by_expiry ON patrons (library_system_id, status, expires_on);
CREATE INDEX patrons_by_guardian ON patrons (guardian_id) WHERE guardian_id IS NOT NULL;
CREATE INDEX patrons_by_household ON patrons (library_system_id, household_id);

-- Every card a patron ever had stays here with its status; only active ones identify the patron.
CREATE TABLE patron_cards (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  library_system_id integer NOT NULL REFERENCES library_systems(id),
  patron_id uuid NOT NULL REFERENCES patrons(id) ON DELETE CASCADE,
  number text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('card', 'temporary')),
  -- false: the number only, shown on the smartphone (online registration issues no plastic card).
  physical boolean NOT NULL DEFAULT true,
  status text NOT NULL CHECK (status IN ('active', 'lost', 'replaced', 'retired')),
  issued_on date NOT NULL,
  lost_on date,
  status_changed_at timestamptz NOT NULL,
  UNIQUE (library_system_id, number)
);
CREATE INDEX patron_cards_by_patron ON patron_cards (patron_id);

-- FeliCa chip IDs, My Number card links (the platform's user identifier, never the individual number)
-- and LINE account links. Unlinked rows stay for the record.
CREATE TABLE patron_credentials (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  library_system_id integer NOT NULL REFERENCES library_systems(id),
  patron_id uuid NOT NULL REFERENCES patrons(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('felica', 'mynumber', 'line')),
  value text NOT NULL,
  details jsonb NOT NULL DEFAULT '{}',
  linked_at timestamptz NOT NULL,
  unlinked_at timestamptz,
  unlink_reason text
);
CREATE UNIQUE INDEX patron_credentials_current_value
  ON patron_credentials (library_system_id, kind, value) WHERE unlinked_at IS NULL;
CREATE INDEX patron_credentials_by_patron ON patron_credentials (patron_id);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['patrons', 'patron_cards', 'patron_credentials'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING (library_system_id = nullif(current_setting(''shiori.library_system_id'', true), '''')::integer) WITH CHECK (library_system_id = nullif(current_setting(''shiori.library_system_id'', true), '''')::integer)',
      t);
  END LOOP;
END $$;

-- Policies stored before patrons existed: who is registered with the e-library, and the guardian's reach.
UPDATE policy_versions SET policy = jsonb_set(policy, '{registration,elibrary}', 'false'::jsonb)
  WHERE NOT policy->'registration' ? 'elibrary';
UPDATE policy_versions SET policy = jsonb_set(policy, '{registration,guardianRegistersChildrenUpTo}', '"endOfPrimarySchool"'::jsonb)
  WHERE NOT policy->'registration' ? 'guardianRegistersChildrenUpTo';
