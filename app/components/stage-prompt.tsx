import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { STAGES, type Stage, type StagePrompt as Prompt } from "~/modules/contests/lifecycle";
import { useLocalise } from "~/utils/use-localise";

/**
 * The lifecycle in a page header (issue 12 item 2): every stage in order with the current one
 * marked, the next step with a link for the person who takes it, and the guard that holds the
 * step after it. `canAct` / `canAlso` come from the loader (the viewer's grants); the pages
 * linked check again.
 */
export function StagePrompt({ stage, prompt, canAct, canAlso }: { stage: Stage; prompt: Prompt | null; canAct: boolean; canAlso: boolean }) {
  const { t } = useTranslation("contests");
  const L = useLocalise();
  const at = STAGES.indexOf(stage);
  return (
    <section className="stage-prompt" aria-label={t("lifecycle.stage")} data-testid="stage-prompt">
      <ol className="stage-steps">
        {STAGES.map((s, i) => (
          <li key={s} className={i < at ? "done" : i === at ? "current" : undefined} aria-current={i === at ? "step" : undefined}>{t(`lifecycle.stages.${s}`)}</li>
        ))}
      </ol>
      {prompt ? (
        <div className="stage-next">
          <p>
            <strong>{t("lifecycle.nextLabel")}</strong>{t(`lifecycle.actions.${prompt.action}`)}
            {canAct && prompt.href ? <> <Link className="button button-small" to={prompt.href} data-testid="stage-action">{t(`lifecycle.actions.${prompt.action}`)} →</Link></> : null}
            {!canAct ? <span className="muted small"> {t(`lifecycle.who.${prompt.permission}`)}</span> : null}
          </p>
          {prompt.also && canAlso ? <p><Link className="button button-secondary button-small" to={prompt.also.href}>{t(`lifecycle.actions.${prompt.also.action}`)} →</Link></p> : null}
          {prompt.blocked ? <p className="alert alert-warn" role="note" data-testid="stage-blocked">{L.message(prompt.blocked)}</p> : null}
        </div>
      ) : null}
    </section>
  );
}
