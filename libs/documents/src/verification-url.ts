/**
 * The address a permit's QR code opens: the public site (PUBLIC_TRACKING_URL,
 * which production sets so every copy prints the same address), else the
 * origin the document was asked from; `tenantPath` is where the MPP's pages live on it ('' for the home tenant,
 * `/kota-denpasar` for another).
 */
export function verificationUrl(publicBase: string | undefined, requestOrigin: string, code: string, tenantPath = ''): string {
  return `${(publicBase ?? requestOrigin).replace(/\/+$/, '')}${tenantPath}/verifikasi/${code}`;
}
