import { Body, Controller, HttpCode, Inject, NotFoundException, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CLOCK, type Clock } from '#berkas/platform';
import { BankNotifications, type SnapPaymentNotice } from '../application/bank-notifications.js';

/** Where the bank's SNAP notifications arrive; absent (404) unless SNAP_CLIENT_SECRET and SNAP_ACCESS_TOKEN are set. */
export const BANK_NOTIFICATIONS = Symbol('BANK_NOTIFICATIONS');

const PATH = '/api/snap/v1.0/transfer-va/payment';

/**
 * The bank's virtual-account payment flag (SNAP): signed by the bank, answered
 * with SNAP's response codes. Not for officers or the public; documented in
 * docs/decisions/D47 rather than in the officers' OpenAPI document.
 */
@ApiExcludeController()
@Controller('api/snap/v1.0/transfer-va')
export class BankController {
  constructor(
    @Inject(BANK_NOTIFICATIONS) private readonly bank: BankNotifications | null,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('payment')
  @HttpCode(200)
  async payment(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Body() body: Record<string, unknown>) {
    if (!this.bank) throw new NotFoundException();
    const header = (name: string) => req.headers[name] as string | undefined;
    const refused = this.bank.authenticate(
      { authorization: header('authorization'), timestamp: header('x-timestamp'), signature: header('x-signature') },
      'POST',
      PATH,
      body,
      Date.parse(this.clock.now()),
    );
    const externalId = header('x-external-id');
    const outcome =
      refused ??
      (externalId && /^[\w-]{1,36}$/.test(externalId)
        ? await this.bank.record(body as unknown as SnapPaymentNotice, externalId, this.clock.now())
        : { status: 400, body: { responseCode: '4002502', responseMessage: 'Invalid Mandatory Field X-EXTERNAL-ID' } });
    res.status(outcome.status);
    return outcome.body;
  }
}
