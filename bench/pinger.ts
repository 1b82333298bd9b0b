/** The latency probe both memory-analysis benches run beside the server: a child process that PINGs. */

/**
 * Source of a child process that PINGs every millisecond over a raw socket (Nagle off) and prints p50/p99/max
 * latencies as JSON when its stdin closes.
 */
export const PINGER = `
const net = require('net');
const socket = net.connect(Number(process.argv[1]), '127.0.0.1');
socket.setNoDelay(true);
const latencies = [];
let sentAt = 0;
function send() { sentAt = process.hrtime.bigint(); socket.write('PING\\r\\n'); }
socket.on('connect', send);
socket.on('error', () => process.exit(0));
socket.on('data', () => { latencies.push(Number(process.hrtime.bigint() - sentAt) / 1e6); setTimeout(send, 1); });
process.stdin.on('data', () => {});
process.stdin.on('end', () => {
  latencies.sort((a, b) => a - b);
  const at = (p) => latencies[Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1)] || 0;
  process.stdout.write(JSON.stringify({ count: latencies.length, p50: at(0.5), p99: at(0.99), max: latencies[latencies.length - 1] || 0 }));
  process.exit(0);
});`;

export interface PingStats {
  count: number;
  p50: number;
  p99: number;
  max: number;
}
