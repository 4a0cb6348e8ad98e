import { Body, Controller, Get, HttpCode, Inject, NotFoundException, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeController, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, ValidationProblem } from '#berkas/platform';
import type { WorkingCalendar } from '#berkas/domain';
import { CALENDAR } from '#berkas/platform';
import { OfficerGuard, Roles } from '../auth/officer.guard.js';
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

/** Supervisors' daily reconciliation of what the bank notified against what was recorded (D47). */
@ApiTags('payments')
@ApiBearerAuth()
@UseGuards(OfficerGuard)
@Controller('api/payments')
export class ReconciliationController {
  constructor(
    @Inject(BANK_NOTIFICATIONS) private readonly bank: BankNotifications | null,
    @Inject(CALENDAR) private readonly calendar: WorkingCalendar,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('reconciliation')
  @Roles('supervisor')
  @ApiOperation({
    summary:
      'Supervisors: one day of bank and QRIS payments, what the bank notified against what was recorded: matched, notified but not recorded, recorded without a notification',
  })
  @ApiProblems(400, 401, 403, 404, 503)
  @ApiOkResponse({
    schema: {
      type: 'object',
      required: ['date', 'matched', 'notifiedNotRecorded', 'recordedNotNotified', 'totals'],
      properties: {
        date: { type: 'string', format: 'date' },
        matched: { type: 'array', items: { type: 'object', additionalProperties: true } },
        notifiedNotRecorded: { type: 'array', items: { type: 'object', additionalProperties: true } },
        recordedNotNotified: { type: 'array', items: { type: 'object', additionalProperties: true } },
        totals: { type: 'object', additionalProperties: { type: 'integer' } },
      },
    },
  })
  reconcile(@Query('date') date?: string) {
    if (!this.bank) throw new NotFoundException('Bank notifications (SNAP) are not configured');
    const day = date ?? this.calendar.localDate(this.clock.now());
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(day)))
      throw new ValidationProblem([{ field: 'date', reason: 'must be a date (yyyy-mm-dd)' }]);
    return this.bank.reconcile(day, this.calendar.zone);
  }
}
