import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import ipaddr from "ipaddr.js";
import { FetchError } from "./fetch-error.js";

/** One DNS answer. */
export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Turns a host name into addresses; injectable so tests can play DNS tricks without DNS. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export interface AddressGuardOptions {
  /** Let feeds reach loopback, private, link-local and similar addresses (tests, intranets). */
  allowPrivateNetworks?: boolean | undefined;
  /** Ports a feed may use; by default 80 and 443, or any port when private networks are allowed. */
  allowedPorts?: readonly number[] | "any" | undefined;
  resolve?: Resolver | undefined;
  /** Which resolved addresses count as public; tests use it to play a "public" server on 127.0.0.1. */
  isAllowedAddress?: ((address: string) => boolean) | undefined;
}

/** Decides, at connect time, which address a connection may go to. */
export interface AddressGuard {
  /** Resolves `hostname` and returns the address to connect to, or throws a `blocked-address` FetchError. */
  check(hostname: string, port: number): Promise<string>;
}

export const BLOCKED_MESSAGE = "that address is not allowed (private networks and unusual ports are refused)";

const defaultResolver: Resolver = (hostname) => lookup(hostname, { all: true, verbatim: true });

// IPv4-compatible IPv6 (::a.b.c.d) is deprecated and ipaddr.js calls it unicast; never a feed host.
const IPV4_COMPATIBLE = ipaddr.parseCIDR("::/96");

/**
 * True only for ordinary public unicast addresses. IPv4-mapped IPv6 is unwrapped first, so
 * `::ffff:127.0.0.1` counts as loopback; every special range (loopback, private, link-local with
 * the 169.254.169.254 metadata service, CGNAT, unique-local, unspecified, NAT64, 6to4, Teredo,
 * multicast, reserved) is refused.
 */
export function isPublicAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, "");
  if (!ipaddr.isValid(bare)) return false;
  const parsed = ipaddr.process(bare);
  if (parsed.kind() === "ipv6" && parsed.match(IPV4_COMPATIBLE)) return false;
  return parsed.range() === "unicast";
}

export function createAddressGuard(options: AddressGuardOptions = {}): AddressGuard {
  const allowPrivate = options.allowPrivateNetworks ?? false;
  const ports = options.allowedPorts ?? (allowPrivate ? "any" : [80, 443]);
  const resolve = options.resolve ?? defaultResolver;
  const allowed = options.isAllowedAddress ?? isPublicAddress;
  return {
    async check(hostname, port) {
      if (ports !== "any" && !ports.includes(port)) throw new FetchError("blocked-address", BLOCKED_MESSAGE);
      const host = hostname.replace(/^\[|\]$/g, "").replace(/\.$/, "");
      const answers = isIP(host) ? [{ address: host, family: isIP(host) }] : await resolve(host);
      if (answers.length === 0) throw Object.assign(new Error(`no address for ${host}`), { code: "ENOTFOUND" });
      // One private answer among public ones is enough to refuse: that is how rebinding starts.
      if (!allowPrivate && answers.some((answer) => !allowed(answer.address))) {
        throw new FetchError("blocked-address", BLOCKED_MESSAGE);
      }
      // IPv4 first, as dns.lookup would: many hosts publish AAAA records they do not serve on.
      return (answers.find((answer) => answer.family === 4) ?? answers[0]!).address;
    },
  };
}
