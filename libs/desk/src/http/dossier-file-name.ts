import { UPLOAD_TYPES } from '#berkas/files';
import type { DocumentFacts } from '#berkas/domain';

/**
 * The name a dossier's file is saved under, wherever it is downloaded (the
 * desk's preview, the records office's archive): the registration number, the
 * requirement and the file's place among that requirement's files, never the
 * name it was handed in with. `replaced`: marked as replaced (the archive).
 */
export function dossierFileName(
  registrationNumber: string,
  documents: readonly DocumentFacts[],
  doc: DocumentFacts,
  o: { replaced?: boolean } = {},
): string {
  const n = documents.filter((x) => x.requirement === doc.requirement).indexOf(doc) + 1;
  return `${registrationNumber}-${doc.requirement}-${n}${o.replaced ? '-diganti' : ''}.${UPLOAD_TYPES[doc.contentType].ext}`;
}
