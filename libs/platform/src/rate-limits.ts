import { ThrottlerModule } from '@nestjs/throttler';
import type { BerkasConfig } from './config.js';
import { BERKAS_CONFIG } from './tokens.js';

export { BerkasThrottlerGuard } from './throttling.js';

/**
 * The named rate limits, for the modules whose routes use them (officers'
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
    throttlers: [
      { name: 'tracking', ttl: config.TRACKING_RATE_WINDOW_SECONDS * 1000, limit: config.TRACKING_RATE_LIMIT },
      { name: 'login', ttl: 60_000, limit: config.LOGIN_RATE_LIMIT },
      // Password guessing against one account from many addresses.
      {
        name: 'login-account',
        ttl: config.LOGIN_ACCOUNT_WINDOW_SECONDS * 1000,
        limit: config.LOGIN_ACCOUNT_RATE_LIMIT,
        getTracker: (req: Record<string, unknown>) => {
          const username = (req.body as { username?: unknown } | undefined)?.username;
          return `account:${typeof username === 'string' ? username.trim().toLowerCase().slice(0, 80) : '(none)'}`;
        },
      },
    ],
  }),
});
