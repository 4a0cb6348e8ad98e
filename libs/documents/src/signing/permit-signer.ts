import { readFileSync } from 'node:fs';
import { certificateFacts, cadesDetached, identityFromPkcs12, type CertificateFacts, type SigningIdentity } from './cades.js';
import { padesSign, type SignatureDictionary } from './pades.js';

/** The official a signer signs as, printed on the document before it is signed. */
export interface SigningOfficial {
  name: string;
  nip: string;
  title: string;
  /** A demo certificate: the document says so, loudly. */
  demo: boolean;
}

/** A PDF signed inside (PAdES), and the certificate it was signed with. */
export interface SignedPdf {
  bytes: Buffer;
  certificate: CertificateFacts;
}

/**
 * Who signs permits and how: the port behind the signing desk. The local
 * adapter holds a PKCS#12 from configuration; a remote one calls a signing
 * service (BSrE-style) with the official's credentials.
 */
export interface PermitSigner {
  official(): SigningOfficial;
  sign(pdf: Buffer, dictionary: Omit<SignatureDictionary, 'name'>): Promise<SignedPdf>;
}

/** Signs with a PKCS#12 file (key and certificate chain) read once, on first use. */
export class LocalPkcs12Signer implements PermitSigner {
  private identity: Promise<SigningIdentity> | undefined;

  constructor(
    private readonly p12Path: string,
    private readonly passphrase: string,
    private readonly signingOfficial: SigningOfficial,
  ) {}

  official(): SigningOfficial {
    return this.signingOfficial;
  }

  async sign(pdf: Buffer, dictionary: Omit<SignatureDictionary, 'name'>): Promise<SignedPdf> {
    // Reading a PKCS#12 runs its key derivation (a few hundred ms): once per process.
    this.identity ??= identityFromPkcs12(readFileSync(this.p12Path), this.passphrase).catch((e: unknown) => {
      this.identity = undefined;
      throw e;
    });
    const identity = await this.identity;
    const bytes = await padesSign(pdf, { ...dictionary, name: this.signingOfficial.name }, (signed) => cadesDetached(signed, identity));
    return { bytes, certificate: certificateFacts(identity.chain[0]) };
  }
}
