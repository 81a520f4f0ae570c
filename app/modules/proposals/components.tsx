import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useLocalise } from "~/utils/use-localise";
import { punctuation } from "~/utils/messages";
import { formatShare } from "./credit";
import { CATEGORY_LABELS, CATEGORY_LABELS_EN, GRADE_LABELS, GRADE_LABELS_EN, KIND_LABELS, KIND_LABELS_EN, type Category, type Grade, type Kind } from "./settings";
import { STATE_LABELS, STATE_LABELS_EN, type State } from "./workflow";

export type ProposalRow = {
  id: string; kind: string; category: string; title: string; state: string; unit: { name: string };
  authors: { memberId: string; name: string; share: number }[]; submittedAt: string | null;
  grade: string | null; gradeProvisional: boolean; confirmedBenefitYuan: number | null;
};

export function useProposalLabels() {
  const localise = useLocalise();
  const en = localise.locale === "en";
  return {
    ...localise,
    kind: (k: string) => (en ? KIND_LABELS_EN : KIND_LABELS)[k as Kind] ?? k,
    category: (c: string) => (en ? CATEGORY_LABELS_EN : CATEGORY_LABELS)[c as Category] ?? c,
    state: (s: string) => (en ? STATE_LABELS_EN : STATE_LABELS)[s as State] ?? s,
    grade: (g: string | null) => (g ? (en ? GRADE_LABELS_EN : GRADE_LABELS)[g as Grade] ?? g : "—"),
  };
}

export const yuan = (n: number | null | undefined) => (n === null || n === undefined ? "—" : `¥${n.toLocaleString("zh-CN")}`);
export const points = (hundredths: number | null | undefined) => (hundredths === null || hundredths === undefined ? "—" : (hundredths / 100).toFixed(2));

/** "甲 60%、乙 40%" / "A 60%, B 40%". */
export function authorsText(authors: ProposalRow["authors"], locale: "zh" | "en" = "zh") {
  return punctuation(locale).list(authors.map((a) => `${a.name} ${formatShare(a.share)}`));
}

/** Proposals as cards on a phone and a table on wider screens (the stylesheet's table becomes scrollable). */
export function ProposalsTable({ rows, showUnit = false }: { rows: ProposalRow[]; showUnit?: boolean }) {
  const { t } = useTranslation("proposals");
  const L = useProposalLabels();
  const { date, locale, paren } = useLocalise();
  return (
    <div className="table-wrap table-cards">
      <table className="cards-on-phone">
        <thead>
          <tr>
            <th scope="col">{t("title")}</th>
            <th scope="col">{t("kind")}</th>
            <th scope="col">{t("state")}</th>
            {showUnit ? <th scope="col">{t("unit")}</th> : null}
            <th scope="col">{t("authors")}</th>
            <th scope="col">{t("grade")}</th>
            <th scope="col">{t("submittedAt")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={p.id}>
              <td className="card-title"><Link to={`/proposals/${p.id}`}>{p.title}</Link></td>
              <td data-label={t("kind")}>{L.kind(p.kind)} · {L.category(p.category)}</td>
              <td data-label={t("state")}>{L.state(p.state)}</td>
              {showUnit ? <td data-label={t("unit")}>{p.unit.name}</td> : null}
              <td data-label={t("authors")}>{authorsText(p.authors, locale)}</td>
              <td data-label={t("grade")}>{L.grade(p.grade)}{p.grade && p.gradeProvisional ? paren(t("provisional")) : ""}</td>
              <td data-label={t("submittedAt")}>{p.submittedAt ? date(p.submittedAt, false) : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** 财务's answer to the reported figure: confirm with the reference, or refuse with a reason. */
export function BenefitAnswer({ busy, proposalId }: { busy: boolean; proposalId?: string }) {
  const { t } = useTranslation("proposals");
  const suffix = proposalId ? `-${proposalId}` : "";
  return (
    <section className="card" aria-labelledby={`finance${suffix}`}>
      <h2 id={`finance${suffix}`}>{t("financeAnswer")}</h2>
      <Form method="post">
        <input type="hidden" name="intent" value="benefit-confirmation" />{proposalId ? <input type="hidden" name="proposalId" value={proposalId} /> : null}<input type="hidden" name="decision" value="confirm" />
        <div className="field"><label htmlFor={`financeReference${suffix}`}>{t("financeReference")}</label><input id={`financeReference${suffix}`} name="financeReference" maxLength={60} required /></div>
        <button className="button" type="submit" disabled={busy}>{t("confirmBenefit")}</button>
      </Form>
      <Form method="post">
        <input type="hidden" name="intent" value="benefit-confirmation" />{proposalId ? <input type="hidden" name="proposalId" value={proposalId} /> : null}<input type="hidden" name="decision" value="refuse" />
        <div className="field"><label htmlFor={`refusal${suffix}`}>{t("refusalReason")}</label><input id={`refusal${suffix}`} name="reason" maxLength={500} required minLength={2} /></div>
        <button className="button button-secondary" type="submit" disabled={busy}>{t("refuseBenefit")}</button>
      </Form>
    </section>
  );
}

