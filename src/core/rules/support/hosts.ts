/** Host classification for connection rules: loopback, private networks and service names are local. */

export function isLocalHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (!h || h === 'localhost' || h === '::1' || h === '0.0.0.0' || h.startsWith('127.')) return true;
  if (!h.includes('.') && !h.includes(':')) return true; // docker/k8s service names ("redis", "cache")
  if (/^10\.|^192\.168\.|^172\.(1[6-9]|2\d|3[01])\.|^169\.254\./.test(h)) return true;
  return /\.(local|internal|localhost|svc|cluster\.local|lan|home\.arpa)$/.test(h);
}

/** Host of a redis:// URL, when the URL is a literal. */
export function urlHost(url: string): string | undefined {
  const match = /^rediss?:\/\/(?:[^@/]*@)?(\[[^\]]+\]|[^:/?#]+)/i.exec(url);
  return match?.[1];
}

/** Password in a redis:// URL's user info (`redis://user:pw@host`, `redis://:pw@host`). */
export function urlPassword(url: string): string | undefined {
  const match = /^rediss?:\/\/([^:@/]*):([^@/]+)@/i.exec(url);
  return match?.[2];
}
