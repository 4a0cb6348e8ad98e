import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerModule, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { SlidingWindowStorage } from './rate-limit-storage.js';
import { clientGroup } from './client-group.js';

export { SlidingWindowStorage };
/** The counters every limit in this process uses (the throttler guard's and the public fast path's). */
export const RATE_LIMIT_STORAGE = new SlidingWindowStorage();
import type { Response } from 'express';
import type { BerkasConfig } from './config.js';
import { TooManyAttempts } from './too-many-attempts.js';
import { BERKAS_CONFIG } from './tokens.js';

/**
 * The named rate limits, and the guard that applies them, for the modules whose routes use them (officers'
 * login, public tracking); each route skips the names that are not its own.
 * A separate entry of the platform lib (`#berkas/platform/rate-limits`):
 * `@nestjs/throttler` is CommonJS and cannot load inside Jest's ESM sandbox
 * on Node 20, so code that needs no rate limit never imports it.
 * One shared instance: every module importing RATE_LIMITS gets the same counters.
 */
export const RATE_LIMITS = ThrottlerModule.forRootAsync({
  inject: [BERKAS_CONFIG],
  useFactory: (config: BerkasConfig) => ({
    // Our guard sets the one standard Retry-After; no per-name headers.
    setHeaders: false,
    storage: RATE_LIMIT_STORAGE,
    // Counted per client as the public fast path counts: an IPv6 line by its /64.
    getTracker: (req: Record<string, unknown>) => clientGroup(req.ip as string | undefined),
    throttlers: [
      { name: 'tracking', ttl: config.TRACKING_RATE_WINDOW_SECONDS * 1000, limit: config.TRACKING_RATE_LIMIT },
      { name: 'login', ttl: 60_000, limit: config.LOGIN_RATE_LIMIT },
    ],
  }),
});

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
