import { createContext, useContext, useState } from "react";
import { useTranslation } from "react-i18next";
import type { FieldIssue } from "~/utils/errors";
import {
  aspectPath, componentPath, criterionPath, modulePath, newAspect, newComponent, newCriterion, newModule,
  type EditableAspect, type EditableScheme,
} from "./scheme-form";

const COMPONENT_KINDS = ["theory", "practical", "defence", "other"] as const;
const ASPECT_KINDS = ["judgement", "measurement"] as const;
const MODES = ["agreed", "full-or-zero", "steps"] as const;

/** Exact display sums: "0.3" + "0.7" = 1 (decimal text → integer units, never binary floats). */
function scaled(text: string, decimals: number): number | null {
  const match = /^\s*(\d+)(?:\.(\d+))?\s*$/.exec(text);
  if (!match || (match[2] ?? "").replace(/0+$/, "").length > decimals) return null;
  return Number(match[1] + (match[2] ?? "").replace(/0+$/, "").padEnd(decimals, "0"));
}
const sumText = (values: string[], decimals: number) => {
  const parts = values.map((v) => scaled(v, decimals));
  if (parts.some((p) => p === null)) return "—";
  return String(parts.reduce<number>((a, b) => a + (b ?? 0), 0) / 10 ** decimals);
};

/** The engine's message without its leading path, for showing beside the input the path names. */
const withoutPath = (issue: FieldIssue) => (issue.message.startsWith(`${issue.path}: `) ? issue.message.slice(issue.path.length + 2) : issue.message);


type EditorContextValue = { issues?: FieldIssue[]; readOnly: boolean; removeText: string };
const EditorContext = createContext<EditorContextValue>({ readOnly: true, removeText: "" });
const issueAt = (issues: FieldIssue[] | undefined, path: string) => issues?.find((i) => i.path === path);

// Module-level components (not defined inside the editor), so typing never remounts an input.
function Input({ path, label, value, onChange, width, inputMode }: {
  path: string; label: string; value: string; onChange: (v: string) => void; width?: string; inputMode?: "decimal" | "text";
}) {
  const { issues, readOnly } = useContext(EditorContext);
  const issue = issueAt(issues, path);
  return (
    <>
      <input id={path} name={path} aria-label={label} value={value} readOnly={readOnly} inputMode={inputMode}
        onChange={(e) => onChange(e.target.value)} aria-invalid={issue ? true : undefined}
        aria-describedby={issue ? `${path}-error` : undefined} style={width ? { minWidth: width } : undefined} />
      {issue ? <span id={`${path}-error`} className="field-error" role="alert">{withoutPath(issue)}</span> : null}
    </>
  );
}

function Select<T extends string>({ path, label, value, options, text, onChange }: {
  path: string; label: string; value: T; options: readonly T[]; text: (o: T) => string; onChange: (v: T) => void;
}) {
  const { issues, readOnly } = useContext(EditorContext);
  const issue = issueAt(issues, path);
  return (
    <>
      <select id={path} name={path} aria-label={label} value={value} disabled={readOnly} onChange={(e) => onChange(e.target.value as T)} style={{ minWidth: "6rem" }}
        aria-invalid={issue ? true : undefined} aria-describedby={issue ? `${path}-error` : undefined}>
        {options.map((o) => <option key={o} value={o}>{text(o)}</option>)}
      </select>
      {readOnly ? <input type="hidden" name={path} value={value} /> : null}
      {issue ? <span id={`${path}-error`} className="field-error" role="alert">{withoutPath(issue)}</span> : null}
    </>
  );
}

function RemoveButton({ label, onClick }: { label: string; onClick: () => void }) {
  const { readOnly, removeText } = useContext(EditorContext);
  return readOnly ? null : <button type="button" className="link-button" aria-label={label} onClick={onClick}>{removeText}</button>;
}

/**
 * The marking-scheme editor: one fieldset and table per component, modules and criteria
 * spanning their aspects' rows. Inputs are named by the engine's paths, so the form posts
 * the scheme as is and each refusal appears beside its input.
 */
export function SchemeEditor({ initial, issues, readOnly }: { initial: EditableScheme; issues?: FieldIssue[]; readOnly: boolean }) {
  const { t } = useTranslation("contests");
  const [scheme, setScheme] = useState(initial);
  const edit = (change: (draft: EditableScheme) => void) =>
    setScheme((previous) => {
      const draft = structuredClone(previous);
      change(draft);
      return draft;
    });

  const aspectCells = (c: number, m: number, k: number, a: number, aspect: EditableAspect) => {
    const p = aspectPath(c, m, k, a);
    const set = (field: keyof EditableAspect) => (value: string) =>
      edit((d) => { (d.components[c].modules[m].criteria[k].aspects[a] as Record<string, string>)[field] = value; });
    const label = (key: string) => `${t(`scheme.${key}`)} ${aspect.id}`;
    const measured = aspect.kind === "measurement";
    return (
      <>
        <td><Input path={`${p}.id`} label={label("aspectId")} value={aspect.id} onChange={set("id")} width="4.5rem" /></td>
        <td><Input path={`${p}.name`} label={label("aspectName")} value={aspect.name} onChange={set("name")} width="8rem" /></td>
        <td>
          <Select path={`${p}.kind`} label={label("aspectKind")} value={aspect.kind} options={ASPECT_KINDS}
            text={(o) => t(`scheme.aspectKinds.${o}`)} onChange={set("kind")} />
        </td>
        <td><Input path={`${p}.max`} label={label("max")} value={aspect.max} onChange={set("max")} width="3.75rem" inputMode="decimal" /></td>
        <td>
          {measured ? (
            <Select path={`${p}.measurement.mode`} label={label("measurementMode")} value={aspect.mode} options={MODES}
              text={(o) => t(`scheme.modes.${o}`)} onChange={set("mode")} />
          ) : "—"}
        </td>
        <td>{measured && aspect.mode !== "agreed" ? <Input path={`${p}.measurement.tolerance`} label={label("tolerance")} value={aspect.tolerance} onChange={set("tolerance")} width="3.75rem" inputMode="decimal" /> : "—"}</td>
        <td>{measured && aspect.mode === "steps" ? <Input path={`${p}.measurement.step`} label={label("step")} value={aspect.step} onChange={set("step")} width="3.75rem" inputMode="decimal" /> : "—"}</td>
        <td>{measured && aspect.mode === "steps" ? <Input path={`${p}.measurement.deductionPerStep`} label={label("deductionPerStep")} value={aspect.deductionPerStep} onChange={set("deductionPerStep")} width="3.75rem" inputMode="decimal" /> : "—"}</td>
        <td>
          <RemoveButton label={t("scheme.removeAspect", { id: aspect.id })}
            onClick={() => edit((d) => { d.components[c].modules[m].criteria[k].aspects.splice(a, 1); })} />
        </td>
      </>
    );
  };

  return (
    <EditorContext.Provider value={{ issues, readOnly, removeText: t("scheme.remove") }}>
    <div className="stack">
      <p className="muted">
        {t("scheme.weightTotal", { total: sumText(scheme.components.map((c) => c.weight), 4) })}
      </p>
      {scheme.components.map((component, c) => {
        const cp = componentPath(c);
        const setComponent = (field: "id" | "name" | "weight") => (value: string) => edit((d) => { d.components[c][field] = value; });
        const maxes = component.modules.flatMap((m) => m.criteria.flatMap((k) => k.aspects.map((a) => a.max)));
        return (
          <fieldset className="card" key={c} aria-label={t("scheme.component", { id: component.id })} style={{ minWidth: 0 }}>
            <legend>{t("scheme.component", { id: component.id })} {component.name}</legend>
            <div className="grid">
              <div className="field">
                <label htmlFor={`${cp}.id`}>{t("scheme.componentId")}</label>
                <Input path={`${cp}.id`} label={`${t("scheme.componentId")} ${component.id}`} value={component.id} onChange={setComponent("id")} />
              </div>
              <div className="field">
                <label htmlFor={`${cp}.name`}>{t("scheme.componentName")}</label>
                <Input path={`${cp}.name`} label={`${t("scheme.componentName")} ${component.id}`} value={component.name} onChange={setComponent("name")} />
              </div>
              <div className="field">
                <label htmlFor={`${cp}.kind`}>{t("scheme.componentKind")}</label>
                <Select path={`${cp}.kind`} label={`${t("scheme.componentKind")} ${component.id}`} value={component.kind} options={COMPONENT_KINDS}
                  text={(o) => t(`scheme.kinds.${o}`)} onChange={(v) => edit((d) => { d.components[c].kind = v; })} />
              </div>
              <div className="field">
                <label htmlFor={`${cp}.weight`}>{t("scheme.weight")}</label>
                <Input path={`${cp}.weight`} label={`${t("scheme.weight")} ${component.id}`} value={component.weight} onChange={setComponent("weight")} inputMode="decimal" />
              </div>
              <div className="field">
                <label htmlFor={`${cp}.scaleTo100`}>{t("scheme.scaleTo100")}</label>
                <Select path={`${cp}.scaleTo100`} label={`${t("scheme.scaleTo100")} ${component.id}`} value={component.scaleTo100 ? "true" : "false"}
                  options={["true", "false"] as const} text={(o) => t(o === "true" ? "scheme.yes" : "scheme.no")}
                  onChange={(v) => edit((d) => { d.components[c].scaleTo100 = v === "true"; })} />
              </div>
            </div>
            <p className="muted small">{t("scheme.componentMax", { total: sumText(maxes, 2) })}</p>
            <div className="table-wrap">
              <table className="scheme-table">
                <thead>
                  <tr>
                    <th scope="col">{t("scheme.module")}</th>
                    <th scope="col">{t("scheme.criterion")}</th>
                    <th scope="col">{t("scheme.aspectId")}</th>
                    <th scope="col">{t("scheme.aspectName")}</th>
                    <th scope="col">{t("scheme.aspectKind")}</th>
                    <th scope="col">{t("scheme.max")}</th>
                    <th scope="col">{t("scheme.measurementMode")}</th>
                    <th scope="col">{t("scheme.tolerance")}</th>
                    <th scope="col">{t("scheme.step")}</th>
                    <th scope="col">{t("scheme.deductionPerStep")}</th>
                    <th scope="col"><span className="visually-hidden">{t("scheme.remove")}</span></th>
                  </tr>
                </thead>
                <tbody>
                  {component.modules.map((module, m) => {
                    const mp = modulePath(c, m);
                    const moduleRows = Math.max(1, module.criteria.reduce((n, k) => n + Math.max(1, k.aspects.length), 0));
                    const moduleCell = (
                      <td rowSpan={moduleRows}>
                        <div className="stack">
                          <Input path={`${mp}.id`} label={`${t("scheme.moduleId")} ${module.id}`} value={module.id} width="4.5rem"
                            onChange={(v) => edit((d) => { d.components[c].modules[m].id = v; })} />
                          <Input path={`${mp}.name`} label={`${t("scheme.moduleName")} ${module.id}`} value={module.name} width="7rem"
                            onChange={(v) => edit((d) => { d.components[c].modules[m].name = v; })} />
                          {readOnly ? null : (
                            <button type="button" className="link-button" onClick={() => edit((d) => { d.components[c].modules[m].criteria.push(newCriterion(d)); })}>
                              {t("scheme.addCriterion")}
                            </button>
                          )}
                          <RemoveButton label={t("scheme.removeModule", { id: module.id })} onClick={() => edit((d) => { d.components[c].modules.splice(m, 1); })} />
                        </div>
                      </td>
                    );
                    if (module.criteria.length === 0) return <tr key={`m${m}`}>{moduleCell}<td colSpan={10} /></tr>;
                    return module.criteria.flatMap((criterion, k) => {
                      const kp = criterionPath(c, m, k);
                      const criterionCell = (
                        <td rowSpan={Math.max(1, criterion.aspects.length)}>
                          <div className="stack">
                            <Input path={`${kp}.id`} label={`${t("scheme.criterionId")} ${criterion.id}`} value={criterion.id} width="4.5rem"
                              onChange={(v) => edit((d) => { d.components[c].modules[m].criteria[k].id = v; })} />
                            <Input path={`${kp}.name`} label={`${t("scheme.criterionName")} ${criterion.id}`} value={criterion.name} width="7rem"
                              onChange={(v) => edit((d) => { d.components[c].modules[m].criteria[k].name = v; })} />
                            {readOnly ? null : (
                              <button type="button" className="link-button" onClick={() => edit((d) => { d.components[c].modules[m].criteria[k].aspects.push(newAspect(d)); })}>
                                {t("scheme.addAspect")}
                              </button>
                            )}
                            <RemoveButton label={t("scheme.removeCriterion", { id: criterion.id })}
                              onClick={() => edit((d) => { d.components[c].modules[m].criteria.splice(k, 1); })} />
                          </div>
                        </td>
                      );
                      const first = k === 0;
                      if (criterion.aspects.length === 0) {
                        return [<tr key={`m${m}k${k}`}>{first ? moduleCell : null}{criterionCell}<td colSpan={9} /></tr>];
                      }
                      return criterion.aspects.map((aspect, a) => (
                        <tr key={`m${m}k${k}a${a}`}>
                          {first && a === 0 ? moduleCell : null}
                          {a === 0 ? criterionCell : null}
                          {aspectCells(c, m, k, a, aspect)}
                        </tr>
                      ));
                    });
                  })}
                </tbody>
              </table>
            </div>
            {readOnly ? null : (
              <p className="toolbar">
                <button type="button" className="button button-secondary" onClick={() => edit((d) => { d.components[c].modules.push(newModule(d)); })}>
                  {t("scheme.addModule")}
                </button>
                <RemoveButton label={t("scheme.removeComponent", { id: component.id })} onClick={() => edit((d) => { d.components.splice(c, 1); })} />
              </p>
            )}
          </fieldset>
        );
      })}
      {readOnly ? null : (
        <p>
          <button type="button" className="button button-secondary" onClick={() => edit((d) => { d.components.push(newComponent(d)); })}>
            {t("scheme.addComponent")}
          </button>
        </p>
      )}
    </div>
    </EditorContext.Provider>
  );
}
