import { createHash, createPrivateKey, webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import forge from 'node-forge';
import * as pkijs from 'pkijs';

// CMS for PAdES: a detached CAdES signature (ETSI EN 319 122-1 baseline B) over the PDF's signed byte ranges.

pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as Crypto }));

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
} as const;

/** A private key and its certificate chain (the signer's first), ready to sign. */
export interface SigningIdentity {
  key: webcrypto.CryptoKey;
  /** DER, the signer's certificate first, then its issuers. */
  chain: Buffer[];
}

/** What a signature says about its signer, for the event and the verification page. */
export interface CertificateFacts {
  subject: string;
  issuer: string;
  serialNumber: string;
  /** SHA-256 of the certificate's DER, hex. */
  sha256: string;
  notBefore: string;
  notAfter: string;
}

/** Reads a PKCS#12 file (.p12/.pfx) into a signing identity: the key and the certificate that matches it, then the others. */
export async function identityFromPkcs12(p12: Buffer, passphrase: string): Promise<SigningIdentity> {
  const parsed = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer(p12.toString('binary'))), false, passphrase);
  const keyBag =
    parsed.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag]?.[0] ??
    parsed.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag]?.[0];
  const key = keyBag?.key as forge.pki.rsa.PrivateKey | undefined;
  if (!key) throw new Error('The PKCS#12 file holds no private key');
  const certs = (parsed.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? []).map((b) => b.cert!).filter(Boolean);
  const mine = certs.find((c) => (c.publicKey as forge.pki.rsa.PublicKey).n.equals(key.n));
  if (!mine) throw new Error('The PKCS#12 file holds no certificate for its private key');
  const der = (c: forge.pki.Certificate) => Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(c)).getBytes(), 'binary');
  const pkcs8 = new Uint8Array(createPrivateKey(forge.pki.privateKeyToPem(key)).export({ type: 'pkcs8', format: 'der' }));
  return {
    key: await webcrypto.subtle.importKey('pkcs8', pkcs8, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']),
    chain: [der(mine), ...certs.filter((c) => c !== mine).map(der)],
  };
}

/** The facts of a DER certificate. */
export function certificateFacts(der: Buffer): CertificateFacts {
  const c = pkijs.Certificate.fromBER(new Uint8Array(der));
  const name = (n: pkijs.RelativeDistinguishedNames) =>
    n.typesAndValues.map((tv) => `${SHORT[tv.type] ?? tv.type}=${String(tv.value.valueBlock.value)}`).join(', ');
  return {
    subject: name(c.subject),
    issuer: name(c.issuer),
    serialNumber: Buffer.from(c.serialNumber.valueBlock.valueHexView).toString('hex'),
    sha256: createHash('sha256').update(der).digest('hex'),
    notBefore: c.notBefore.value.toISOString(),
    notAfter: c.notAfter.value.toISOString(),
  };
}

const SHORT: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.5': 'serialNumber',
  '2.5.4.12': 'title',
};

/**
 * A detached CMS SignedData over `content` (the PDF's byte ranges): SHA-256,
 * RSA PKCS#1 v1.5, signed attributes content-type, message-digest and
 * signing-certificate-v2 (the ESS attribute PAdES requires; no signing-time
 * attribute, the PDF's /M says when), and the certificate chain.
 */
export async function cadesDetached(content: Buffer, id: SigningIdentity): Promise<Buffer> {
  const certificates = id.chain.map((der) => pkijs.Certificate.fromBER(new Uint8Array(der)));
  const signer = certificates[0];
  const sha256 = (b: Buffer) => new Uint8Array(createHash('sha256').update(b).digest());
  // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }; ESSCertIDv2 ::= SEQUENCE { certHash } (SHA-256 is the default).
  const essCertV2 = new asn1js.Sequence({
    value: [new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: sha256(id.chain[0]) })] })] })],
  });
  const signedData = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    certificates,
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: signer.issuer, serialNumber: signer.serialNumber }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({
          type: 0,
          attributes: [
            new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.data })] }),
            new pkijs.Attribute({ type: OID.messageDigest, values: [new asn1js.OctetString({ valueHex: sha256(content) })] }),
            new pkijs.Attribute({ type: OID.signingCertificateV2, values: [essCertV2] }),
          ],
        }),
      }),
    ],
  });
  await signedData.sign(id.key, 0, 'SHA-256');
  const cms = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  return Buffer.from(cms.toSchema().toBER(false));
}
