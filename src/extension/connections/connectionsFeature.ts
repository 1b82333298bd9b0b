/** The Connections feature: profile store, live connections, the Connections tree and its commands; provides services.connections. */
import * as vscode from 'vscode';
import type { Feature } from '../feature';
import { registerConnectionCommands } from './connectionCommands';
import { ConnectionManager } from './connectionManager';
import { ConnectionsTreeProvider } from './connectionsTree';
import { registerKeyCommands } from './keyCommands';
import { ProfileStore } from './profileStore';
import type { TreeElement } from './treeElements';

export const connectionsFeature: Feature = {
  name: 'Connections',
  activate(context, services) {
    const store = new ProfileStore(context, services.output);
    const manager = new ConnectionManager(store, services.output);
    const tree = new ConnectionsTreeProvider(manager);
    const view = vscode.window.createTreeView<TreeElement>('redisReview.connections', { treeDataProvider: tree, showCollapseAll: true });
    const ctx = { store, manager, tree, log: services.output };
    context.subscriptions.push(
      store,
      tree,
      view,
      store.onDidChange(() => tree.refresh()),
      view.onDidChangeSelection((event) => {
        const selected = event.selection[0];
        if (selected) manager.setActive(selected.connectionId);
      }),
      ...registerConnectionCommands(ctx),
      ...registerKeyCommands(ctx),
      // Closing the sessions on deactivate quits every client (extension-lifetime scope).
      { dispose: () => void manager.dispose() },
    );
    manager.treeProvider = tree as vscode.TreeDataProvider<unknown>;
    services.connections = manager;
  },
};
