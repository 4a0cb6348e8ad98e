import { createHash, randomUUID } from 'node:crypto';
import { applyDecorators } from '@nestjs/common';
import { ApiOkResponse, ApiProperty } from '@nestjs/swagger';
import { ApiProblems } from '#berkas/platform';
import { ValidationProblem } from '#berkas/platform';
import type { CommandOutcome } from '../application/dossier-command.service.js';
import type { OfficerClaims } from '../auth/officer.guard.js';

// The two command headers: If-Match (the version acted on) and Idempotency-Key.

export function expectedVersion(ifMatch: string | undefined): number | undefined {
  if (ifMatch === undefined) return undefined;
  const m = /^(?:W\/)?"?(\d{1,9})"?$/.exec(ifMatch.trim());
  if (!m) throw new ValidationProblem([{ field: 'If-Match', reason: 'must be the dossier version (a number) from the ETag' }]);
  return Number(m[1]);
}

export function commandId(officer: OfficerClaims, key: string | undefined): string {
  if (key === undefined) return randomUUID();
  if (!/^[\x21-\x7e]{1,200}$/.test(key))
    throw new ValidationProblem([{ field: 'Idempotency-Key', reason: 'must be 1-200 visible ASCII characters' }]);
  // Scoped to the officer, so two officers' keys can never collide.
  return createHash('sha256').update(`${officer.officerId}\n${key}`).digest('hex');
}

/** Keys sorted at every level, so the same body always hashes the same. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  return value;
}

/**
 * What a request was: its command, its dossier and its body. An Idempotency-Key
 * is bound to this: the same key on a different request is refused (422).
 * Undefined without a key, since then no retry can be recognised anyway.
 */
export function fingerprint(key: string | undefined, command: string, dossierId: string | undefined, body: unknown): string | undefined {
  if (key === undefined) return undefined;
  return createHash('sha256')
    .update(JSON.stringify([command, dossierId ?? null, canonical(body ?? {})]))
    .digest('hex');
}

export const outcomeView = (o: CommandOutcome) => ({
  dossierId: o.dossierId,
  version: o.version,
  duplicate: o.duplicate,
  events: o.eventTypes,
});

/** What every command answers. */
export class CommandOutcomeView {
  @ApiProperty({ format: 'uuid' })
  dossierId!: string;

  @ApiProperty({ example: 5, description: 'the dossier version after the command: send it back as If-Match' })
  version!: number;

  @ApiProperty({ description: 'true: a retry with the same Idempotency-Key, answered from the first attempt; nothing new was appended' })
  duplicate!: boolean;

  @ApiProperty({ type: [String], example: ['StepCompleted', 'StepStarted'], description: 'the events the command appended' })
  events!: string[];
}

/** The registration receipt. */
export class ReceiptView extends CommandOutcomeView {
  @ApiProperty({ example: 'PBG-2026-000006' })
  registrationNumber!: string;

  @ApiProperty({ example: '123456', description: 'printed on the receipt for public tracking; a retry prints the same PIN' })
  pin!: string;
}

class FeeLineView {
  @ApiProperty({ example: 'retribusi' })
  code!: string;

  @ApiProperty({ example: { id: 'Retribusi PBG', en: 'PBG fee' } })
  label!: { id: string; en: string };

  @ApiProperty({ example: 2250000, description: 'whole Rupiah' })
  amount!: number;
}

/** The SKRD an assessment would issue: shown to the fee officer before it goes out. */
export class FeePreviewView {
  @ApiProperty({ type: [FeeLineView] })
  lines!: FeeLineView[];

  @ApiProperty({ example: 2250000, description: 'whole Rupiah' })
  total!: number;

  @ApiProperty({ example: { 'luas-lantai': 120 }, description: 'the inputs the lines were computed from' })
  inputs!: Record<string, number>;

  @ApiProperty({ required: false, description: 'the legal ground, when the fee is waived' })
  exemption?: { code: string; label: { id: string; en: string }; legalBasis: string; reason: string };
}

/** The answers of a command on a dossier, errors included. */
export const CommandAnswers = () =>
  applyDecorators(ApiOkResponse({ type: CommandOutcomeView }), ApiProblems(400, 401, 403, 404, 409, 413, 422, 503));
