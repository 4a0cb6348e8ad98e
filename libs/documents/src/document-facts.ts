import { feeInputsOf, particularText, permitValidUntil, type Label, type ServiceCatalogue } from '#berkas/domain';
import type { DossierSummary } from '#berkas/read-models';

/**
 * What a permit or a rejection letter says, taken from a dossier's summary
 * (the fold of its events): nothing on the paper that the event log does not
 * hold, so the same dossier always gives the same document.
 */
export interface DocumentFacts {
  kind: 'permit' | 'rejection';
  /** The officers' original (full name, NIB) or the applicant's public copy (the name masked, as every public page). */
  copy: 'original' | 'public-copy';
  registrationNumber: string;
  /** Permit number, or the rejection letter's number. */
  number: string;
  holder: string;
  nib?: string;
  service: Label;
  product: Label;
  /** The service's particulars: what the counter took down about the object, and the quantities it was assessed on. */
  particulars: { label: Label; value: string }[];
  /** A renewal or amendment, with the permit it renews or changes ("Perpanjangan atas izin nomor ..."). */
  variant?: string;
  /** When it was issued (permit) or decided (rejection). */
  date: string;
  /** The office that signed: the desk of the signing (or decision) step. */
  signer: Label;
  /** The official who signs it electronically, when the document carries a PAdES signature (else it claims none). */
  signature?: { name: string; nip: string; title: string; demo: boolean };
  /** The regulations the permit rests on, as cited: "UU 17/2023 tentang Kesehatan". */
  legalBasis?: string[];
  /** How long the permit holds: until a date (years from its date), or as long as a condition holds. */
  validity?: { until: string } | { while: Label };
  /** The unsigned draft the signing official reads before signing: marked as such on every page. */
  draft?: boolean;
  verificationCode?: string;
  reasons?: string[];
  /** Where to object or complain (the service definition's text). */
  complaints: string;
  revoked?: { at: string; reason: string };
}

/** The permit's facts, or the rejection letter's, or undefined when the dossier has neither yet. */
export function documentFacts(
  s: DossierSummary,
  catalogue: ServiceCatalogue,
  kind: 'permit' | 'rejection',
  copy: DocumentFacts['copy'],
): DocumentFacts | undefined {
  const def = catalogue.get(s.service.code, s.service.version);
  if (!def) return undefined;
  const stepOf = (k: string) => def.steps.find((st) => st.kind === k);
  const deskName = (k: string) => {
    const desk = stepOf(k)?.desk;
    return desk ? catalogue.deskName(desk) : { id: '—', en: '—' };
  };
  // What the service takes down about the object (address, function, floors), then the quantities it was assessed on.
  const particulars = [
    ...def.particulars
      .filter((p) => s.particulars?.[p.code] !== undefined)
      .map((p) => ({ label: p.label, value: particularText(p, s.particulars![p.code], 'id') })),
    ...feeInputsOf(def.fee)
      .filter((i) => s.inputs?.[i.code] !== undefined)
      .map((i) => ({ label: i.label, value: `${s.inputs![i.code].toLocaleString('id-ID')} ${i.unit}` })),
  ];
  const common = {
    copy,
    registrationNumber: s.registrationNumber,
    holder: copy === 'original' ? s.applicant.name : s.applicantMasked,
    ...(copy === 'original' && s.applicant.nib ? { nib: s.applicant.nib } : {}),
    service: def.name,
    product: def.product,
    particulars,
    ...(variantText(def, s) ? { variant: variantText(def, s) } : {}),
    complaints: def.complaints,
  };
  if (kind === 'permit') {
    if (!s.permit?.number) return undefined;
    const date = s.permit.issuedAt;
    return {
      kind,
      ...common,
      legalBasis: def.legalBasis.map((l) => `${l.kind} ${l.number}/${l.year} tentang ${l.title}`),
      validity: def.validity.kind === 'years' ? { until: permitValidUntil(def.validity, date)! } : { while: def.validity.while },
      number: s.permit.number,
      date,
      signer: deskName('signing'),
      verificationCode: s.permit.verificationCode,
      ...(s.permit.revoked ? { revoked: s.permit.revoked } : {}),
    };
  }
  if (!s.decision || s.decision.approved || !s.decision.letterNumber) return undefined;
  return {
    kind,
    ...common,
    number: s.decision.letterNumber,
    date: s.decision.at,
    signer: deskName('decision'),
    reasons: s.decision.reasons ?? [],
  };
}

/**
 * The permit as the signing official signs it: numbered at the approval,
 * dated the day it is signed, naming the official. Undefined when the
 * dossier has no numbered approval (approved before approvals drew numbers).
 */
export function permitFactsForSigning(
  s: DossierSummary,
  catalogue: ServiceCatalogue,
  signedAt: string,
  official: NonNullable<DocumentFacts['signature']>,
): DocumentFacts | undefined {
  const number = s.decision?.approved ? s.decision.permitNumber : undefined;
  if (!number) return undefined;
  const draft = documentFacts(
    { ...s, permit: { number, verificationCode: s.decision?.verificationCode ?? '', issuedAt: signedAt } },
    catalogue,
    'permit',
    'original',
  );
  return draft && { ...draft, signature: official };
}

/**
 * The file name a paper is downloaded under: the dossier's registration number
 * (what the applicant and the officers know it by; a permit number, with its
 * slashes, could read as another dossier's number), what it is, and whether it
 * is the applicant's copy. `PBG-2026-000005-izin.pdf`.
 */
export function documentFileName(facts: Pick<DocumentFacts, 'kind' | 'copy' | 'registrationNumber'>): string {
  const what = facts.kind === 'permit' ? 'izin' : 'surat-penolakan';
  return `${facts.registrationNumber.replace(/[^\w-]+/g, '-')}-${what}${facts.copy === 'public-copy' ? '-salinan' : ''}.pdf`;
}

/** How the permit names a renewal or an amendment and the permit before it; nothing for a new application. */
function variantText(def: NonNullable<ReturnType<ServiceCatalogue['get']>>, s: DossierSummary): string | undefined {
  const variant = def.variants.find((v) => v.code === s.variant);
  if (!variant || !s.previousPermit) return undefined;
  return `${variant.label.id} atas izin nomor ${s.previousPermit.permitNumber}`;
}
