import { z } from 'zod';

const code = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be kebab-case (a-z, 0-9, -)');
export const LabelSchema = z.object({ id: z.string().min(1), en: z.string().min(1) }).strict();
export type Label = z.infer<typeof LabelSchema>;

export const STEP_KINDS = ['review', 'parallel-review', 'fee', 'decision', 'signing', 'issuance', 'handover'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/** What a processor may do at a review step besides moving it forward. */
export const OUTCOMES = ['forward', 'return', 'reject', 'inspection'] as const;
export type Outcome = (typeof OUTCOMES)[number];

const RequirementSchema = z.object({ code, label: LabelSchema, mandatory: z.boolean() }).strict();

const StepSchema = z
  .object({
    id: code,
    kind: z.enum(STEP_KINDS),
    label: LabelSchema,
    /** The desk (meja) that works this step; parallel reviews list `desks` instead. */
    desk: code.optional(),
    desks: z.array(code).min(2).optional(),
    slaDays: z.number().int().min(0).max(365),
    outcomes: z.array(z.enum(OUTCOMES)).default(['forward']),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.kind === 'parallel-review') {
      if (!s.desks) ctx.addIssue({ code: 'custom', path: ['desks'], message: 'a parallel review needs at least two desks' });
      if (s.desk) ctx.addIssue({ code: 'custom', path: ['desk'], message: 'a parallel review lists desks, not desk' });
    } else {
      if (!s.desk) ctx.addIssue({ code: 'custom', path: ['desk'], message: `a ${s.kind} step needs a desk` });
      if (s.desks) ctx.addIssue({ code: 'custom', path: ['desks'], message: 'only a parallel review lists desks' });
    }
  });

const FeeLineSchema = z.object({ code, label: LabelSchema, amount: z.number().int().min(0) }).strict();
/** A measured quantity the fee is computed from, with the range a real dossier can have. */
const FeeInputSchema = z
  .object({ code, label: LabelSchema, unit: z.string().min(1), min: z.number().positive(), max: z.number().positive() })
  .strict()
  .refine((i) => i.min <= i.max, { message: 'min must not exceed max', path: ['min'] });
/** A legal ground for not charging the fee (e.g. a zero-rated social building); the cashier records the reason. */
const FeeExemptionSchema = z.object({ code, label: LabelSchema, legalBasis: z.string().min(1) }).strict();
/** The smallest SKRD the rule may produce, in whole Rupiah: a bill is never Rp 0 unless exempted. */
const minimum = z.number().int().positive();

/** Fee rule (retribusi): none, fixed lines, or the product of inputs times a unit price. */
export const FeeRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }).strict(),
  z
    .object({
      kind: z.literal('fixed'),
      lines: z.array(FeeLineSchema).min(1),
      minimum,
      exemptions: z.array(FeeExemptionSchema).default([]),
    })
    .strict(),
  z
    .object({
      kind: z.literal('formula'),
      line: LabelSchema,
      inputs: z.array(FeeInputSchema).min(1),
      /** Rupiah per unit of the product of all inputs (set by Perda). */
      unitPrice: z.number().int().positive(),
      minimum,
      exemptions: z.array(FeeExemptionSchema).default([]),
      legalBasis: z.string().min(1),
    })
    .strict(),
]);
export type FeeRule = z.infer<typeof FeeRuleSchema>;

/** A regulation a service follows, as Indonesian law cites it: kind, number and year, title, and the articles that apply. */
const LegalBasisSchema = z
  .object({
    kind: z.enum(['UU', 'PP', 'Perpres', 'Permen', 'Perda', 'Perkada']),
    number: z.string().regex(/^\d+[A-Z]?$/, 'the regulation number, digits only (e.g. 17)'),
    year: z.number().int().min(1945).max(2100),
    title: z.string().min(5),
    /** The articles that apply (Pasal 263-264). */
    articles: z.string().min(1).optional(),
  })
  .strict();
export type LegalBasis = z.infer<typeof LegalBasisSchema>;

/** How long an issued permit holds: a number of years from its date, or as long as what it permits stands. */
const ValiditySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('years'), years: z.number().int().min(1).max(50) }).strict(),
  z.object({ kind: z.literal('indefinite'), while: LabelSchema }).strict(),
]);
export type Validity = z.infer<typeof ValiditySchema>;

export const ServiceDefinitionSchema = z
  .object({
    code,
    version: z.number().int().positive(),
    name: LabelSchema,
    product: LabelSchema,
    requirements: z.array(RequirementSchema).min(1),
    steps: z.array(StepSchema).min(1),
    slaDays: z.number().int().min(0).max(365),
    fee: FeeRuleSchema,
    /** Whether the SLA clock stops while the dossier is back with the applicant. */
    pauseClockWhileWithApplicant: z.boolean(),
    /** Fiktif positif: deemed approved when the SLA lapses without a decision. */
    fiktifPositif: z.boolean(),
    complaints: z.string().min(1),
    /** The regulations the definition follows (requirements, steps, deadlines, fees): every definition cites its sources. */
    legalBasis: z.array(LegalBasisSchema).min(1),
    /** How long the permit holds once issued: printed on it. */
    validity: ValiditySchema,
    /**
     * Separation of duties: the decision, the signature and the issuance are
     * done by three different officers, none of whom verified the dossier
     * (completed one of its review steps). On unless a service turns it off.
     */
    separationOfDuties: z.boolean().default(true),
    /** What the applicant must give beyond name and NIK: a business service needs the NIB. */
    applicant: z
      .object({ nib: z.enum(['required', 'optional']) })
      .strict()
      .default({ nib: 'optional' }),
  })
  .strict();

export type ServiceDefinition = z.infer<typeof ServiceDefinitionSchema>;
export type StepDefinition = ServiceDefinition['steps'][number];

/** The desks a step waits on: one desk, or every desk of a parallel review. */
export function stepDesks(step: StepDefinition): string[] {
  return step.desks ?? (step.desk ? [step.desk] : []);
}

const SINGLE_KINDS: StepKind[] = ['decision', 'signing', 'issuance', 'handover'];

/** Rules across fields that a per-field schema cannot express. */
export function crossCheck(def: ServiceDefinition, knownDesks: ReadonlySet<string>): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const seen = new Set<string>();
  def.steps.forEach((s, i) => {
    if (seen.has(s.id)) problems.push({ path: `steps.${i}.id`, message: `duplicate step id "${s.id}"` });
    seen.add(s.id);
    for (const d of stepDesks(s)) {
      if (!knownDesks.has(d)) problems.push({ path: `steps.${i}`, message: `unknown desk "${d}"` });
    }
  });
  for (const kind of SINGLE_KINDS) {
    const n = def.steps.filter((s) => s.kind === kind).length;
    if (n !== 1) problems.push({ path: 'steps', message: `needs exactly one ${kind} step, found ${n}` });
  }
  const index = (k: StepKind) => def.steps.findIndex((s) => s.kind === k);
  const order: StepKind[] = ['decision', 'signing', 'issuance', 'handover'];
  for (let i = 1; i < order.length; i++) {
    if (index(order[i - 1]) > index(order[i])) problems.push({ path: 'steps', message: `${order[i - 1]} must come before ${order[i]}` });
  }
  const feeSteps = def.steps.filter((s) => s.kind === 'fee').length;
  if (def.fee.kind === 'none' && feeSteps > 0) problems.push({ path: 'steps', message: 'a service without a fee has no fee step' });
  if (def.fee.kind !== 'none') {
    if (feeSteps !== 1) problems.push({ path: 'steps', message: 'a service with a fee needs exactly one fee step' });
    else if (index('fee') > index('issuance')) problems.push({ path: 'steps', message: 'the fee step must come before issuance' });
  }
  const stepTotal = def.steps.reduce((sum, s) => sum + s.slaDays, 0);
  if (stepTotal > def.slaDays)
    problems.push({ path: 'slaDays', message: `the steps add up to ${stepTotal} working days, more than the total ${def.slaDays}` });
  return problems;
}
