/**
 * Receivers that may be a Redis Cluster although the tracker resolved them to a standalone client: a
 * parameter or field typed as a union of both (`RedisClientType | RedisClusterType`, `Redis | Cluster`,
 * `Union[Redis, RedisCluster]`), or a binding the file assigns a cluster client to in one branch. Read from the
 * declaration's type text in the source and from the file's creations.
 */
import type { FileModel, RedisCallSite } from '../../analysis/model';
import { escapeRegExp } from '../../analysis/keyReferences';

const CLUSTER_TYPE = /\b(RedisClusterType|RedisCluster|Cluster|ClusterClient|RedisClusterClient)\b/;

/** The type annotation that starts at `offset`, up to the `,` `)` `=` `;` or line end that closes it. */
function typeTextAt(text: string, offset: number): string {
  let depth = 0;
  for (let i = offset; i < Math.min(text.length, offset + 300); i++) {
    const char = text[i];
    if (char === '[' || char === '<' || char === '(' || char === '{') depth++;
    else if (char === ']' || char === '>' || char === ')' || char === '}') {
      if (depth === 0) return text.slice(offset, i);
      depth--;
    } else if (depth === 0 && (char === ',' || char === '=' || char === ';' || char === '\n')) return text.slice(offset, i);
  }
  return text.slice(offset, offset + 300);
}

/** Type text declared for the receiver: a parameter of the enclosing function, or a class field for this.x/self.x. */
export function declaredReceiverType(model: FileModel, site: RedisCallSite): string | undefined {
  const receiver = site.receiver.text;
  const text = model.text;
  const field = /^(?:this|self)\.([A-Za-z_$][\w$]*)$/.exec(receiver);
  if (field) {
    const declaration = new RegExp(`(?:^|[\\s(,])(?:(?:private|public|protected|readonly|static|declare)\\s+)*${escapeRegExp(field[1])}\\s*[?!]?\\s*:\\s*`, 'gm');
    for (const match of text.matchAll(declaration)) {
      const type = typeTextAt(text, match.index! + match[0].length);
      if (type.trim()) return type;
    }
    return undefined;
  }
  if (!/^[A-Za-z_$][\w$]*$/.test(receiver) || !site.enclosingFunction) return undefined;
  const { startOffset } = site.enclosingFunction.span;
  const head = text.slice(startOffset, Math.min(site.callSpan.startOffset, startOffset + 2000));
  const parameter = new RegExp(`(?:^|[\\s(,])${escapeRegExp(receiver)}\\s*\\??\\s*:\\s*`).exec(head);
  return parameter ? typeTextAt(head, parameter.index + parameter[0].length) : undefined;
}

/** The receiver is declared with a type that admits a Cluster client (alone or in a union). */
export function mayBeCluster(model: FileModel, site: RedisCallSite): boolean {
  if (site.receiver.kind === 'cluster') return true;
  if (site.receiver.kind !== 'client') return false;
  // `this.client = config.cluster ? new Redis.Cluster(nodes) : new Redis(url)`: one binding, either kind.
  if (model.creations.some((creation) => creation.kind === 'cluster' && creation.binding === site.receiver.text)) return true;
  const type = declaredReceiverType(model, site);
  return !!type && CLUSTER_TYPE.test(type);
}
