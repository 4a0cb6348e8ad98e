import { HttpException } from '@nestjs/common';
import type { Label } from '#berkas/domain';

/**
 * A refusal on the public pages with its sentence in both languages: the
 * page shows `text` (PublicPageFilter); `message` is what the log and a JSON
 * answer say (both languages unless given).
 */
export class PublicProblem extends HttpException {
  constructor(
    status: number,
    readonly text: Label,
    message = `${text.id} / ${text.en}`,
  ) {
    super(message, status);
  }
}
