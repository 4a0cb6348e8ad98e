import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import type { Response } from 'express';
import { TooManyAttempts } from './too-many-attempts.js';

/**
 * The throttler guard with the answer users should get: the standard
 * `Retry-After` header (not one per named limit) and a translated message.
 */
@Injectable()
export class BerkasThrottlerGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const seconds = Math.max(1, Math.ceil(detail.isBlocked ? detail.timeToBlockExpire : detail.timeToExpire));
    context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(seconds));
    throw new TooManyAttempts(seconds);
  }
}
