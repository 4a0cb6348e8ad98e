import { Logger } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import type { BerkasConfig } from '#berkas/platform';
import type { Message } from './templates.js';

/** A way to reach an applicant. `reference` is unique per event and channel: gateways that dedupe can key on it. */
export interface Channel {
  readonly via: 'smtp' | 'whatsapp' | 'sms' | 'log';
  send(to: string, message: Message, reference: string): Promise<void>;
}

const TIMEOUT_MS = 15_000;

/** E-mail through the MPP's SMTP server (nodemailer); the Message-ID is the reference, so a resend is the same mail. */
export class SmtpChannel implements Channel {
  readonly via = 'smtp';
  private readonly transport: Transporter;

  constructor(
    url: string,
    private readonly from: string,
  ) {
    // The timeouts ride on the URL's query (nodemailer reads them there), so a dead server fails an attempt, not the loop.
    const timeouts = `connectionTimeout=${TIMEOUT_MS}&greetingTimeout=${TIMEOUT_MS}&socketTimeout=${TIMEOUT_MS}`;
    this.transport = nodemailer.createTransport(`${url}${url.includes('?') ? '&' : '?'}${timeouts}`);
  }

  async send(to: string, m: Message, reference: string): Promise<void> {
    await this.transport.sendMail({ from: this.from, to, subject: m.subject, text: m.text, messageId: `<${reference}@berkas>` });
  }
}

async function post(url: string, body: unknown, token: string | undefined, what: string): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (!res.ok) throw new Error(`${what} answered ${res.status}: ${(await res.text().catch(() => '')).slice(0, 300)}`);
}

/** Which approved WhatsApp template each notice kind is sent with, and its language code per applicant language. */
export interface WhatsAppTemplates {
  [kind: string]: { name: string; language: { id: string; en: string } };
}

/** One approved template for every notice, with three body parameters (number, what happened, link). */
export const DEFAULT_WHATSAPP_TEMPLATES: WhatsAppTemplates = {
  default: { name: 'berkas_pemberitahuan', language: { id: 'id', en: 'en' } },
};

/**
 * WhatsApp Business Cloud API: POST /{phone-number-id}/messages. A business
 * may start a conversation only with a template Meta approved (free text is
 * delivered only inside the 24 hours after the applicant wrote), so every
 * notice goes as a template: the kind's own (WHATSAPP_TEMPLATES), else
 * `default`, in the applicant's language, with the parameters of the notice.
 */
export class WhatsAppChannel implements Channel {
  readonly via = 'whatsapp';

  constructor(
    private readonly apiUrl: string,
    private readonly phoneNumberId: string,
    private readonly token: string,
    private readonly templates: WhatsAppTemplates = DEFAULT_WHATSAPP_TEMPLATES,
  ) {
    if (!templates.default) throw new Error('Invalid configuration: WHATSAPP_TEMPLATES needs a "default" template');
  }

  send(to: string, m: Message): Promise<void> {
    const t = m.template ?? { kind: 'default', language: 'id' as const, parameters: [m.subject] };
    const template = this.templates[t.kind] ?? this.templates.default;
    // A template parameter may not hold new lines, tabs or more than four spaces in a row.
    const oneLine = (p: string) =>
      p
        .replace(/[\t\r\n]+/g, ' ')
        .replace(/ {4,}/g, '   ')
        .slice(0, 1000);
    return post(
      `${this.apiUrl.replace(/\/+$/, '')}/${this.phoneNumberId}/messages`,
      {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to,
        type: 'template',
        template: {
          name: template.name,
          language: { code: template.language[t.language] },
          components: [{ type: 'body', parameters: t.parameters.map((text) => ({ type: 'text', text: oneLine(text) })) }],
        },
      },
      this.token,
      'WhatsApp',
    );
  }
}

/** A generic HTTP SMS gateway: the configured JSON body with {to}, {text} and {reference} filled in. */
export class SmsChannel implements Channel {
  readonly via = 'sms';

  constructor(
    private readonly url: string,
    private readonly bodyTemplate: string,
    private readonly token: string | undefined,
  ) {
    // A template that is not JSON fails at boot, not at the first message.
    this.body('62', { subject: '', text: '' }, 'x');
  }

  private body(to: string, m: Message, reference: string): unknown {
    // Each value is put in as a JSON string's contents, so quotes and new lines in a message cannot break the body.
    const fill = (s: string) => JSON.stringify(s).slice(1, -1);
    const text = `${m.subject}: ${m.text}`;
    return JSON.parse(
      this.bodyTemplate.replace(/\{(to|text|reference)\}/g, (_, k: string) => fill(k === 'to' ? to : k === 'text' ? text : reference)),
    );
  }

  send(to: string, m: Message, reference: string): Promise<void> {
    return post(this.url, this.body(to, m, reference), this.token, 'SMS gateway');
  }
}

/** No channel configured (the demo): the message is written to the log instead of sent. */
export class LogChannel implements Channel {
  readonly via = 'log';
  private readonly logger = new Logger('Notices');

  async send(to: string, m: Message): Promise<void> {
    this.logger.log(`would send to ${to.replace(/^(.{3}).*(.{2})$/, '$1…$2')}: ${m.subject}\n${m.text}`);
  }
}

/** The channels this deployment has: e-mail by SMTP, phones by WhatsApp or else SMS; the log for what is not set up. */
export function channelsFrom(c: BerkasConfig): { email: Channel; phone: Channel } {
  const log = new LogChannel();
  const phone =
    c.WHATSAPP_PHONE_NUMBER_ID && c.WHATSAPP_TOKEN
      ? new WhatsAppChannel(
          c.WHATSAPP_API_URL,
          c.WHATSAPP_PHONE_NUMBER_ID,
          c.WHATSAPP_TOKEN,
          c.WHATSAPP_TEMPLATES ?? DEFAULT_WHATSAPP_TEMPLATES,
        )
      : c.SMS_URL
        ? new SmsChannel(c.SMS_URL, c.SMS_BODY, c.SMS_TOKEN)
        : log;
  return { email: c.SMTP_URL ? new SmtpChannel(c.SMTP_URL, c.SMTP_FROM) : log, phone };
}
