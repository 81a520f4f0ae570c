import { useTranslation } from "react-i18next";
import { Field } from "~/components/field";
import type { FieldIssue } from "~/utils/errors";
import { CONTEST_CLASSES, CONTEST_LEVELS } from "./event-rules";
import { CONTEST_KINDS, CONTEST_VISIBILITIES } from "./schemas";
import { formatChinaDay } from "./dates";

export type ContestFormValues = {
  name?: string; orgId?: string; kind?: string; level?: string; contestClass?: string; hosts?: string[]; coHosts?: string[];
  registrationOpensAt?: Date | string | null; registrationClosesAt?: Date | string | null; startsAt?: Date | string | null; endsAt?: Date | string | null;
  appealWindowMinutes?: number; noticeText?: string; visibility?: string;
};

/** The contest's fields, shared by the new and edit pages; names are the schema's field names. */
export function ContestFields({ values, issues, orgs }: { values: ContestFormValues; issues?: FieldIssue[]; orgs?: { id: string; name: string }[] }) {
  const { t } = useTranslation("contests");
  const invalid = (name: string) => (issues?.some((i) => i.path === name) ? true : undefined);
  const select = (name: string, options: readonly string[], label: (o: string) => string, value?: string) => (
    <Field name={name} label={t(`fields.${name}`)} issues={issues}>
      <select id={name} name={name} defaultValue={value ?? ""} required aria-invalid={invalid(name)}>
        {options.map((o) => <option key={o} value={o}>{label(o)}</option>)}
      </select>
    </Field>
  );
  return (
    <>
      <Field name="name" label={t("fields.name")} defaultValue={values.name} required issues={issues} maxLength={100} />
      {orgs ? (
        <Field name="orgId" label={t("fields.orgId")} issues={issues}>
          <select id="orgId" name="orgId" defaultValue={values.orgId ?? orgs[0]?.id} required aria-invalid={invalid("orgId")}>
            {orgs.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
          </select>
        </Field>
      ) : null}
      <div className="grid">
        {select("kind", CONTEST_KINDS, (o) => t(`kinds.${o}`), values.kind)}
        {select("level", CONTEST_LEVELS, (o) => t(`levels.${o}`), values.level)}
        {select("contestClass", CONTEST_CLASSES, (o) => t(`classes.${o}`), values.contestClass)}
      </div>
      <Field name="hosts" label={t("fields.hosts")} issues={issues}>
        <textarea id="hosts" name="hosts" rows={3} defaultValue={(values.hosts ?? []).join("\n")} aria-invalid={invalid("hosts")} />
      </Field>
      <Field name="coHosts" label={t("fields.coHosts")} issues={issues}>
        <textarea id="coHosts" name="coHosts" rows={3} defaultValue={(values.coHosts ?? []).join("\n")} aria-invalid={invalid("coHosts")} />
      </Field>
      <div className="grid">
        {(["registrationOpensAt", "registrationClosesAt", "startsAt", "endsAt"] as const).map((name) => (
          <Field key={name} name={name} label={t(`fields.${name}`)} type="date" defaultValue={formatChinaDay(values[name])} issues={issues} />
        ))}
      </div>
      <div className="grid">
        <Field name="appealWindowMinutes" label={t("fields.appealWindowMinutes")} type="number" min={0} max={10080} inputMode="numeric"
          defaultValue={String(values.appealWindowMinutes ?? 120)} issues={issues} />
        {select("visibility", CONTEST_VISIBILITIES, (o) => t(`visibilities.${o}`), values.visibility)}
      </div>
      <Field name="noticeText" label={t("fields.noticeText")} issues={issues}>
        <textarea id="noticeText" name="noticeText" rows={6} defaultValue={values.noticeText ?? ""} aria-invalid={invalid("noticeText")} />
      </Field>
    </>
  );
}
