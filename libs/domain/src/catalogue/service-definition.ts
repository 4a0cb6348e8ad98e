import { z } from 'zod';

const code = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be kebab-case (a-z, 0-9, -)');
export const LabelSchema = z.object({ id: z.string().min(1), en: z.string().min(1) }).strict();
export type Label = z.infer<typeof LabelSchema>;

/** The notices an applicant is sent about a dossier (libs/notifications); a service may add its own words to each. */
export const APPLICANT_NOTICE_KINDS = [
  'registered',
  'returned',
  'fee-due',
  'approved',
  'rejected',
  'ready',
  'deemed-approved',
  'handed-over',
  'revoked',
  'expiring',
] as const;
export type ApplicantNoticeKind = (typeof APPLICANT_NOTICE_KINDS)[number];

/** What a service adds to a notice, in both languages (what to bring, where to go): plain text, a few sentences. */
const NoticeTextSchema = z.object({ id: z.string().trim().min(1).max(500), en: z.string().trim().min(1).max(500) }).strict();

export const STEP_KINDS = ['review', 'parallel-review', 'fee', 'decision', 'signing', 'issuance', 'handover'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/**
 * What a processor may do at a step besides moving it forward: return it to the applicant, recommend rejection,
 * schedule a site inspection, or send it back to an earlier desk (issue 23) with reasons.
 */
export const OUTCOMES = ['forward', 'return', 'reject', 'inspection', 'send-back'] as const;
export type Outcome = (typeof OUTCOMES)[number];

const RequirementSchema = z.object({ code, label: LabelSchema, mandatory: z.boolean() }).strict();

/** What a condition compares: a particular the counter took down, or a fee input (a measured quantity). */
export const CONDITION_OPS = ['eq', 'ne', 'in', 'not-in', 'gt', 'gte', 'lt', 'lte'] as const;
export type ConditionOp = (typeof CONDITION_OPS)[number];

/**
 * A condition over the dossier's data (issue 23): `particulars.<code>` or `inputs.<code>` compared with a value, or
 * all / any of other conditions. A step with `when` is taken only when it holds; checked at publish time (crossCheck).
 */
export type Condition = { field: string; op: ConditionOp; value: string | number | string[] } | { all: Condition[] } | { any: Condition[] };
export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z
      .object({
        field: z.string().regex(/^(particulars|inputs)\.[a-z0-9]+(-[a-z0-9]+)*$/, 'particulars.<code> or inputs.<code>'),
        op: z.enum(CONDITION_OPS),
        value: z.union([z.string().min(1), z.number(), z.array(z.string().min(1)).min(1)]),
      })
      .strict(),
    z.object({ all: z.array(ConditionSchema).min(1) }).strict(),
    z.object({ any: z.array(ConditionSchema).min(1) }).strict(),
  ]),
);

const StepSchema = z
  .object({
    id: code,
    kind: z.enum(STEP_KINDS),
    label: LabelSchema,
    /** The desk (meja) that works this step; parallel reviews list `desks` instead. */
    desk: code.optional(),
    desks: z.array(code).min(2).optional(),
    slaDays: z.number().int().min(0).max(365),
    /** Why the step has the days it has, where the law does not say (a handover: the applicant's time to collect). */
    slaBasis: LabelSchema.optional(),
    outcomes: z.array(z.enum(OUTCOMES)).default(['forward']),
    /** The step is taken only when this holds over the dossier's data; otherwise the dossier goes on to the next one. */
    when: ConditionSchema.optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    // The handover's days are the applicant's time to collect, then the counter follows up: the catalogue says so.
    if (s.kind === 'handover' && !s.slaBasis)
      ctx.addIssue({ code: 'custom', path: ['slaBasis'], message: 'a handover step says why it has the days it has (slaBasis)' });
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

/** An index a particular's choice gives (PBG's function, complexity, permanence), or a number's band gives (its floors). */
const IndexedParticularSchema = z
  .object({
    particular: code,
    /** The weight in the sum of parameters (It = If x sum(weight x index) x Fm); absent for the function index and ownership factor. */
    weight: z.number().positive().max(1).optional(),
    /** Choice option -> index. */
    indices: z.record(code, z.number().min(0).max(10)).optional(),
    /** For a number: the index of the first band it does not exceed (the last band has no upper bound). */
    bands: z
      .array(z.object({ upTo: z.number().positive().optional(), index: z.number().min(0).max(10) }).strict())
      .min(1)
      .optional(),
  })
  .strict()
  .refine((p) => (p.indices ? 1 : 0) + (p.bands ? 1 : 0) === 1, { message: 'give indices (for a choice) or bands (for a number)' });
export type IndexedParticular = z.infer<typeof IndexedParticularSchema>;

/** A refundable deposit billed with the tax (a removal bond): paid with the bill, returned when the object is removed. */
const DepositSchema = z.object({ code, label: LabelSchema, amount: z.number().int().positive(), legalBasis: z.string().min(1) }).strict();

/**
 * Fee rule: none; fixed lines; the product of inputs times a unit price
 * (an older flat rule); PBG retribusi by PP 16/2021's terms (LLt x It x Ilo x
 * SHST, with It from the building's particulars and Ilo, SHST from the
 * region's tariff for the year); or a regional tax (SKPD) on a rental value
 * (size x duration x the tariff's value for the location's class) times the
 * tax rate, with a refundable deposit beside it.
 */
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
  z
    .object({
      kind: z.literal('pbg'),
      line: LabelSchema,
      /** LLt, the floor area (luas lantai total): the one measured input. */
      inputs: z.array(FeeInputSchema).length(1),
      /** If: the function's index. */
      function: IndexedParticularSchema,
      /** Complexity, permanence, height: weight x index, summed. */
      parameters: z.array(IndexedParticularSchema).min(1),
      /** Fm: the ownership factor (a state building pays none). */
      ownership: IndexedParticularSchema,
      minimum,
      exemptions: z.array(FeeExemptionSchema).default([]),
      legalBasis: z.string().min(1),
    })
    .strict(),
  z
    .object({
      kind: z.literal('tax'),
      line: LabelSchema,
      /** Measured quantities whose product, times the tariff's rental value for the location's class, is the rental value (NSR). */
      inputs: z.array(FeeInputSchema).min(1),
      /** The choice particular that names the location's class in the tariff. */
      locationClass: code,
      /** The tariff entry this tax reads (its rate and rental values), e.g. `reklame`. */
      tariff: code,
      deposit: DepositSchema.optional(),
      /** A tax has no minimum unless the Perda sets one. */
      minimum: z.number().int().min(0).default(0),
      exemptions: z.array(FeeExemptionSchema).default([]),
      legalBasis: z.string().min(1),
    })
    .strict(),
]);
export type FeeRule = z.infer<typeof FeeRuleSchema>;

/** A regulation a service follows, as Indonesian law cites it: kind, number and year, title, and the articles that apply. */
export const LegalBasisSchema = z
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

/** A fact the counter takes down about what is applied for, printed on the permit (PBG's address and floors, a billboard's size). */
const ParticularBase = { code, label: LabelSchema, required: z.boolean().default(true) };
const ParticularSchema = z.discriminatedUnion('kind', [
  z.object({ ...ParticularBase, kind: z.literal('text'), maxLength: z.number().int().min(1).max(500).default(200) }).strict(),
  z
    .object({
      ...ParticularBase,
      kind: z.literal('number'),
      unit: z.string().min(1),
      min: z.number().min(0),
      max: z.number().positive(),
      integer: z.boolean().default(false),
    })
    .strict(),
  z
    .object({ ...ParticularBase, kind: z.literal('choice'), options: z.array(z.object({ code, label: LabelSchema }).strict()).min(2) })
    .strict(),
]);
export type ParticularDefinition = z.infer<typeof ParticularSchema>;

export const VARIANTS = ['baru', 'perpanjangan', 'perubahan'] as const;
export type VariantCode = (typeof VARIANTS)[number];
/** New, renewal or amendment: a renewal or amendment starts from the permit it renews or changes. */
const VariantSchema = z
  .object({
    code: z.enum(VARIANTS),
    label: LabelSchema,
    previousPermit: z.boolean(),
    /** Requirements this variant does not ask again (a renewal does not bring the land title twice). */
    waives: z.array(code).default([]),
  })
  .strict();
export type VariantDefinition = z.infer<typeof VariantSchema>;
const NEW_ONLY: VariantDefinition[] = [
  { code: 'baru', label: { id: 'Permohonan baru', en: 'New application' }, previousPermit: false, waives: [] },
];

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
    /** What the counter takes down about the object of the permit; printed on it. */
    particulars: z.array(ParticularSchema).default([]),
    /** The kinds of application the service takes; new only unless listed. */
    variants: z.array(VariantSchema).min(1).default(NEW_ONLY),
    /** Days before a permit with a validity period lapses on which its holder is reminded. */
    expiryReminders: z.array(z.number().int().min(1).max(365)).default([60, 14]),
    /**
     * How long the files handed in are kept once the dossier is closed, and on what basis (the region's retention
     * schedule, JRA, under UU 43/2009 tentang Kearsipan); then a job disposes of them and records it. The event
     * trail and the papers issued are kept. Unset: kept.
     */
    retention: z
      .object({ filesYears: z.number().int().min(1).max(100), basis: z.string().min(10) })
      .strict()
      .optional(),
    /** What the applicant must give beyond name and NIK: a business service needs the NIB. */
    applicant: z
      .object({ nib: z.enum(['required', 'optional']) })
      .strict()
      .default({ nib: 'optional' }),
    /**
     * The MPP's own words added to a notice of this service (issue 23), by notice kind: `ready: { id: 'Bawa KTP asli
     * saat mengambil izin.', en: '...' }`. The notice's own text, the tracking link and the MPP's name stay.
     */
    notices: z.partialRecord(z.enum(APPLICANT_NOTICE_KINDS), NoticeTextSchema).default({}),
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
  problems.push(...crossCheckParticulars(def), ...crossCheckBranches(def));
  // The service's deadline ends when the permit is issued: the handover's days (the applicant's time to collect) are not in it.
  // With branches, the longest route a dossier can take (issue 23): two steps that exclude each other never add up.
  const stepTotal = longestRoute(def);
  if (stepTotal > def.slaDays)
    problems.push({ path: 'slaDays', message: `the steps add up to ${stepTotal} working days, more than the total ${def.slaDays}` });
  return problems;
}

/** The fee inputs a rule takes (measured quantities), for any rule kind. */
export const feeInputsOf = (rule: FeeRule) => (rule.kind === 'formula' || rule.kind === 'pbg' || rule.kind === 'tax' ? rule.inputs : []);

/** The particulars a fee rule reads (PBG's function and parameters, a tax's location class). */
function feeParticulars(rule: FeeRule): { path: string; p: IndexedParticular | { particular: string } }[] {
  if (rule.kind === 'pbg')
    return [
      { path: 'fee.function', p: rule.function },
      ...rule.parameters.map((p, i) => ({ path: `fee.parameters.${i}`, p })),
      { path: 'fee.ownership', p: rule.ownership },
    ];
  if (rule.kind === 'tax') return [{ path: 'fee.locationClass', p: { particular: rule.locationClass } }];
  return [];
}

function crossCheckParticulars(def: ServiceDefinition): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const codes = new Set<string>();
  def.particulars.forEach((p, i) => {
    if (codes.has(p.code)) problems.push({ path: `particulars.${i}.code`, message: `duplicate particular "${p.code}"` });
    codes.add(p.code);
    if (p.kind === 'number' && p.min > p.max) problems.push({ path: `particulars.${i}.min`, message: 'min must not exceed max' });
  });
  for (const { path, p } of feeParticulars(def.fee)) {
    const particular = def.particulars.find((x) => x.code === p.particular);
    if (!particular) {
      problems.push({ path, message: `the fee reads particular "${p.particular}", which the service does not define` });
      continue;
    }
    if (!particular.required) problems.push({ path, message: `particular "${p.particular}" decides the fee, so it must be required` });
    const indexed = p as IndexedParticular;
    if (indexed.indices || def.fee.kind === 'tax') {
      if (particular.kind !== 'choice') {
        problems.push({ path, message: `particular "${p.particular}" must be a choice` });
        continue;
      }
      const missing = indexed.indices ? particular.options.filter((o) => indexed.indices![o.code] === undefined) : [];
      if (missing.length) problems.push({ path, message: `no index for ${missing.map((o) => o.code).join(', ')}` });
    }
    if (indexed.bands) {
      if (particular.kind !== 'number') problems.push({ path, message: `particular "${p.particular}" must be a number for bands` });
      if (indexed.bands[indexed.bands.length - 1].upTo !== undefined)
        problems.push({ path: `${path}.bands`, message: 'the last band has no upper bound' });
    }
  }
  const variantCodes = new Set<string>();
  const requirementCodes = new Set(def.requirements.map((r) => r.code));
  def.variants.forEach((v, i) => {
    if (variantCodes.has(v.code)) problems.push({ path: `variants.${i}.code`, message: `duplicate variant "${v.code}"` });
    variantCodes.add(v.code);
    if (v.previousPermit !== (v.code !== 'baru'))
      problems.push({
        path: `variants.${i}.previousPermit`,
        message: 'a renewal or amendment starts from a previous permit; a new application does not',
      });
    for (const w of v.waives)
      if (!requirementCodes.has(w)) problems.push({ path: `variants.${i}.waives`, message: `unknown requirement "${w}"` });
  });
  if (variantCodes.has('perpanjangan') && def.validity.kind !== 'years')
    problems.push({ path: 'variants', message: 'only a permit with a validity period is renewed' });
  return problems;
}

/** The kinds of step a condition may leave out, and the kinds a dossier is sent back to: the desks that review. */
const REVIEW_KINDS: StepKind[] = ['review', 'parallel-review'];

/** Branches and send-backs (issue 23), checked when a definition is published: a condition names real data it can compare. */
function crossCheckBranches(def: ServiceDefinition): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  def.steps.forEach((s, i) => {
    if (s.when) {
      if (i === 0) problems.push({ path: `steps.${i}.when`, message: 'the first step is always taken' });
      else if (!REVIEW_KINDS.includes(s.kind))
        problems.push({ path: `steps.${i}.when`, message: `only a review step may be conditional; every dossier passes a ${s.kind} step` });
      problems.push(...conditionProblems(def, s.when, `steps.${i}.when`));
    }
    if (s.outcomes.includes('send-back') && !def.steps.slice(0, i).some((e) => REVIEW_KINDS.includes(e.kind)))
      problems.push({ path: `steps.${i}.outcomes`, message: 'send-back needs an earlier review step to send the dossier back to' });
  });
  return problems;
}

const NUMERIC_OPS: ConditionOp[] = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte'];
const CHOICE_OPS: ConditionOp[] = ['eq', 'ne', 'in', 'not-in'];

function conditionProblems(def: ServiceDefinition, c: Condition, path: string): { path: string; message: string }[] {
  if ('all' in c) return c.all.flatMap((x, i) => conditionProblems(def, x, `${path}.all.${i}`));
  if ('any' in c) return c.any.flatMap((x, i) => conditionProblems(def, x, `${path}.any.${i}`));
  const [source, name] = c.field.split('.') as ['particulars' | 'inputs', string];
  const numeric = (): { path: string; message: string }[] => {
    if (!NUMERIC_OPS.includes(c.op))
      return [{ path: `${path}.op`, message: `"${c.op}" does not compare numbers (use ${NUMERIC_OPS.join(', ')})` }];
    return typeof c.value === 'number' ? [] : [{ path: `${path}.value`, message: `${c.field} is a number: compare it with a number` }];
  };
  if (source === 'inputs') {
    if (!feeInputsOf(def.fee).some((i) => i.code === name)) return [{ path: `${path}.field`, message: `the fee takes no input "${name}"` }];
    return numeric();
  }
  const particular = def.particulars.find((p) => p.code === name);
  if (!particular) return [{ path: `${path}.field`, message: `the service has no particular "${name}"` }];
  if (!particular.required) return [{ path: `${path}.field`, message: `particular "${name}" decides the route, so it must be required` }];
  if (particular.kind === 'number') return numeric();
  if (particular.kind === 'text')
    return [{ path: `${path}.field`, message: `particular "${name}" is free text: a route reads a choice or a number` }];
  if (!CHOICE_OPS.includes(c.op))
    return [{ path: `${path}.op`, message: `"${c.op}" does not compare a choice (use ${CHOICE_OPS.join(', ')})` }];
  const list = c.op === 'in' || c.op === 'not-in';
  const values = Array.isArray(c.value) ? c.value : [c.value];
  if (list !== Array.isArray(c.value) || values.some((v) => typeof v !== 'string'))
    return [{ path: `${path}.value`, message: list ? `"${c.op}" takes a list of options` : `"${c.op}" takes one option` }];
  const unknown = values.filter((v) => !particular.options.some((o) => o.code === v));
  return unknown.length ? [{ path: `${path}.value`, message: `not an option of "${name}": ${unknown.join(', ')}` }] : [];
}

/** The data a condition reads: what the counter took down and the fee inputs. */
export interface ConditionData {
  particulars: Record<string, string | number>;
  inputs: Record<string, number>;
}

/** Whether a condition holds over a dossier's data; a value the dossier does not have makes a comparison false. */
export function conditionHolds(c: Condition, data: ConditionData): boolean {
  if ('all' in c) return c.all.every((x) => conditionHolds(x, data));
  if ('any' in c) return c.any.some((x) => conditionHolds(x, data));
  const [source, name] = c.field.split('.') as ['particulars' | 'inputs', string];
  const actual = source === 'inputs' ? data.inputs[name] : data.particulars[name];
  if (actual === undefined) return false;
  switch (c.op) {
    case 'eq':
      return actual === c.value;
    case 'ne':
      return actual !== c.value;
    case 'in':
      return Array.isArray(c.value) && c.value.includes(String(actual));
    case 'not-in':
      return Array.isArray(c.value) && !c.value.includes(String(actual));
    case 'gt':
      return typeof actual === 'number' && actual > (c.value as number);
    case 'gte':
      return typeof actual === 'number' && actual >= (c.value as number);
    case 'lt':
      return typeof actual === 'number' && actual < (c.value as number);
    case 'lte':
      return typeof actual === 'number' && actual <= (c.value as number);
  }
}

/** Whether a dossier with this data takes the step (an unconditional step: always). */
export const stepTaken = (step: StepDefinition, data: ConditionData): boolean => !step.when || conditionHolds(step.when, data);

/** The next step a dossier with this data takes after `from`: conditional steps whose condition fails are passed by. */
export function nextStepIndex(def: ServiceDefinition, from: number, data: ConditionData): number {
  let i = from + 1;
  while (i < def.steps.length && !stepTaken(def.steps[i], data)) i++;
  return i;
}

/** Every condition's comparisons, flattened. */
function comparisons(c: Condition): { field: string; op: ConditionOp; value: string | number | string[] }[] {
  if ('all' in c) return c.all.flatMap(comparisons);
  if ('any' in c) return c.any.flatMap(comparisons);
  return [c];
}

/**
 * The most working days the steps of any route can add up to (the handover aside). Conditions compare a choice with
 * its options and a number with thresholds, so every route shows up for some assignment of each field to one of its
 * options, or to a threshold, a value just below or just above one: those are all tried (every step counted when
 * there would be too many to try, which can only overstate).
 */
export function longestRoute(def: ServiceDefinition): number {
  const counted = (taken: (s: StepDefinition) => boolean) =>
    def.steps.filter((s) => s.kind !== 'handover' && taken(s)).reduce((sum, s) => sum + s.slaDays, 0);
  const all = def.steps.flatMap((s) => (s.when ? comparisons(s.when) : []));
  if (!all.length) return counted(() => true);
  const candidates = new Map<string, (string | number)[]>();
  for (const c of all) {
    const [source, name] = c.field.split('.') as ['particulars' | 'inputs', string];
    const particular = source === 'particulars' ? def.particulars.find((p) => p.code === name) : undefined;
    const values = candidates.get(c.field) ?? (particular?.kind === 'choice' ? particular.options.map((o) => o.code) : []);
    if (typeof c.value === 'number') values.push(c.value - 0.5, c.value, c.value + 0.5);
    candidates.set(c.field, values);
  }
  const fields = [...candidates.keys()];
  const combinations = fields.reduce((n, f) => n * Math.max(1, candidates.get(f)!.length), 1);
  if (combinations > 20_000) return counted(() => true);
  let longest = 0;
  const assign = (i: number, data: ConditionData): void => {
    if (i === fields.length) {
      longest = Math.max(
        longest,
        counted((s) => stepTaken(s, data)),
      );
      return;
    }
    const [source, name] = fields[i].split('.') as ['particulars' | 'inputs', string];
    for (const v of candidates.get(fields[i])!) {
      const next: ConditionData = { particulars: { ...data.particulars }, inputs: { ...data.inputs } };
      if (source === 'inputs') next.inputs[name] = v as number;
      else next.particulars[name] = v;
      assign(i + 1, next);
    }
  };
  assign(0, { particulars: {}, inputs: {} });
  return longest;
}
