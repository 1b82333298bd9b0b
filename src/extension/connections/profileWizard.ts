/**
 * Guided add/edit of a connection profile with QuickPick/InputBox: start from a pasted URL or a topology,
 * then a menu of every field with its current value, and "Save" once the profile validates.
 */
import * as vscode from 'vscode';
import {
  DEFAULT_PORT,
  DEFAULT_SENTINEL_PORT,
  formatHostPort,
  newProfile,
  parseHostPort,
  type ConnectionProfile,
  type ConnectionSecrets,
  type HostPort,
  type Topology,
} from '../../core/connection/profile';
import { parseConnectionUrl } from '../../core/connection/url';
import { validateProfile } from '../../core/connection/validation';

/** Secrets as edited: undefined = unchanged, '' = remove. */
export type SecretEdits = { [K in keyof ConnectionSecrets]?: string };

export interface WizardResult {
  profile: ConnectionProfile;
  secrets: SecretEdits;
}

interface FieldItem extends vscode.QuickPickItem {
  run?: () => Promise<void>;
  save?: true;
}

async function input(title: string, prompt: string, value: string, validate?: (text: string) => string | undefined, password = false): Promise<string | undefined> {
  return vscode.window.showInputBox({ title, prompt, value, password, ignoreFocusOut: true, validateInput: (text) => validate?.(text) ?? undefined });
}

function addressList(text: string, defaultPort: number): HostPort[] | undefined {
  const parts = text.split(/[,\s]+/).filter(Boolean);
  const out = parts.map((p) => parseHostPort(p, defaultPort));
  return out.length && out.every(Boolean) ? (out as HostPort[]) : undefined;
}

async function pickFile(title: string): Promise<string | undefined> {
  const picked = await vscode.window.showOpenDialog({ title, canSelectMany: false, openLabel: 'Use this file', filters: { 'PEM files': ['pem', 'crt', 'key', 'cer'], 'All files': ['*'] } });
  return picked?.[0]?.fsPath;
}

/** Ask how to start a new profile; undefined when cancelled. */
export async function startNewProfile(id: string): Promise<WizardResult | undefined> {
  const choice = await vscode.window.showQuickPick(
    [
      { label: '$(link) Paste a URL…', description: 'redis://user:pass@host:6379/0, rediss://…, redis+sentinel://h1,h2/mymaster', value: 'url' },
      { label: '$(server) Standalone server', value: 'standalone' },
      { label: '$(shield) Sentinel', description: 'master name + sentinel addresses', value: 'sentinel' },
      { label: '$(server-environment) Cluster', description: 'one or more seed nodes', value: 'cluster' },
    ],
    { title: 'Redis: Add Connection', placeHolder: 'How do you want to connect?', ignoreFocusOut: true },
  );
  if (!choice) return undefined;
  if (choice.value === 'url') {
    let password: string | undefined;
    let fields: Partial<ConnectionProfile> = {};
    const url = await input('Redis: Add Connection', 'Paste a connection URL (the password is moved to secret storage)', '', (text) => {
      try {
        ({ fields, password } = parseConnectionUrl(text));
        return undefined;
      } catch (error) {
        return (error as Error).message;
      }
    });
    if (url === undefined) return undefined;
    ({ fields, password } = parseConnectionUrl(url));
    return editProfile({ profile: newProfile({ id, ...fields }), secrets: { password } }, 'Redis: Add Connection');
  }
  const topology = choice.value as Topology;
  const profile = newProfile({ id, topology });
  if (topology === 'sentinel') profile.sentinel = { addresses: [{ host: '127.0.0.1', port: DEFAULT_SENTINEL_PORT }], masterName: 'mymaster', tls: false };
  if (topology === 'cluster') profile.cluster = { seeds: [{ host: '127.0.0.1', port: DEFAULT_PORT }] };
  return editProfile({ profile, secrets: {} }, 'Redis: Add Connection');
}

/** The field menu; resolves with the edited profile on "Save", undefined when dismissed. */
export async function editProfile(start: WizardResult, title: string): Promise<WizardResult | undefined> {
  const profile: ConnectionProfile = structuredClone(start.profile);
  const secrets: SecretEdits = { ...start.secrets };
  const secretLabel = (which: keyof ConnectionSecrets, expected: boolean) =>
    secrets[which] === '' ? 'none' : secrets[which] !== undefined ? '•••• (changed)' : expected ? '•••• (stored)' : 'none';
  for (;;) {
    const items: FieldItem[] = [{ label: '$(check) Save', description: profile.name, save: true }];
    const field = (label: string, description: string, run: () => Promise<void>) => items.push({ label, description, run });
    const text = async (prompt: string, value: string, validate?: (t: string) => string | undefined) => input(title, prompt, value, validate);
    field('Name', profile.name, async () => {
      const value = await text('Connection name', profile.name, (t) => (t.trim() ? undefined : 'A name is required'));
      if (value !== undefined) profile.name = value.trim();
    });
    if (profile.topology === 'standalone') {
      field('Address', formatHostPort(profile), async () => {
        const value = await text('host:port', formatHostPort(profile), (t) => (parseHostPort(t, DEFAULT_PORT) ? undefined : 'Use host:port'));
        const parsed = value === undefined ? undefined : parseHostPort(value, DEFAULT_PORT);
        if (parsed) Object.assign(profile, parsed);
      });
    }
    if (profile.topology === 'sentinel') {
      const sentinel = (profile.sentinel ??= { addresses: [], masterName: '', tls: false });
      field('Sentinel addresses', sentinel.addresses.map(formatHostPort).join(', '), async () => {
        const value = await text('Sentinel addresses, comma separated (host:port)', sentinel.addresses.map(formatHostPort).join(', '), (t) => (addressList(t, DEFAULT_SENTINEL_PORT) ? undefined : 'Use host:port, host:port'));
        if (value !== undefined) sentinel.addresses = addressList(value, DEFAULT_SENTINEL_PORT)!;
      });
      field('Master name', sentinel.masterName, async () => {
        const value = await text('The master name Sentinel monitors', sentinel.masterName);
        if (value !== undefined) sentinel.masterName = value.trim();
      });
      field('Sentinel user', sentinel.username ?? '(none)', async () => {
        const value = await text('ACL user for the sentinels (empty for none)', sentinel.username ?? '');
        if (value !== undefined) sentinel.username = value.trim() || undefined;
      });
      field('Sentinel password', secretLabel('sentinelPassword', profile.sentinelPasswordExpected), async () => {
        const value = await input(title, 'Sentinel password (empty for none); kept in secret storage', '', undefined, true);
        if (value !== undefined) {
          secrets.sentinelPassword = value;
          profile.sentinelPasswordExpected = value !== '';
        }
      });
      field('TLS to sentinels', sentinel.tls ? 'on' : 'off', async () => {
        sentinel.tls = !sentinel.tls;
      });
    }
    if (profile.topology === 'cluster') {
      const cluster = (profile.cluster ??= { seeds: [] });
      field('Seed nodes', cluster.seeds.map(formatHostPort).join(', '), async () => {
        const value = await text('Cluster nodes to start from, comma separated', cluster.seeds.map(formatHostPort).join(', '), (t) => (addressList(t, DEFAULT_PORT) ? undefined : 'Use host:port, host:port'));
        if (value !== undefined) cluster.seeds = addressList(value, DEFAULT_PORT)!;
      });
      const natText = Object.entries(cluster.natMap ?? {}).map(([from, to]) => `${from}=${formatHostPort(to)}`).join(', ');
      field('NAT mapping', natText || '(none)', async () => {
        const value = await text('announced=reachable pairs, e.g. 10.0.0.5:6379=localhost:7000 (empty for none)', natText, (t) =>
          t.split(',').filter((p) => p.trim()).every((p) => /^\s*[^=\s]+:\d+\s*=\s*[^=\s]+:\d+\s*$/.test(p)) ? undefined : 'Use host:port=host:port pairs');
        if (value === undefined) return;
        const pairs = value.split(',').filter((p) => p.trim()).map((p) => p.split('=').map((s) => s.trim()));
        cluster.natMap = pairs.length ? Object.fromEntries(pairs.map(([from, to]) => [from, parseHostPort(to, DEFAULT_PORT)!])) : undefined;
      });
    }
    field('User name', profile.username ?? '(default)', async () => {
      const value = await text('ACL user name (empty for the default user)', profile.username ?? '');
      if (value !== undefined) profile.username = value.trim() || undefined;
    });
    field('Password', secretLabel('password', profile.passwordExpected), async () => {
      const value = await input(title, 'Password (empty for none); kept in secret storage, never in settings', '', undefined, true);
      if (value !== undefined) {
        secrets.password = value;
        profile.passwordExpected = value !== '';
      }
    });
    if (profile.topology !== 'cluster') {
      field('Database', String(profile.db), async () => {
        const value = await text('Logical database number', String(profile.db), (t) => (/^\d+$/.test(t.trim()) ? undefined : 'A number ≥ 0'));
        if (value !== undefined) profile.db = Number(value);
      });
    }
    field('TLS', profile.tls ? `on${profile.tls.verify ? '' : ' (not verified)'}` : 'off', async () => {
      profile.tls = profile.tls ? undefined : { verify: true };
    });
    if (profile.tls) {
      const tls = profile.tls;
      field('  CA certificate', tls.caFile ?? '(system CAs)', async () => {
        tls.caFile = (await pickFile('CA certificate (PEM)')) ?? tls.caFile;
      });
      field('  Client certificate', tls.certFile ?? '(none)', async () => {
        tls.certFile = (await pickFile('Client certificate (PEM)')) ?? tls.certFile;
      });
      field('  Client key', tls.keyFile ?? '(none)', async () => {
        tls.keyFile = (await pickFile('Client private key (PEM)')) ?? tls.keyFile;
      });
      field('  Server name (SNI)', tls.servername ?? '(host)', async () => {
        const value = await text('Name in the server certificate, when it differs from the host (empty for the host)', tls.servername ?? '');
        if (value !== undefined) tls.servername = value.trim() || undefined;
      });
      field('  Verify certificate', tls.verify ? 'yes' : 'no (insecure)', async () => {
        tls.verify = !tls.verify;
      });
    }
    field('Read-only', profile.readOnly ? 'yes: writes and dangerous commands are refused' : 'no', async () => {
      profile.readOnly = !profile.readOnly;
    });
    field('Key delimiters', profile.delimiters.join(' '), async () => {
      const value = await text('Namespace delimiters, separated by spaces (e.g. ": /")', profile.delimiters.join(' '), (t) => (t.trim() ? undefined : 'At least one'));
      if (value !== undefined) profile.delimiters = value.split(/\s+/).filter(Boolean);
    });
    for (const [key, label] of [['connectTimeoutMs', 'Connect timeout (ms)'], ['commandTimeoutMs', 'Command timeout (ms)']] as const) {
      field(label, String(profile[key]), async () => {
        const value = await text(label, String(profile[key]), (t) => (/^\d+$/.test(t) && Number(t) >= 100 ? undefined : 'Milliseconds ≥ 100'));
        if (value !== undefined) profile[key] = Number(value);
      });
    }
    const picked = await vscode.window.showQuickPick(items, { title, placeHolder: 'Pick a field to change, then Save', ignoreFocusOut: true });
    if (!picked) return undefined;
    if (picked.save) {
      const problems = validateProfile(profile);
      if (!problems.length) return { profile, secrets };
      void vscode.window.showErrorMessage(`Cannot save yet: ${problems.map((p) => p.message).join('; ')}`);
      continue;
    }
    await picked.run?.();
  }
}
