// Answers scripts/test-all.sh about the integration tests' server matrix (test/helpers/serverMatrix.ts).
// Usage: tsx scripts/serverMatrix.ts suites        the test files and folders that run on every server, one a line
//        tsx scripts/serverMatrix.ts check <id>    exit 0 when the server is built here; else print why, exit 3
//        tsx scripts/serverMatrix.ts ids           the ids beyond Debian's Redis 7.0, one a line
import { MATRIX_SUITES, matrixServer, matrixServers } from '../test/helpers/serverMatrix';

const [command, id] = process.argv.slice(2);
if (command === 'suites') {
  console.log(MATRIX_SUITES.join('\n'));
} else if (command === 'ids') {
  console.log(matrixServers().slice(1).map((server) => server.id).join('\n'));
} else if (command === 'check' && id) {
  const server = matrixServer(id);
  if (!server.available) {
    console.log(server.unavailableReason);
    process.exit(3);
  }
  console.log(`${server.label}: ${server.server}`);
} else {
  console.error('usage: tsx scripts/serverMatrix.ts suites | ids | check <redis-7.0|redis-7.4|valkey-8>');
  process.exit(2);
}
