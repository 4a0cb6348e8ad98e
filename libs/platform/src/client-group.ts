import { isIPv4, isIPv6 } from 'node:net';

/** How much of an IPv6 address one client holds: a /64 is what an ISP gives a single line. */
export const IPV6_CLIENT_PREFIX = 64;

/**
 * The key every per-client limit counts by (the throttler's routes, the public
 * fast path, officer logins): an IPv4 address as it is (an IPv4-mapped IPv6
 * address as its IPv4), an IPv6 address by its /64, since one line owns
 * 2^64 addresses and could otherwise vary them to escape any limit.
 */
export function clientGroup(address: string | undefined): string {
  if (!address) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  if (isIPv4(address)) return address;
  if (!isIPv6(address)) return address;
  const [head, tail = ''] = address.split('%')[0].split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups
    .slice(0, IPV6_CLIENT_PREFIX / 16)
    .map((g) => parseInt(g, 16).toString(16))
    .join(':')}::/${IPV6_CLIENT_PREFIX}`;
}
