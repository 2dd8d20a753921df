import { BlockList, isIPv4, isIPv6 } from 'node:net';

/**
 * Which peers may open an MLLP connection: IPs and CIDR ranges, e.g. "127.0.0.1,::1,10.20.0.0/16". An empty list
 * allows everyone (only sensible behind a firewall or with TLS client certificates).
 */
export function peerAllowList(entries: readonly string[]): (address: string | undefined) => boolean {
  if (entries.length === 0) return () => true;
  const list = new BlockList();
  for (const raw of entries) {
    const [ip, bits] = raw.trim().split('/');
    if (!ip) continue;
    const type = isIPv4(ip) ? 'ipv4' : isIPv6(ip) ? 'ipv6' : undefined;
    if (!type) throw new Error(`"${raw}" is not an IP address or CIDR range`);
    if (bits === undefined) list.addAddress(ip, type);
    else list.addSubnet(ip, Number(bits), type);
  }
  return (address) => {
    if (!address) return false;
    // a dual-stack server reports IPv4 peers as ::ffff:a.b.c.d
    const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
    if (isIPv4(v4)) return list.check(v4, 'ipv4');
    return isIPv6(address) && list.check(address, 'ipv6');
  };
}
