/**
 * An open-loop HTTP load client for the benchmarks (bench:ankang, issue 15), run as its own process
 * so that its CPU is not the server's and the server's is not its own.
 *
 * Open loop: request i is due at start + i / rate, whether or not earlier requests have been
 * answered, and its latency is measured from that due time, not from when it could be sent. A
 * server that stalls therefore shows the stall in every request scheduled meanwhile (no
 * "coordinated omission", the closed-loop client's blind spot: 100 clients that wait for their
 * replies send less while the server is slow, and the slow moments are under-counted).
 *
 * Minimal work per request: the raw HTTP/1.1 bytes of every request are built before the clock
 * starts; keep-alive sockets from a fixed pool; the reply is parsed only as far as its status line
 * and Content-Length. A request due while every socket is busy waits for the first free one (its
 * wait counts in its latency). A request whose connection broke is sent again on a new connection
 * (as a phone would; the server's unique key makes that safe), and counted.
 *
 *   node scripts/bench/open-loop-client.mjs JOB.json   (JOB: { host, port, rate, connections, requests: [{ path, token, body }] })
 *   prints one JSON line: { sent, elapsedS, offeredRate, achievedRate, latencyMs: {p50,p95,p99,max},
 *   sendLagMs (due → written to a socket, a wait for a free connection included), timerLateMs (due → taken
 *   up by the schedule's timer: the client's own lateness), statuses, resent, clientCpuMs, clientCpuShare }
 */
import { readFileSync } from "node:fs";
import net from "node:net";

const job = JSON.parse(readFileSync(process.argv[2], "utf8"));
const { host, port, rate, connections } = job;
const raw = job.requests.map(({ path, token, body }) => Buffer.from(
  `POST ${path} HTTP/1.1\r\nHost: ${host}:${port}\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: keep-alive\r\n\r\n${body}`,
));
const total = raw.length;
const due = new Float64Array(total);
const sentAt = new Float64Array(total);
const tickedAt = new Float64Array(total); // when the schedule's timer took the request up: its lateness is the client's own
const doneAt = new Float64Array(total);
const status = new Int16Array(total);
let resent = 0;
let finished = 0;

const idle = [];
const waiting = []; // due requests for which no socket was free
let nextDue = 0;

function connect() {
  const socket = net.connect({ host, port, noDelay: true });
  const conn = { socket, current: -1, buffer: Buffer.alloc(0), open: false };
  socket.on("connect", () => {
    conn.open = true;
    release(conn);
  });
  socket.on("data", (chunk) => {
    conn.buffer = conn.buffer.length ? Buffer.concat([conn.buffer, chunk]) : chunk;
    parse(conn);
  });
  const broke = () => {
    const index = conn.current;
    conn.current = -1;
    conn.open = false;
    const at = idle.indexOf(conn);
    if (at >= 0) idle.splice(at, 1);
    socket.destroy();
    if (index >= 0) {
      resent++;
      waiting.unshift(index);
    }
    if (finished < total) connect();
  };
  socket.on("error", broke);
  socket.on("close", () => { if (conn.open || conn.current >= 0) broke(); });
  return conn;
}

function parse(conn) {
  const buf = conn.buffer;
  const end = buf.indexOf("\r\n\r\n");
  if (end < 0) return;
  const head = buf.toString("latin1", 0, end);
  const match = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  if (!match) throw new Error(`a reply without Content-Length: ${head.slice(0, 200)}`);
  const length = Number(match[1]);
  if (buf.length < end + 4 + length) return;
  const index = conn.current;
  doneAt[index] = performance.now();
  status[index] = Number(head.slice(9, 12));
  conn.current = -1;
  conn.buffer = buf.subarray(end + 4 + length);
  finished++;
  if (/\r\nconnection:\s*close/i.test(head)) {
    conn.open = false;
    conn.socket.destroy();
    if (finished < total) connect();
  } else {
    release(conn);
  }
  if (finished === total) report();
}

function send(conn, index) {
  conn.current = index;
  sentAt[index] = performance.now();
  conn.socket.write(raw[index]);
}

function release(conn) {
  if (waiting.length) return send(conn, waiting.shift());
  idle.push(conn);
}

let start = 0;
function tick() {
  const now = performance.now();
  while (nextDue < total && start + nextDue * (1000 / rate) <= now) {
    const index = nextDue++;
    due[index] = start + index * (1000 / rate);
    tickedAt[index] = now;
    const conn = idle.pop();
    if (conn) send(conn, index);
    else waiting.push(index);
  }
  if (nextDue < total) setTimeout(tick, 1);
}

const cpuBefore = process.cpuUsage();
let started = false;
const pool = Array.from({ length: connections }, connect);
// the clock starts once every connection is open
const ready = setInterval(() => {
  if (started || pool.some((c) => !c.open)) return;
  started = true;
  clearInterval(ready);
  start = performance.now();
  tick();
}, 5);

function report() {
  const elapsed = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const latency = Array.from(doneAt, (d, i) => d - due[i]).sort((a, b) => a - b);
  const lag = Array.from(sentAt, (s, i) => s - due[i]).sort((a, b) => a - b);
  const late = Array.from(tickedAt, (t, i) => t - due[i]).sort((a, b) => a - b);
  const q = (list, p) => Math.round(list[Math.min(list.length - 1, Math.floor(p * list.length))] * 10) / 10;
  const statuses = {};
  for (const s of status) statuses[s] = (statuses[s] ?? 0) + 1;
  const clientCpuMs = (cpu.user + cpu.system) / 1000;
  process.stdout.write(JSON.stringify({
    sent: total, elapsedS: Math.round(elapsed * 100) / 100, offeredRate: rate, achievedRate: Math.round(total / elapsed),
    latencyMs: { p50: q(latency, 0.5), p95: q(latency, 0.95), p99: q(latency, 0.99), max: q(latency, 1) },
    sendLagMs: { p50: q(lag, 0.5), p99: q(lag, 0.99), max: q(lag, 1) },
    timerLateMs: { p50: q(late, 0.5), p99: q(late, 0.99), max: q(late, 1) },
    statuses, resent, clientCpuMs: Math.round(clientCpuMs), clientCpuShare: Math.round((clientCpuMs / 1000 / elapsed) * 100) / 100,
  }) + "\n");
  for (const c of pool) c.socket.destroy();
  process.exit(0);
}
