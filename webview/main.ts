/** Webview entry point (browser code); talks to the extension host only through src/shared/protocol. */
import { App } from './app';
import { HostBridge } from './host';
import { StateStore } from './state';

let app: App | undefined;
const host = new HostBridge({
  init: (message) => app?.init(message.connection, message.surface),
  openKey: (message) => app?.openKey(message.key),
  showTab: (message) => app?.showTabWhenReady(message.tab),
  analysisChanged: () => app?.refreshTab('analysis'),
});
const state = new StateStore(host);
app = new App(document.getElementById('app')!, host, state);
host.start();
