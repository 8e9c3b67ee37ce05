/**
 * True when `hostname` (as `URL.hostname` gives it) can only reach this machine. Plain `http` is allowed
 * only there: tokens must never cross a network in clear text.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
  const ipv4 = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host.replace(/^::ffff:/, ''));
  return ipv4?.slice(1).every((part) => Number(part) <= 255) ?? false;
}
