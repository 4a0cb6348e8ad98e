import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';

/** Words every demo certificate carries, so no reader can take it for a real one. */
export const DEMO_MARK = 'DEMO - BUKAN SERTIFIKAT ELEKTRONIK RESMI';

export interface DemoSigning {
  /** The signer's PKCS#12 (key and certificate, then the demo CA). */
  p12: string;
  passphrase: string;
  /** The demo CA's certificate (PEM): trust it to see the chain validate. */
  caPem: string;
}

function certificate(
  subject: forge.pki.CertificateField[],
  issuer: forge.pki.CertificateField[],
  publicPem: string,
  signingPem: string,
  ca: boolean,
): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicPem);
  cert.serialNumber = `01${randomBytes(15).toString('hex')}`;
  cert.validity.notBefore = new Date(Date.now() - 24 * 3600_000);
  cert.validity.notAfter = new Date(Date.now() + (ca ? 10 : 3) * 365 * 24 * 3600_000);
  cert.setSubject(subject);
  cert.setIssuer(issuer);
  cert.setExtensions(
    ca
      ? [
          { name: 'basicConstraints', cA: true, critical: true },
          { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
          { name: 'subjectKeyIdentifier' },
        ]
      : [
          { name: 'basicConstraints', cA: false },
          { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
          { name: 'subjectKeyIdentifier' },
        ],
  );
  cert.sign(forge.pki.privateKeyFromPem(signingPem), forge.md.sha256.create());
  return cert;
}

/**
 * The demo signing certificate `npm start` uses: made once in `dir` (owner-only
 * files) and reused. A demo CA issues a certificate to the signing official,
 * both named as a demo; the key pairs come from node:crypto, the X.509 and
 * PKCS#12 encoding from node-forge.
 */
export function ensureDemoSigning(dir: string, official: { name: string; nip: string; organisation: string }): DemoSigning {
  const p12 = join(dir, 'demo-signing.p12');
  const caPemPath = join(dir, 'demo-signing-ca.pem');
  const passphrase = 'berkas-demo';
  if (existsSync(p12) && existsSync(caPemPath)) return { p12, passphrase, caPem: readFileSync(caPemPath, 'utf8') };
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const pair = () =>
    generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
  const caKeys = pair();
  const signerKeys = pair();
  const caName = [
    { shortName: 'CN', value: `Berkas Demo CA (${DEMO_MARK})` },
    { shortName: 'O', value: official.organisation },
    { shortName: 'C', value: 'ID' },
  ];
  const signerName = [
    { shortName: 'CN', value: official.name },
    { type: '2.5.4.5', value: `NIP ${official.nip}` },
    { shortName: 'OU', value: DEMO_MARK },
    { shortName: 'O', value: official.organisation },
    { shortName: 'C', value: 'ID' },
  ];
  const caCert = certificate(caName, caName, caKeys.publicKey, caKeys.privateKey, true);
  const signerCert = certificate(signerName, caName, signerKeys.publicKey, caKeys.privateKey, false);
  const asn1 = forge.pkcs12.toPkcs12Asn1(forge.pki.privateKeyFromPem(signerKeys.privateKey), [signerCert, caCert], passphrase, {
    algorithm: 'aes256',
    friendlyName: official.name,
  });
  writeFileSync(p12, Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary'), { mode: 0o600 });
  const caPem = forge.pki.certificateToPem(caCert);
  writeFileSync(caPemPath, caPem, { mode: 0o600 });
  return { p12, passphrase, caPem };
}
