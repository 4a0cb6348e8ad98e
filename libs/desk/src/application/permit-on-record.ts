import { permitValidUntil, type ServiceCatalogue } from '#berkas/domain';
import { dossierByPermitNumber, type DossierSummary } from '#berkas/read-models';
import type { Queryable } from '#berkas/sql';

/**
 * An issued permit as the register holds it, by its number: the dossier that
 * produced it and when it lapses (undefined for a permit that holds while what
 * it permits stands). What a renewal or an amendment starts from.
 */
export async function permitOnRecord(
  db: Queryable,
  catalogue: ServiceCatalogue,
  /** The MPP whose register it is: another's permit is not on record here. */
  tenant: string,
  permitNumber: string,
): Promise<{ summary: DossierSummary; permit: NonNullable<DossierSummary['permit']>; validUntil?: string } | undefined> {
  const summary = await dossierByPermitNumber(db, tenant, permitNumber);
  if (!summary?.permit) return undefined;
  const def = catalogue.get(summary.service.code, summary.service.version);
  const validUntil = def && permitValidUntil(def.validity, summary.permit.issuedAt);
  return { summary, permit: summary.permit, ...(validUntil ? { validUntil } : {}) };
}
