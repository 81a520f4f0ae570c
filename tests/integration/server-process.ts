import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, statSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { buildIsFresh } from "../../scripts/bench/build";

// Real server processes (server.mjs with the production build) for the fault tests of
// issue 11: disk full, shutdown, two processes. Ports come from TEST_SERVER_PORTS
// (default 4310–4399), so parallel work on one machine does not collide.

export const root = path.resolve(__dirname, "..", "..");

/** A build made outside production mode (vitest runs with NODE_ENV=test) renders with jsxDEV, which the production server lacks. */
const isDevelopmentBuild = () => readFileSync(path.join(root, "build", "index.js"), "utf8").includes("jsxDEV");

/** The production build, rebuilt when any source under app/ is newer than it, or when it was not built for production. */
// Test files run in parallel and several need the build: one builds while the others wait
// on a lock directory (mkdir is atomic), so no server loads a build another is rewriting.
export function ensureBuild() {
  const ready = () => buildIsFresh(root) && !isDevelopmentBuild();
  if (ready()) return;
  const lock = path.join(root, "build.lock");
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let waited = 0; ; waited += 500) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      try {
        // A lock older than ten minutes was left by a killed run.
        if (Date.now() - statSync(lock).mtimeMs > 600_000) rmSync(lock, { recursive: true, force: true });
      } catch {
        // released meanwhile
      }
      if (waited > 900_000) throw new Error(`waited 15 min for ${lock}`);
      Atomics.wait(pause, 0, 0, 500);
    }
  }
  try {
    if (ready()) return;
    const result = spawnSync(path.join(root, "node_modules", ".bin", "remix"), ["build"], {
      cwd: root, stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, NODE_ENV: "production" },
    });
    if (result.status !== 0) throw new Error("remix build failed");
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

const [lowPort, highPort] = (process.env.TEST_SERVER_PORTS ?? "4310-4399").split("-").map(Number);
let nextPort = lowPort + Math.floor(Math.random() * (highPort - lowPort + 1));

/** A free port of the test range. */
export async function freePort(): Promise<number> {
  for (let tries = 0; tries <= highPort - lowPort; tries++) {
    const port = nextPort;
    nextPort = nextPort >= highPort ? lowPort : nextPort + 1;
    const free = await new Promise<boolean>((resolve) => {
      const server = net.createServer();
      server.once("error", () => resolve(false));
      server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port in ${lowPort}–${highPort}`);
}

export type ServerProcess = { port: number; child: ChildProcess; url: string; output: () => string; exited: Promise<number | null> };

/**
 * Starts server.mjs and waits until /healthz answers 200 from this very process (another
 * process, from a parallel test, may have taken the port between the check and the listen:
 * then this one exits with EADDRINUSE and we try the next port).
 */
export async function startServer(env: Record<string, string> = {}): Promise<ServerProcess> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startServerOnce(env);
    } catch (error) {
      if (attempt >= 3 || !(error instanceof PortTakenError)) throw error;
    }
  }
}

class PortTakenError extends Error {}

async function startServerOnce(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const instance = `test-${process.pid}-${port}-${Date.now()}`;
  let output = "";
  const child = spawn(process.execPath, [path.join(root, "server.mjs")], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      SESSION_SECRET: process.env.SESSION_SECRET ?? "fault-test-session-secret",
      LOG_LEVEL: "warn",
      SERVER_INSTANCE: instance,
      ...env,
    },
  });
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 150; i++) {
    if (child.exitCode !== null) {
      if (/EADDRINUSE/.test(output)) throw new PortTakenError(`port ${port} taken`);
      throw new Error(`server on ${port} exited with ${child.exitCode}: ${output}`);
    }
    try {
      const res = await fetch(`${url}/healthz`);
      const body = res.ok ? ((await res.json()) as { instance?: string }) : null;
      if (body?.instance === instance) return { port, child, url, output: () => output, exited };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill("SIGKILL");
  throw new Error(`server on ${port} did not start: ${output}`);
}

/** Stops a server started here (SIGTERM, then SIGKILL after 15 s) and waits for it to exit. */
export async function stopServer(server: ServerProcess | undefined) {
  if (!server || server.child.exitCode !== null) return;
  server.child.kill("SIGTERM");
  const timer = setTimeout(() => server.child.kill("SIGKILL"), 15_000);
  await server.exited;
  clearTimeout(timer);
}
