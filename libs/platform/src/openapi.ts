import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';

/** One field that failed validation. */
export class FieldProblem {
  @ApiProperty({ example: 'applicant.nik' })
  field!: string;

  @ApiProperty({ example: 'NIK must be 16 digits' })
  reason!: string;
}

/** Every error, in one shape (RFC 9457 problem+json). Titles are in Bahasa Indonesia, then English. */
export class ProblemView {
  @ApiProperty({ example: 'urn:berkas:problem:fee.not_paid' })
  type!: string;

  @ApiProperty({ example: 'Tidak dapat diproses / Cannot be processed' })
  title!: string;

  @ApiProperty({ example: 422 })
  status!: number;

  @ApiPropertyOptional()
  detail?: string;

  @ApiPropertyOptional({ example: 'FEE.NOT_PAID', description: 'stable code of the refusal, for programs' })
  code?: string;

  @ApiPropertyOptional({ type: [FieldProblem], description: 'for 400: every field that failed and why' })
  errors?: FieldProblem[];

  @ApiPropertyOptional({ example: '/api/dossiers/…/complete' })
  instance?: string;

  @ApiPropertyOptional({ description: 'refusal details (missing requirements, outstanding amount, …)' })
  details?: Record<string, unknown>;
}

const MEANING: Record<number, string> = {
  400: 'invalid input: `errors` lists each field and the reason; nothing changed',
  401: 'no token, or an expired, invalid or ended one',
  403: 'wrong role, not your desk, or personal data you do not need',
  404: 'no such dossier, desk or permit',
  409: 'someone else changed or holds the dossier (If-Match, claim): reload and retry',
  413: 'body over 64 kB',
  422: 'a move the rules refuse (code says which), or an Idempotency-Key reused for another request',
  429: 'too many attempts: wait the seconds in Retry-After',
  503: 'the database cannot be reached: retry after Retry-After (a command with the same Idempotency-Key)',
};

/** Documents the error answers an operation can give, each as problem+json. */
export function ApiProblems(...statuses: number[]) {
  return applyDecorators(
    ApiExtraModels(ProblemView),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: MEANING[status] ?? `HTTP ${status}`,
        content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemView) } } },
      }),
    ),
  );
}
