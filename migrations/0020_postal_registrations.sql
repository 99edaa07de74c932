-- Registration by post (000: 郵送による新規登録): staff enter the posted form with its enclosures; a guardian may
-- apply for children and for all household members at once, so one postal registration holds several patrons,
-- written all or nothing. The cards go back in the applicant's stamped envelope and are marked as mailed.
CREATE TABLE postal_registrations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  library_system_id integer NOT NULL REFERENCES library_systems(id),
  received_on date NOT NULL,
  -- 000: 返信には、約1週間程度時間がかかります — the day the reply is due, for the list of cards to mail
  reply_by date NOT NULL,
  return_envelope_yen integer NOT NULL,
  entered_by uuid,
  entered_at timestamptz NOT NULL,
  mailed_on date,
  mailed_by uuid,
  mailed_at timestamptz
);
CREATE INDEX postal_registrations_to_mail ON postal_registrations (library_system_id, received_on)
  WHERE mailed_on IS NULL;

-- The patrons of one postal registration, the applicant first; names are read from the patron, not copied.
CREATE TABLE postal_registration_members (
  library_system_id integer NOT NULL REFERENCES library_systems(id),
  postal_registration_id uuid NOT NULL REFERENCES postal_registrations(id) ON DELETE CASCADE,
  position integer NOT NULL,
  relation text NOT NULL CHECK (relation IN ('self', 'child', 'householdMember')),
  patron_id uuid REFERENCES patrons(id) ON DELETE SET NULL,
  card_number text NOT NULL,
  PRIMARY KEY (postal_registration_id, position)
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['postal_registrations', 'postal_registration_members'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING (library_system_id = nullif(current_setting(''shiori.library_system_id'', true), '''')::integer) WITH CHECK (library_system_id = nullif(current_setting(''shiori.library_system_id'', true), '''')::integer)',
      t);
  END LOOP;
END $$;
