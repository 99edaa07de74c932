-- The LINE account link (001 LINE連携): when a patron signed in on the web confirms a link token from the
-- LINE chat, Shiori keeps the hash of a one-time nonce for them; LINE hands the nonce back with the user ID
-- in the webhook's accountLink event, and only then is the account linked.
ALTER TABLE patron_web_tokens DROP CONSTRAINT patron_web_tokens_purpose_check;
ALTER TABLE patron_web_tokens ADD CONSTRAINT patron_web_tokens_purpose_check
  CHECK (purpose IN ('passwordSetup', 'passwordReset', 'emailChange', 'lineLink'));

-- Policies stored before the LINE chat: where LINE is linked (001), reservations are taken in the chat too.
UPDATE policy_versions
   SET policy = jsonb_set(policy, '{holds,channels}', (policy->'holds'->'channels') || '"line"'::jsonb)
 WHERE (policy->'registration'->>'lineLink')::boolean
   AND NOT policy->'holds'->'channels' ? 'line';
