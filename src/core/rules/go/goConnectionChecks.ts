/** Go checks of redigo connection handling: dials without read/write timeouts, connections taken and never given back. */
import type { RuleContext } from '../rule';

/** One-shot programs (a demo's or tool's `main`) are not request paths, unless they serve HTTP. */
function servesRequests(text: string): boolean {
  return /\bhttp\.(ListenAndServe|HandleFunc|Handle)\b|\.Run\(\s*("|:)|\bgrpc\.NewServer\(|\becho\.New\(|\bgin\.(Default|New)\(|\bfiber\.New\(/.test(text);
}

export function goDialWithoutTimeouts(context: RuleContext): void {
  const { model } = context;
  const serving = servesRequests(model.text);
  for (const dial of model.go?.dials ?? []) {
    if ((dial.hasReadTimeout && dial.hasWriteTimeout) || dial.optionsFromCaller) continue;
    if (dial.inMain && !serving) continue;
    const missing = !dial.hasReadTimeout && !dial.hasWriteTimeout ? 'read and write timeouts' : !dial.hasReadTimeout ? 'a read timeout' : 'a write timeout';
    context.report({
      messageId: 'dial',
      data: { factory: `redis.${dial.factory}`, missing, where: dial.inPoolDial ? ' for the pool' : '' },
      span: dial.span,
    });
  }
}

export function goConnectionNotReturned(context: RuleContext): void {
  for (const take of context.model.go?.connectionTakes ?? []) {
    if (take.handedOver) continue;
    const closed = take.deferredClose || take.plainClose;
    if (closed && !take.returnBeforeDefer) continue;
    context.report({
      messageId: take.factory.startsWith('Dial') ? 'Dialled connection {{name}} is never closed{{path}}: each call leaks a socket; `defer {{name}}.Close()` right after the error check.' : '{{name}} := pool.{{factory}}() is not given back to the pool{{path}}: the pool runs dry after MaxActive leaks (or grows without bound); `defer {{name}}.Close()` right after Get().',
      data: { name: take.name, factory: take.factory, path: closed ? ' on the path that returns before the deferred Close' : '' },
      span: take.span,
    });
  }
}
