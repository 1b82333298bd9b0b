/**
 * Where profiles live: the user's own in globalState, shared ones from the `redisReview.connections` setting,
 * and passwords only in SecretStorage (never in settings, global state or logs).
 */
import * as vscode from 'vscode';
import type { ConnectionProfile, ConnectionSecrets } from '../../core/connection/profile';
import { profilesFromSettings } from '../../core/connection/settingsProfile';

const STATE_KEY = 'redisReview.connectionProfiles.v1';
const SECRET_PREFIX = 'redisReview.connection.';

export interface StoredProfile extends ConnectionProfile {
  /** "user" profiles are editable here; "settings" ones come from settings.json. */
  source: 'user' | 'settings';
}

export class ProfileStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private settingsProblems: string[] = [];
  private readonly subscription: vscode.Disposable;
  /** The merged list, rebuilt after any change (the tree asks for profiles once per item). */
  private cache?: StoredProfile[];

  constructor(private readonly context: vscode.ExtensionContext, private readonly log: vscode.LogOutputChannel) {
    this.subscription = vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('redisReview.connections')) this.fireChanged();
    });
  }

  private fireChanged(): void {
    this.cache = undefined;
    this.changed.fire();
  }

  list(): StoredProfile[] {
    this.cache ??= this.load();
    return this.cache;
  }

  private load(): StoredProfile[] {
    const user = this.context.globalState.get<ConnectionProfile[]>(STATE_KEY, []).map((p) => ({ ...p, source: 'user' as const }));
    const fromSettings = profilesFromSettings(vscode.workspace.getConfiguration('redisReview').get('connections'));
    const problems = fromSettings.problems.join('\n');
    if (problems && problems !== this.settingsProblems.join('\n')) for (const problem of fromSettings.problems) this.log.warn(problem);
    this.settingsProblems = fromSettings.problems;
    const userIds = new Set(user.map((p) => p.id));
    return [...user, ...fromSettings.profiles.filter((p) => !userIds.has(p.id)).map((p) => ({ ...p, source: 'settings' as const }))];
  }

  get(id: string): StoredProfile | undefined {
    return this.list().find((p) => p.id === id);
  }

  /** Save a user profile (a settings profile saved here becomes a user copy that shadows it). */
  async save(profile: ConnectionProfile): Promise<void> {
    const { source: _source, ...plain } = profile as StoredProfile;
    const user = this.context.globalState.get<ConnectionProfile[]>(STATE_KEY, []);
    const index = user.findIndex((p) => p.id === plain.id);
    if (index >= 0) user[index] = plain;
    else user.push(plain);
    await this.context.globalState.update(STATE_KEY, user);
    this.fireChanged();
  }

  async remove(id: string): Promise<void> {
    const user = this.context.globalState.get<ConnectionProfile[]>(STATE_KEY, []);
    await this.context.globalState.update(STATE_KEY, user.filter((p) => p.id !== id));
    await this.context.secrets.delete(`${SECRET_PREFIX}${id}.password`);
    await this.context.secrets.delete(`${SECRET_PREFIX}${id}.sentinelPassword`);
    this.fireChanged();
  }

  async secrets(id: string): Promise<ConnectionSecrets> {
    return {
      password: await this.context.secrets.get(`${SECRET_PREFIX}${id}.password`),
      sentinelPassword: await this.context.secrets.get(`${SECRET_PREFIX}${id}.sentinelPassword`),
    };
  }

  async storeSecret(id: string, which: keyof ConnectionSecrets, value: string | undefined): Promise<void> {
    const key = `${SECRET_PREFIX}${id}.${which}`;
    if (value === undefined || value === '') await this.context.secrets.delete(key);
    else await this.context.secrets.store(key, value);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
