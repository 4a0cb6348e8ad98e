/**
 * Read models made before D26 keyed a per-event table by event id and kept a
 * second index on (dossier_id, stream_version): this moves the key onto those
 * columns and drops the index, once. Part of the table's schema statement.
 */
export function singleKey(table: string, oldIndex: string): string {
  return `DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
              WHERE c.conrelid = '${table}'::regclass AND c.contype = 'p' AND a.attname = 'event_id') THEN
    ALTER TABLE ${table} DROP CONSTRAINT ${table}_pkey, ADD PRIMARY KEY (dossier_id, stream_version);
    DROP INDEX IF EXISTS ${oldIndex};
  END IF;
END $$;`;
}
