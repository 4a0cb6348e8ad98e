import { createHash } from 'node:crypto';
import type { ModuleTables, Queryable } from '#berkas/sql';

export const SIGNED_DOCUMENTS_SCHEMA = `
CREATE TABLE IF NOT EXISTS signed_documents (
  sha256 text PRIMARY KEY,
  dossier_id uuid NOT NULL,
  kind text NOT NULL,
  bytes bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS signed_documents_dossier ON signed_documents (dossier_id);`;

/** Documents as signed: the bytes are the record (a signature cannot be made again the same), so back them up. */
export const SIGNED_DOCUMENTS_TABLES: ModuleTables = {
  owner: 'documents (signed PDFs, kept by their SHA-256)',
  ddl: [SIGNED_DOCUMENTS_SCHEMA],
};

/**
 * Signed documents by their SHA-256. Written before the event that names the
 * hash, so an event never points to nothing; a file whose event never landed
 * (the append failed) is harmless and can be swept.
 */
export class SignedDocumentStore {
  constructor(private readonly db: Queryable) {}

  static sha256(bytes: Buffer): string {
    return createHash('sha256').update(bytes).digest('hex');
  }

  async put(dossierId: string, kind: 'permit', bytes: Buffer): Promise<string> {
    const sha256 = SignedDocumentStore.sha256(bytes);
    await this.db.query(
      'INSERT INTO signed_documents (sha256, dossier_id, kind, bytes) VALUES ($1, $2, $3, $4) ON CONFLICT (sha256) DO NOTHING',
      [sha256, dossierId, kind, bytes],
    );
    return sha256;
  }

  /** The bytes, checked against their hash (a damaged row is refused, not served). */
  async get(sha256: string): Promise<Buffer | undefined> {
    const { rows } = await this.db.query<{ bytes: Uint8Array }>('SELECT bytes FROM signed_documents WHERE sha256 = $1', [sha256]);
    if (!rows[0]) return undefined;
    const bytes = Buffer.from(rows[0].bytes);
    if (SignedDocumentStore.sha256(bytes) !== sha256) throw new Error(`Signed document ${sha256} is damaged`);
    return bytes;
  }
}
