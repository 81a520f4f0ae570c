import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field } from "~/components/field";
import type { FieldIssue } from "~/utils/errors";
import { EMPLOYMENT_STATUSES, ETHNICITIES, MEMBER_FLAGS, SEXES, SKILL_LEVELS } from "./member-fields";
import type { MemberView } from "./schemas";

// The member form, shared by "register" and "edit". Every field is labelled, errors
// are announced (role=alert) and tied to their input (aria-describedby).

export type UnitOption = { id: string; name: string; depth: number };

function SelectField({ name, label, issues, hint, children }: { name: string; label: string; issues?: FieldIssue[]; hint?: string; children: (props: { id: string; name: string; "aria-invalid"?: boolean; "aria-describedby"?: string }) => React.ReactNode }) {
  const error = issues?.find((i) => i.path === name)?.message;
  const describedBy = [error ? `${name}-error` : null, hint ? `${name}-hint` : null].filter(Boolean).join(" ") || undefined;
  return (
    <Field name={name} label={label} issues={issues} hint={hint}>
      {children({ id: name, name, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy })}
    </Field>
  );
}

export function MemberForm({ units, member, issues, defaultOrgId, canSeeFullId }: {
  units: UnitOption[];
  member?: MemberView;
  issues?: FieldIssue[];
  defaultOrgId?: string | null;
  canSeeFullId?: boolean;
}) {
  const { t } = useTranslation("members");
  const minDepth = Math.min(...units.map((u) => u.depth));
  const editing = Boolean(member);
  const idDefault = member && member.idNumberRevealed ? member.idNumber : "";
  return (
    <Form method="post" className="stack" noValidate>
      <Field name="name" label={t("name")} required defaultValue={member?.name} issues={issues} autoComplete="off" maxLength={50} />
      <Field name="idNumber" label={t("idNumber")} required={!editing} defaultValue={idDefault} issues={issues} autoComplete="off" maxLength={18}
        hint={editing && !canSeeFullId ? t("idNumberKeepHint", { masked: member?.idNumber }) : t("idNumberHint")} inputMode="text" />
      <div className="grid">
        <SelectField name="sex" label={t("sex")} issues={issues} hint={t("sexHint")}>
          {(p) => (
            <select {...p} defaultValue={member?.sex ?? ""}>
              <option value="">{t("auto")}</option>
              {SEXES.map((s) => <option key={s}>{s}</option>)}
            </select>
          )}
        </SelectField>
        <Field name="birthDate" label={t("birthDate")} type="date" defaultValue={member?.birthDate} issues={issues} hint={t("birthDateHint")} />
        <SelectField name="ethnicity" label={t("ethnicity")} issues={issues}>
          {(p) => (
            <select {...p} defaultValue={member?.ethnicity ?? "汉族"} required>
              {ETHNICITIES.map((e) => <option key={e}>{e}</option>)}
            </select>
          )}
        </SelectField>
        <Field name="phone" label={t("phone")} type="tel" defaultValue={member?.phone} issues={issues} hint={t("phoneHint")} autoComplete="off" maxLength={13} />
      </div>
      <SelectField name="orgId" label={t("unit")} issues={issues}>
        {(p) => (
          <select {...p} defaultValue={member?.orgId ?? defaultOrgId ?? ""} required>
            <option value="" disabled>—</option>
            {units.map((u) => <option key={u.id} value={u.id}>{"\u3000".repeat(Math.max(0, u.depth - minDepth))}{u.name}</option>)}
          </select>
        )}
      </SelectField>
      <div className="grid">
        <Field name="post" label={t("post")} defaultValue={member?.post} issues={issues} maxLength={50} />
        <SelectField name="skillLevel" label={t("skillLevel")} issues={issues}>
          {(p) => (
            <select {...p} defaultValue={member?.skillLevel ?? ""}>
              <option value="">{t("none")}</option>
              {SKILL_LEVELS.map((s) => <option key={s}>{s}</option>)}
            </select>
          )}
        </SelectField>
        <Field name="title" label={t("title_")} defaultValue={member?.title} issues={issues} maxLength={50} />
        <SelectField name="employmentStatus" label={t("employmentStatus")} issues={issues}>
          {(p) => (
            <select {...p} defaultValue={member?.employmentStatus ?? "职工"}>
              {EMPLOYMENT_STATUSES.map((s) => <option key={s}>{s}</option>)}
            </select>
          )}
        </SelectField>
      </div>
      <fieldset className="stack">
        <legend className="label">{t("flags")}</legend>
        {MEMBER_FLAGS.map((flag) => (
          <label key={flag} className="checkbox">
            <input type="checkbox" name={flag} value="是" defaultChecked={member?.[flag] ?? false} />
            {t(flag)}
          </label>
        ))}
      </fieldset>
      <button className="button" type="submit">{editing ? t("common:actions.save") : t("newMember")}</button>
    </Form>
  );
}
