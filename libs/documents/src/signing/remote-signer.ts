import { BadGatewayException } from '@nestjs/common';
import { extractSignature } from '@signpdf/utils';
import * as pkijs from 'pkijs';
import { certificateFacts } from './cades.js';
import type { SignatureDictionary } from './pades.js';
import type { PermitSigner, SignedPdf, SigningOfficial } from './permit-signer.js';

/** A signing service that said no (wrong passphrase, certificate revoked, unreachable): nothing is signed or recorded. HTTP 502. */
export class SigningFailed extends BadGatewayException {
  constructor(
    readonly reason: string,
    /** What the service answered (none when it could not be reached). */
    readonly serviceStatus?: number,
  ) {
    super(`Layanan tanda tangan elektronik tidak menandatangani / The signing service did not sign: ${reason}`);
    this.name = 'SigningFailed';
  }
}

export interface RemoteSignerOptions {
  /** The service's base address: `POST <url>/api/v2/sign/pdf`. */
  url: string;
  /** The client's credentials at the service (HTTP Basic). */
  clientId: string;
  clientSecret: string;
  /** The official's identity at the service (NIK) and the passphrase that unlocks their certificate. */
  nik: string;
  passphrase: string;
  official: SigningOfficial;
  timeoutMs?: number;
}

/**
 * Signs through a remote signing service in the manner of BSrE's (Balai
 * Sertifikasi Elektronik) e-sign API: the PDF goes as base64 with the
 * official's NIK and passphrase, an invisible PAdES signature comes back. The
 * certificate facts are read from the returned signature itself, so the event
 * says what the file carries, not what was asked for.
 */
export class RemoteSigner implements PermitSigner {
  constructor(private readonly o: RemoteSignerOptions) {}

  official(): SigningOfficial {
    return this.o.official;
  }

  async sign(pdf: Buffer, dictionary: Omit<SignatureDictionary, 'name'>): Promise<SignedPdf> {
    let res: Response;
    try {
      res = await fetch(`${this.o.url.replace(/\/+$/, '')}/api/v2/sign/pdf`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Basic ${Buffer.from(`${this.o.clientId}:${this.o.clientSecret}`).toString('base64')}`,
        },
        body: JSON.stringify({
          nik: this.o.nik,
          passphrase: this.o.passphrase,
          signatureProperties: [{ tampilan: 'INVISIBLE', reason: dictionary.reason, location: dictionary.location }],
          file: [pdf.toString('base64')],
        }),
        signal: AbortSignal.timeout(this.o.timeoutMs ?? 30_000),
      });
    } catch (e) {
      throw new SigningFailed(`The signing service cannot be reached: ${(e as Error).message}`);
    }
    const answer = (await res.json().catch(() => ({}))) as { file?: string[]; error?: string };
    if (!res.ok || !answer.file?.[0]) throw new SigningFailed(answer.error ?? `The signing service answered ${res.status}`, res.status);
    const bytes = Buffer.from(answer.file[0], 'base64');
    return { bytes, certificate: certificateFacts(signerCertificate(bytes)) };
  }
}

/** The signer's certificate inside a signed PDF's CMS (the one its SignerInfo names). */
function signerCertificate(pdf: Buffer): Buffer {
  const { signature } = extractSignature(pdf) as { signature: string };
  const cms = pkijs.ContentInfo.fromBER(new Uint8Array(Buffer.from(signature, 'binary')));
  const signed = new pkijs.SignedData({ schema: cms.content });
  const sid = signed.signerInfos[0]?.sid;
  const certs = (signed.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
  const mine =
    certs.find(
      (c) => sid instanceof pkijs.IssuerAndSerialNumber && c.serialNumber.isEqual(sid.serialNumber) && c.issuer.isEqual(sid.issuer),
    ) ?? certs[0];
  if (!mine) throw new SigningFailed('The signed file carries no certificate');
  return Buffer.from(mine.toSchema().toBER(false));
}
