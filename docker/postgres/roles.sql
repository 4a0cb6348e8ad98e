-- Least-privilege roles for the split deployment (docs/deployment.md, "Database roles").
-- Run as the owner of the Berkas schema, after `npm run migrate` created the tables:
--   psql "$OWNER_URL" -v schema=berkas -v prefix=berkas -f docker/postgres/roles.sql
-- Then give each role a password (ALTER ROLE berkas_desk PASSWORD '...') and start each process as its role with
-- DB_MIGRATE=false. Running it again changes nothing.
SELECT set_config('berkas.schema', :'schema', false), set_config('berkas.prefix', :'prefix', false);

DO $roles$
DECLARE
  s text := current_setting('berkas.schema');
  p text := current_setting('berkas.prefix');
  r text;
  -- What each process reads and writes. The append function runs as its caller, so processes that decide commands
  -- write the log's tables themselves (with the register-wide claims of D42).
  log_write text := 'events, streams, processed_commands, counters, unique_claims';
  read_models text := 'rm_dossiers, rm_desk_queue, rm_desk_visits, pub_tracking, pub_timeline, pub_permits, nt_contacts, nt_outbox, nt_attempts';
BEGIN
  FOREACH r IN ARRAY ARRAY['desk', 'tracking', 'projector', 'relay', 'jobs'] LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p || '_' || r) THEN
      EXECUTE format('CREATE ROLE %I LOGIN', p || '_' || r);
    END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', s, p || '_' || r);
  END LOOP;

  -- Officers' API: decides commands (the log), reads every read model, keeps accounts, sessions and the access log;
  -- retries quarantined dossiers (writes the read models then).
  EXECUTE format('GRANT SELECT, INSERT, UPDATE ON %s TO %I', (SELECT string_agg(format('%I.%I', s, t), ', ') FROM unnest(string_to_array(log_write, ', ')) t), p || '_desk');
  EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %s TO %I', (SELECT string_agg(format('%I.%I', s, t), ', ') FROM unnest(string_to_array(read_models || ', projection_quarantine, officers, officer_login_failures, officer_known_clients', ', ')) t), p || '_desk');
  EXECUTE format('GRANT SELECT, INSERT ON %I.access_log TO %I', s, p || '_desk');
  -- The MPPs' drafts of their services (issue 23, D56); publications go to the log.
  EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I.catalogue_drafts TO %I', s, p || '_desk');
  -- Signed permits (kept as signed, D46), what the bank said (D47), and the supervisors' notices (read, marked read).
  EXECUTE format('GRANT SELECT, INSERT ON %I.signed_documents, %I.bank_notifications TO %I', s, s, p || '_desk');
  EXECUTE format('GRANT SELECT, UPDATE ON %I.sv_escalations TO %I', s, p || '_desk');
  EXECUTE format('GRANT SELECT ON %I.skm_responses, %I.complaint_inbox, %I.projection_checkpoints TO %I', s, s, s, p || '_desk');
  EXECUTE format('GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA %I TO %I', s, p || '_desk');
  -- events.global_position and access_log.id draw from sequences.
  EXECUTE format('GRANT USAGE ON ALL SEQUENCES IN SCHEMA %I TO %I', s, p || '_desk');

  -- Public tracking: reads the public tables only (no name, no NIK, no officer), writes its own three.
  EXECUTE format('GRANT SELECT ON %I.pub_tracking, %I.pub_timeline, %I.pub_permits TO %I', s, s, s, p || '_tracking');
  -- The service versions and regional holidays MPPs published (D56), through a view of that one stream: never the log.
  EXECUTE format('GRANT SELECT ON %I.catalogue_events TO %I', s, p || '_tracking');
  EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I.tracking_pin_failures TO %I', s, p || '_tracking');
  EXECUTE format('GRANT SELECT, INSERT ON %I.skm_responses, %I.complaint_inbox, %I.correction_inbox TO %I', s, s, s, p || '_tracking');

  -- Projector: reads the log, writes the read models, their checkpoints and quarantine.
  EXECUTE format('GRANT SELECT ON %I.events TO %I', s, p || '_projector');
  EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %s TO %I', (SELECT string_agg(format('%I.%I', s, t), ', ') FROM unnest(string_to_array(read_models || ', projection_checkpoints, projection_quarantine', ', ')) t), p || '_projector');

  -- Relay: reads the log, keeps its checkpoint.
  EXECUTE format('GRANT SELECT ON %I.events TO %I', s, p || '_relay');
  EXECUTE format('GRANT SELECT, INSERT, UPDATE ON %I.relay_checkpoints TO %I', s, p || '_relay');

  -- Jobs: the SLA sweep and complaint intake decide commands; the notifier sends from the outbox.
  EXECUTE format('GRANT SELECT, INSERT, UPDATE ON %s TO %I', (SELECT string_agg(format('%I.%I', s, t), ', ') FROM unnest(string_to_array(log_write, ', ')) t), p || '_jobs');
  EXECUTE format('GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA %I TO %I', s, p || '_jobs');
  EXECUTE format('GRANT USAGE ON SEQUENCE %I.events_global_position_seq TO %I', s, p || '_jobs');
  EXECUTE format('GRANT SELECT ON %I.rm_dossiers, %I.nt_contacts, %I.projection_quarantine TO %I', s, s, s, p || '_jobs');
  EXECUTE format('GRANT SELECT, UPDATE ON %I.complaint_inbox, %I.correction_inbox TO %I', s, s, p || '_jobs');
  -- The notifier sends the outbox; the expiry reminders and escalations add to it, and escalations to the supervisors' notices.
  EXECUTE format('GRANT SELECT, INSERT, UPDATE ON %I.nt_outbox, %I.sv_escalations TO %I', s, s, p || '_jobs');
  EXECUTE format('GRANT SELECT, INSERT ON %I.nt_attempts TO %I', s, p || '_jobs');
  -- The file sweep reads the log for the files events name, and keeps its list and its place in the log.
  EXECUTE format('GRANT SELECT ON %I.events TO %I', s, p || '_jobs');
  EXECUTE format('GRANT SELECT, INSERT, UPDATE ON %I.dossier_files, %I.file_sweep_checkpoint TO %I', s, s, p || '_jobs');
END
$roles$;
