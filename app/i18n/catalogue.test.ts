import { describe, expect, it } from "vitest";
import { resources } from "./resources";

// Issue 12 item 9: English mode complete. Every string a namespace has in one language it has in the
// other (English plurals `_one`/`_other` count as the key), and English strings carry no Chinese.
const PLURAL = /_(zero|one|two|few|many|other)$/;

function flatten(value: unknown, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === "string") out.set(prefix, value);
  else if (Array.isArray(value)) value.forEach((v, i) => flatten(v, `${prefix}[${i}]`).forEach((s, k) => out.set(k, s)));
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k).forEach((s, key) => out.set(key, s));
  return out;
}
const base = (key: string) => key.replace(PLURAL, "");
// Strings that are Chinese on purpose in English mode: the language switch's own name, and the
// column headers a theory-score file must have (the file is read by those Chinese headers).
const CHINESE_ON_PURPOSE = new Set(["common:language.zh", "review:theory.importHelp"]);

describe("message catalogue (issue 12 item 9)", () => {
  const namespaces = Object.keys(resources.zh);
  it("has the same namespaces in both languages", () => {
    expect(Object.keys(resources.en).sort()).toEqual([...namespaces].sort());
  });
  it.each(namespaces)("%s: every key in both languages", (ns) => {
    const zh = new Set([...flatten(resources.zh[ns]).keys()].map(base));
    const en = new Set([...flatten(resources.en[ns]).keys()].map(base));
    expect([...zh].filter((k) => !en.has(k)), "missing in en").toEqual([]);
    expect([...en].filter((k) => !zh.has(k)), "missing in zh").toEqual([]);
  });
  it.each(namespaces)("%s: English strings carry no Chinese", (ns) => {
    const chinese = [...flatten(resources.en[ns]).entries()].filter(([k, v]) => /[\u3400-\u9fff]/.test(v) && !CHINESE_ON_PURPOSE.has(`${ns}:${k}`));
    expect(chinese.map(([k, v]) => `${ns}:${k} = ${v}`)).toEqual([]);
  });
});
