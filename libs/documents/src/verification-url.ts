/**
 * The address a permit's QR code opens: the public site (PUBLIC_TRACKING_URL,
 * which production sets so every copy prints the same address), else the
 * origin the document was asked from.
 */
export function verificationUrl(publicBase: string | undefined, requestOrigin: string, code: string): string {
  return `${(publicBase ?? requestOrigin).replace(/\/+$/, '')}/verifikasi/${code}`;
}
