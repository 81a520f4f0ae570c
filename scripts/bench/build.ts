import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

/** The newest modification time of any file below `dir`. */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : entry.isFile() ? statSync(full).mtimeMs : 0);
  }
  return newest;
}

/** Whether build/ holds a server build newer than every file of app/ (the benchmarks run the production build). */
export function buildIsFresh(root: string): boolean {
  const server = path.join(root, "build", "index.js");
  return existsSync(server) && statSync(server).mtimeMs >= newestMtime(path.join(root, "app"));
}
