/**
 * The committed command table agrees with what each real server says today (COMMAND DOCS + COMMAND INFO): every
 * server's commands are in it with that server's `since`, and it claims no command for a server that lacks it.
 * A vendored build that is not built here is skipped with the reason (scripts/install-tools.sh builds it).
 */
import { describe, expect, it } from 'vitest';
import { readServerCommands } from '../../../scripts/gen-command-table';
import { commandOnServer, sinceOn } from '../../../src/core/commands/commandAvailability';
import { COMMAND_TABLE_SERVERS, allCommands, commandSpec } from '../../../src/core/commands/commandTable';
import { matrixServers } from '../../helpers/serverMatrix';

const REGENERATE = 'regenerate with `npx tsx scripts/gen-command-table.ts`';

describe('command table against the live servers', () => {
  for (const server of matrixServers()) {
    it(`agrees with COMMAND DOCS of ${server.label}`, async (context) => {
      if (!server.available) {
        const reason = `${server.label} not available: ${server.unavailableReason}`;
        console.warn(`command table check skipped: ${reason}`);
        context.skip(reason);
        return;
      }
      const tested = COMMAND_TABLE_SERVERS.find((entry) => entry.id === server.id);
      expect(tested, `the table has no column for ${server.id}; ${REGENERATE}`).toBeDefined();
      const live = await readServerCommands(server);
      expect(live.server.version, REGENERATE).toBe(tested!.version);
      const liveNames = Object.keys(live.commands);
      expect(liveNames.length).toBeGreaterThan(200);
      const wrong: string[] = [];
      for (const name of liveNames) {
        const spec = commandSpec(name);
        if (!spec) wrong.push(`${name}: missing from the table`);
        else if (sinceOn(spec, server.id) !== live.commands[name].since) wrong.push(`${name}: since ${sinceOn(spec, server.id) ?? '(absent)'} in the table, ${live.commands[name].since} on the server`);
      }
      // Module commands (RedisJSON) are in the table for hovers and key positions, claimed for no server.
      for (const spec of allCommands()) {
        if (!spec.module && commandOnServer(spec, server.id) && !live.commands[spec.name]) wrong.push(`${spec.name}: the table says ${server.id} has it, the server does not`);
      }
      // The spec shown is the first (oldest) server's that has the command: for those, it is this server's own.
      const index = COMMAND_TABLE_SERVERS.findIndex((entry) => entry.id === server.id);
      for (const name of liveNames) {
        const spec = commandSpec(name);
        if (!spec || COMMAND_TABLE_SERVERS.slice(0, index).some((earlier) => commandOnServer(spec, earlier.id))) continue;
        const { on: _on, documented, subcommands: _subcommands, since, ...shown } = spec;
        const { subcommands: _liveSubcommands, since: liveSince, ...own } = live.commands[name];
        if (JSON.stringify(shown) !== JSON.stringify(own)) wrong.push(`${name}: the table's docs/flags differ from ${server.label}'s`);
        if (!documented && since !== liveSince) wrong.push(`${name}: since ${since} in the table, ${liveSince} on ${server.label}`);
      }
      expect(wrong, REGENERATE).toEqual([]);
    });
  }
});
