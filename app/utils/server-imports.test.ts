import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Remix leaves `.server` modules out of the browser build: a value imported from one is
// undefined in the browser. A page component that calls such a value renders on the server,
// then fails once it hydrates (as /account did with issueFor). This test reads every page and
// component module and refuses browser-side uses of values imported from `.server` modules.

const APP = path.resolve(__dirname, "..");

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : files(full);
    return entry.name.endsWith(".tsx") && !entry.name.includes(".test.") && !entry.name.endsWith(".server.tsx") ? [full] : [];
  });
}

/** Values (not types) a module imports from `.server` modules. */
function serverValues(source: string): string[] {
  const names: string[] = [];
  for (const m of source.matchAll(/import\s+(type\s+)?\{([^}]*)\}\s+from\s+"([^"]+\.server)"/g)) {
    if (m[1]) continue;
    for (const part of m[2].split(",")) {
      const name = part.trim();
      if (!name || name.startsWith("type ")) continue;
      names.push(name.split(/\s+as\s+/).pop()!.trim());
    }
  }
  return names;
}

/**
 * The code that runs in the browser: a route's (or root's) component and what follows it; a plain
 * module's whole text. String literals are blanked, so i18n keys such as "account.changePassword"
 * do not count as uses.
 */
function browserPart(file: string, source: string): string {
  const isRoute = file.includes(`${path.sep}routes${path.sep}`) || path.basename(file) === "root.tsx";
  const start = source.search(/export default function/);
  const code = !isRoute ? source.replace(/^import .*$/gm, "") : start < 0 ? "" : source.slice(start);
  return code.replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g, '""');
}

/** A use of the name as a value: not a property (`x.name`), not an object key or renamed binding (`name: …`). */
const usedAsValue = (name: string, code: string) => new RegExp(`(?<![.\\w$])${name}\\b(?!\\s*:(?!:))`).test(code);

describe("no value from a .server module is used in browser code", () => {
  it("holds for every page and component", () => {
    const problems: string[] = [];
    for (const file of files(APP)) {
      const source = readFileSync(file, "utf8");
      const code = browserPart(file, source);
      for (const name of serverValues(source)) {
        if (usedAsValue(name, code)) problems.push(`${path.relative(APP, file)}: ${name}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("would have caught /account calling issueFor from http.server", () => {
    const source = `import { actionError, issueFor } from "~/utils/http.server";\nexport async function action() { return actionError(1); }\nexport default function Page() { return issueFor([], "x"); }`;
    const file = path.join(APP, "routes", "example.tsx");
    expect(serverValues(source).filter((n) => usedAsValue(n, browserPart(file, source)))).toEqual(["issueFor"]);
  });
});
