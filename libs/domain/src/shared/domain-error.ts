/** Error codes the domain can refuse a command with. Stable: clients match on them. */
export const DOMAIN_ERROR_CODES = [
  'DOSSIER.NOT_FOUND',
  'DOSSIER.ALREADY_REGISTERED',
  'DOSSIER.NOT_ACTIVE',
  'DOSSIER.NOT_AT_DESK',
  'DOSSIER.HELD_BY_OTHER',
  'DOSSIER.NOT_HELD',
  'DOSSIER.NOT_RETURNED',
  'DOSSIER.ALREADY_ISSUED',
  'REGISTRATION.INCOMPLETE',
  'REGISTRATION.UNKNOWN_REQUIREMENT',
  'REGISTRATION.MISSING_INPUT',
  'REGISTRATION.NIB_REQUIRED',
  'REGISTRATION.NO_CONTACT',
  'SERVICE.UNKNOWN',
  'STEP.WRONG_KIND',
  'STEP.OUTCOME_NOT_ALLOWED',
  'STEP.ALREADY_ANSWERED',
  'INSPECTION.NOT_SCHEDULED',
  'INSPECTION.PENDING',
  'INSPECTION.FAILED',
  'FEE.NOT_ASSESSED',
  'FEE.ALREADY_ASSESSED',
  'FEE.NOT_PAID',
  'FEE.OVERPAYMENT',
  'FEE.DUPLICATE_PAYMENT',
  'FEE.REFERENCE_USED_ELSEWHERE',
  'FEE.UNKNOWN_INPUT',
  'FEE.INPUT_OUT_OF_RANGE',
  'FEE.EXEMPTION_NOT_ALLOWED',
  'FEE.PAYMENT_RECORDED',
  'DECISION.NEGATIVE_RECOMMENDATION',
  'PERMIT.NOT_ISSUED',
  'PERMIT.ALREADY_REVOKED',
  'COMPLAINT.NOT_FOUND',
  'COMPLAINT.ALREADY_ANSWERED',
  'SLA.NOT_LAPSED',
  'SLA.NOT_FIKTIF_POSITIF',
  'AUTH.ROLE',
] as const;
export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

/** A refused command: a value with a code, turned into problem+json at the HTTP edge. */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
