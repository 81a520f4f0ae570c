import { describe, expect, it } from "vitest";
import { formToEditable, fromEditable, newComponent, nextId, toEditable, aspectPath } from "./scheme-form";
import { EXAMPLE_WELDING_SCHEME } from "./test-schemes";

/** The entries a browser would post for the editor's inputs. */
function entriesOf(scheme: ReturnType<typeof toEditable>): [string, string][] {
  const out: [string, string][] = [];
  scheme.components.forEach((c, ci) => {
    out.push([`components[${ci}].id`, c.id], [`components[${ci}].name`, c.name], [`components[${ci}].kind`, c.kind], [`components[${ci}].weight`, c.weight], [`components[${ci}].scaleTo100`, String(c.scaleTo100)]);
    c.modules.forEach((m, mi) => {
      out.push([`components[${ci}].modules[${mi}].id`, m.id], [`components[${ci}].modules[${mi}].name`, m.name]);
      m.criteria.forEach((k, ki) => {
        out.push([`components[${ci}].modules[${mi}].criteria[${ki}].id`, k.id], [`components[${ci}].modules[${mi}].criteria[${ki}].name`, k.name]);
        k.aspects.forEach((a, ai) => {
          const p = aspectPath(ci, mi, ki, ai);
          out.push([`${p}.id`, a.id], [`${p}.name`, a.name], [`${p}.kind`, a.kind], [`${p}.max`, a.max], [`${p}.measurement.mode`, a.mode],
            [`${p}.measurement.tolerance`, a.tolerance], [`${p}.measurement.step`, a.step], [`${p}.measurement.deductionPerStep`, a.deductionPerStep]);
        });
      });
    });
  });
  return out;
}

describe("the marking-scheme editor's form", () => {
  it("posts back exactly the scheme it shows", () => {
    const editable = toEditable(EXAMPLE_WELDING_SCHEME);
    expect(fromEditable(formToEditable(entriesOf(editable)))).toEqual(fromEditable(editable));
    expect(fromEditable(editable).components[1].modules[0].criteria[0].aspects[0]).toEqual(EXAMPLE_WELDING_SCHEME.components[1].modules[0].criteria[0].aspects[0]);
  });

  it("closes the gaps a removed row leaves and ignores other fields", () => {
    const editable = toEditable(EXAMPLE_WELDING_SCHEME);
    const entries = entriesOf(editable).filter(([name]) => !name.startsWith("components[1].modules[0].criteria[0].aspects[0]"));
    const back = formToEditable([["intent", "save"], ...entries]);
    expect(back.components[1].modules[0].criteria[0].aspects.map((a) => a.id)).toEqual(["P1-2"]);
  });

  it("gives new rows ids that are not taken", () => {
    const editable = toEditable(EXAMPLE_WELDING_SCHEME);
    expect(nextId(editable, "A")).toBe("A1");
    const added = newComponent(editable);
    expect(added).toMatchObject({ id: "C1", modules: [{ id: "M1", criteria: [{ id: "K1", aspects: [{ id: "A1" }] }] }] });
    editable.components.push(added);
    expect(nextId(editable, "C")).toBe("C2");
  });
});
