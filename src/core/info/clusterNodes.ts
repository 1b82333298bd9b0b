/** Parses CLUSTER NODES output into nodes with role, master link and slot ranges. */

export interface ClusterNodeInfo {
  id: string;
  /** "host:port" (the cluster bus port after "@" is dropped). */
  address: string;
  host: string;
  port: number;
  role: 'master' | 'replica';
  /** For replicas, the id of their master. */
  masterId?: string;
  /** Flags such as myself, fail, fail?, handshake, noaddr. */
  flags: string[];
  connected: boolean;
  /** Slot ranges as [first, last], inclusive. */
  slots: Array<[number, number]>;
}

export function parseClusterNodes(text: string): ClusterNodeInfo[] {
  const nodes: ClusterNodeInfo[] = [];
  for (const line of text.split(/\r?\n/)) {
    const fields = line.trim().split(' ');
    if (fields.length < 8) continue;
    const [id, addressField, flagField, master, , , , linkState, ...slotFields] = fields;
    const address = addressField.split('@')[0].split(',')[0];
    const colon = address.lastIndexOf(':');
    const flags = flagField.split(',');
    const slots: Array<[number, number]> = [];
    for (const slot of slotFields) {
      if (slot.startsWith('[')) continue; // importing/migrating markers
      const [first, last] = slot.split('-').map(Number);
      slots.push([first, last ?? first]);
    }
    nodes.push({
      id,
      address,
      host: address.slice(0, colon),
      port: Number(address.slice(colon + 1)),
      role: flags.includes('master') ? 'master' : 'replica',
      masterId: master === '-' ? undefined : master,
      flags: flags.filter((f) => f !== 'master' && f !== 'slave'),
      connected: linkState === 'connected',
      slots,
    });
  }
  return nodes.sort((a, b) => (a.role === b.role ? a.address.localeCompare(b.address) : a.role === 'master' ? -1 : 1));
}

/** "0-5460" or "0-100, 200-300"; "no slots" for replicas. */
export function formatSlots(slots: Array<[number, number]>): string {
  if (!slots.length) return 'no slots';
  return slots.map(([a, b]) => (a === b ? String(a) : `${a}-${b}`)).join(', ');
}

export function slotCount(slots: Array<[number, number]>): number {
  return slots.reduce((sum, [a, b]) => sum + b - a + 1, 0);
}
