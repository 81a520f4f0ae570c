// The marking-scheme editor's form: every input is named by the path the scoring
// engine reports problems on (`components[0].modules[1].criteria[0].aspects[2].max`),
// so each refusal lands beside its input. Pure: used by the editor component (adding
// and removing rows) and by the action (reading the posted form back into a scheme).
import type { MarkingSchemeInput } from "~/modules/scoring";

export type EditableAspect = {
  id: string; name: string; kind: "judgement" | "measurement"; max: string;
  mode: "agreed" | "full-or-zero" | "steps"; tolerance: string; step: string; deductionPerStep: string;
};
export type EditableCriterion = { id: string; name: string; aspects: EditableAspect[] };
export type EditableModule = { id: string; name: string; criteria: EditableCriterion[] };
export type EditableComponent = {
  id: string; name: string; kind: "theory" | "practical" | "defence" | "other"; weight: string; scaleTo100: boolean; modules: EditableModule[];
};
export type EditableScheme = { components: EditableComponent[] };

const str = (v: unknown) => (v === undefined || v === null ? "" : String(v));

/** The stored scheme (numbers or text) as the editor's text fields. */
export function toEditable(scheme: unknown): EditableScheme {
  const components = (scheme as MarkingSchemeInput | null)?.components;
  if (!Array.isArray(components)) return { components: [] };
  return {
    components: components.map((c) => ({
      id: str(c.id), name: str(c.name), kind: c.kind ?? "practical", weight: str(c.weight), scaleTo100: c.scaleTo100 !== false,
      modules: (c.modules ?? []).map((m) => ({
        id: str(m.id), name: str(m.name),
        criteria: (m.criteria ?? []).map((k) => ({
          id: str(k.id), name: str(k.name),
          aspects: (k.aspects ?? []).map((a) => {
            const rule = (a.measurement ?? { mode: "agreed" }) as { mode: EditableAspect["mode"]; tolerance?: unknown; step?: unknown; deductionPerStep?: unknown };
            return {
              id: str(a.id), name: str(a.name), kind: a.kind ?? "judgement", max: str(a.max), mode: rule.mode ?? "agreed",
              tolerance: str(rule.tolerance), step: str(rule.step), deductionPerStep: str(rule.deductionPerStep),
            };
          }),
        })),
      })),
    })),
  };
}

/** The editor's fields back into the engine's input shape; blank optional fields are left out. */
export function fromEditable(scheme: EditableScheme): MarkingSchemeInput {
  return {
    components: scheme.components.map((c) => ({
      id: c.id.trim(), name: c.name.trim(), kind: c.kind, weight: c.weight.trim(), scaleTo100: c.scaleTo100,
      modules: c.modules.map((m) => ({
        id: m.id.trim(), name: m.name.trim(),
        criteria: m.criteria.map((k) => ({
          id: k.id.trim(), name: k.name.trim(),
          aspects: k.aspects.map((a) => {
            const base = { id: a.id.trim(), name: a.name.trim(), kind: a.kind, max: a.max.trim() };
            if (a.kind !== "measurement") return base;
            if (a.mode === "agreed") return { ...base, measurement: { mode: "agreed" as const } };
            if (a.mode === "full-or-zero") return { ...base, measurement: { mode: "full-or-zero" as const, tolerance: a.tolerance.trim() || "0" } };
            return {
              ...base,
              measurement: { mode: "steps" as const, tolerance: a.tolerance.trim() || "0", step: a.step.trim(), deductionPerStep: a.deductionPerStep.trim() },
            };
          }),
        })),
      })),
    })),
  };
}

const PATH_TOKEN = /([A-Za-z]+)(?:\[(\d+)\])?/g;

/**
 * Reads the posted form (`components[0].modules[0].criteria[0].aspects[0].max` = "10")
 * into the editor's shape. Unknown names are ignored; gaps left by removed rows close up.
 */
export function formToEditable(entries: Iterable<[string, FormDataEntryValue]>): EditableScheme {
  const root: Record<string, unknown> = {};
  for (const [name, value] of entries) {
    if (!name.startsWith("components[") || typeof value !== "string") continue;
    let node: Record<string, unknown> | unknown[] = root;
    const tokens = [...name.matchAll(PATH_TOKEN)];
    tokens.forEach((token, i) => {
      const [, key, index] = token;
      const last = i === tokens.length - 1;
      const target = node as Record<string, unknown>;
      if (index === undefined) {
        if (last) target[key] = value;
        else node = (target[key] ??= {}) as Record<string, unknown>;
        return;
      }
      const list = (target[key] ??= []) as unknown[];
      const position = Number(index);
      if (last) list[position] = value;
      else node = (list[position] ??= {}) as Record<string, unknown>;
    });
  }
  const compact = <T,>(list: unknown): T[] => (Array.isArray(list) ? list.filter((x) => x !== undefined && x !== null) : []) as T[];
  type Raw = Record<string, unknown>;
  const s = (v: unknown) => (typeof v === "string" ? v : "");
  return {
    components: compact<Raw>(root.components).map((c) => ({
      id: s(c.id), name: s(c.name), kind: (s(c.kind) || "practical") as EditableComponent["kind"], weight: s(c.weight),
      scaleTo100: s(c.scaleTo100) !== "false",
      modules: compact<Raw>(c.modules).map((m) => ({
        id: s(m.id), name: s(m.name),
        criteria: compact<Raw>(m.criteria).map((k) => ({
          id: s(k.id), name: s(k.name),
          aspects: compact<Raw>(k.aspects).map((a) => {
            const rule = (a.measurement ?? {}) as Raw;
            return {
              id: s(a.id), name: s(a.name), kind: (s(a.kind) || "judgement") as EditableAspect["kind"], max: s(a.max),
              mode: (s(rule.mode) || "agreed") as EditableAspect["mode"], tolerance: s(rule.tolerance), step: s(rule.step),
              deductionPerStep: s(rule.deductionPerStep),
            };
          }),
        })),
      })),
    })),
  };
}

// ---------------------------------------------------------------- editing

function allIds(scheme: EditableScheme) {
  const ids: string[] = [];
  for (const c of scheme.components) {
    ids.push(c.id);
    for (const m of c.modules) {
      ids.push(m.id);
      for (const k of m.criteria) {
        ids.push(k.id);
        for (const a of k.aspects) ids.push(a.id);
      }
    }
  }
  return ids;
}

/** The next free id with this prefix, e.g. "A7" when A1…A6 are taken. */
export function nextId(scheme: EditableScheme, prefix: string): string {
  const taken = new Set(allIds(scheme));
  let n = 1;
  while (taken.has(`${prefix}${n}`)) n += 1;
  return `${prefix}${n}`;
}

export const newAspect = (scheme: EditableScheme): EditableAspect => ({
  id: nextId(scheme, "A"), name: "", kind: "judgement", max: "", mode: "agreed", tolerance: "", step: "", deductionPerStep: "",
});
export const newCriterion = (scheme: EditableScheme): EditableCriterion => ({ id: nextId(scheme, "K"), name: "", aspects: [newAspect(scheme)] });
export const newModule = (scheme: EditableScheme): EditableModule => ({ id: nextId(scheme, "M"), name: "", criteria: [newCriterion(scheme)] });
export const newComponent = (scheme: EditableScheme): EditableComponent => ({
  id: nextId(scheme, "C"), name: "", kind: "practical", weight: "", scaleTo100: true, modules: [newModule(scheme)],
});

/** Path prefixes, shared by input names and the engine's issue paths. */
export const componentPath = (c: number) => `components[${c}]`;
export const modulePath = (c: number, m: number) => `${componentPath(c)}.modules[${m}]`;
export const criterionPath = (c: number, m: number, k: number) => `${modulePath(c, m)}.criteria[${k}]`;
export const aspectPath = (c: number, m: number, k: number, a: number) => `${criterionPath(c, m, k)}.aspects[${a}]`;
