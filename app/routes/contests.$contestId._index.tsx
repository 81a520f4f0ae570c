import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { actorOf, hasPermission, requirePermission } from "~/utils/auth.server";
import { actionError, asResponse, type ActionFailure } from "~/utils/http.server";
import { parseInput } from "~/utils/validation";
import { Field, FormMessage } from "~/components/field";
import {
  addCommitteeMember, archiveContest, attachRules, committeeCandidates, closeRegistration, getContest, openRegistration, readinessOf, removeCommitteeMember, rulesFileInfo,
  RULES_MAX_BYTES, templateOptions,
} from "~/modules/contests/contests.server";
import { deleteEvent, describeScheme } from "~/modules/contests/events.server";
import { readUploadForm } from "~/modules/files/files.server";
import { CommitteeMemberInputSchema } from "~/modules/contests/schemas";
import { COMMITTEE_GROUPS } from "~/modules/contests/event-rules";
import { formatChinaDay } from "~/modules/contests/dates";
import type { FieldIssue } from "~/utils/errors";
import { useLocalise } from "~/utils/use-localise";
import { lifecycleOf } from "~/modules/contests/lifecycle.server";
import { stagePrompt } from "~/modules/contests/lifecycle";
import { StagePrompt } from "~/components/stage-prompt";
import { titled } from "~/utils/meta";

export const meta = titled<typeof loader>("contest", (d) => d.contest.name);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "contest:read");
  const detail = await getContest(user, params.contestId!).catch((error: unknown) => asResponse(error, request));
  const { rawEvents, ...rest } = detail;
  const schemeValid = Object.fromEntries(rawEvents.map((e) => [e.id, describeScheme(e).valid]));
  const readiness = detail.canManage && (detail.contest.status === "draft" || detail.contest.status === "closed")
    ? await readinessOf(detail.contest.id)
    : null;
  const template = detail.contest.templateId ? await templateOptions(user).then((list) => list.find((c) => c.id === detail.contest.templateId)) : undefined;
  const rules = await rulesFileInfo(detail.contest.rulesFileId);
  const lifecycle = (await lifecycleOf([detail.contest.id])).get(detail.contest.id)!;
  const candidates = detail.canManage ? await committeeCandidates(user, detail.contest.id) : [];
  const found = stagePrompt(lifecycle.stage, { contestId: detail.contest.id });
  // Steps taken on this page (open, close, archive) need no link to it.
  const prompt = found && found.href === `/contests/${detail.contest.id}` ? { ...found, href: null } : found;
  const canAct = !!prompt && hasPermission(user, prompt.permission, detail.orgPath);
  const canAlso = !!prompt?.also && hasPermission(user, prompt.also.permission);
  return { ...rest, schemeValid, readiness, templateName: template?.name ?? null, rules, lifecycle, candidates, prompt, canAct, canAlso };
}

type ActionResult = { ok: true; intent: string; warnings?: FieldIssue[] } | ActionFailure;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "contest:manage");
  const actor = actorOf(user, context);
  const contestId = params.contestId!;
  try {
    if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
      const upload = await readUploadForm(request, RULES_MAX_BYTES);
      await attachRules(user, contestId, upload.get("rules"), actor);
      return { ok: true as const, intent: "rules" };
    }
    const form = Object.fromEntries(await request.formData());
    switch (form.intent) {
      case "open-registration": {
        const { warnings } = await openRegistration(user, contestId, actor);
        return { ok: true as const, intent: "opened", warnings };
      }
      case "close-registration":
        await closeRegistration(user, contestId, actor);
        return { ok: true as const, intent: "closed" };
      case "archive":
        await archiveContest(user, contestId, actor);
        return { ok: true as const, intent: "archived" };
      case "add-committee":
        await addCommitteeMember(user, contestId, parseInput(CommitteeMemberInputSchema, form), actor);
        return { ok: true as const, intent: "added" };
      case "remove-committee":
        await removeCommitteeMember(user, contestId, String(form.memberId ?? ""), actor);
        return { ok: true as const, intent: "removed" };
      case "delete-event":
        await deleteEvent(user, String(form.eventId ?? ""), actor);
        return { ok: true as const, intent: "deleted" };
      default:
        return Response.json({ ok: false, message: "未知操作 / unknown action", issues: [] }, { status: 400 });
    }
  } catch (error) {
    return actionError(error, request);
  }
}

const OK_TEXT: Record<string, string> = { rules: "overview.rulesAttached", opened: "overview.opened", closed: "overview.closed", added: "committee.added", removed: "committee.removed", deleted: "events.deleted", archived: "lifecycle.archived" };

export default function ContestOverviewPage() {
  const L = useLocalise();
  const { t } = useTranslation("contests");
  const { contest, committee, events, canManage, schemeValid, readiness, templateName, rules, lifecycle, candidates, prompt, canAct, canAlso } = useLoaderData<typeof loader>();
  const result = useActionData<ActionResult>();
  const issues = result && !result.ok ? result.issues : undefined;
  const day = (d: Date | string | null) => formatChinaDay(d) || t("none");
  return (
    <>
      <p><Link to="/contests">← {t("backToList")}</Link></p>
      <h1>{contest.name}</h1>
      <p>
        <span className={contest.status === "open" ? "badge" : "badge badge-grey"} data-testid="contest-status">{t(`status.${contest.status}`)}</span>{" "}
        <span className="badge" data-testid="contest-stage">{t("lifecycle.stage")}{t("common:colon")}{t(`lifecycle.stages.${lifecycle.stage}`)}</span>{" "}
        {canManage && contest.status !== "finished" ? <Link to={`/contests/${contest.id}/edit`}>{t("editContest")}</Link> : null}
      </p>
      {canManage ? <p className="alert alert-ok" role="note" data-testid="next-step">{t(`lifecycle.next.${lifecycle.stage}`)}</p> : null}
      <StagePrompt stage={lifecycle.stage} prompt={prompt} canAct={canAct} canAlso={canAlso} />
      {canManage && lifecycle.stage === "published" ? (
        <Form method="post">
          <input type="hidden" name="intent" value="archive" />
          <button className="button button-secondary" type="submit">{t("lifecycle.archive")}</button>
        </Form>
      ) : null}
      <FormMessage result={result} okText={result?.ok ? t(OK_TEXT[result.intent] ?? "saved") : undefined} />
      {result?.ok && result.warnings?.length ? (
        <div className="alert alert-warn" role="status">
          {t("overview.warnings")}
          <ul>{result.warnings.map((w, i) => <li key={i}>{L.message(w.message)}</li>)}</ul>
        </div>
      ) : null}

      <div className="grid">
        <section className="card" aria-labelledby="basics-title">
          <h2 id="basics-title">{t("overview.basics")}</h2>
          <dl>
            <dt className="label">{t("fields.orgId")}</dt><dd>{contest.orgName}</dd>
            <dt className="label">{t("fields.kind")}</dt><dd>{t(`kinds.${contest.kind}`, { defaultValue: contest.kind })}</dd>
            <dt className="label">{t("fields.level")}</dt><dd>{t(`levels.${contest.level}`, { defaultValue: contest.level })} · {contest.contestClass ? t(`classes.${contest.contestClass}`, { defaultValue: contest.contestClass }) : ""}</dd>
            <dt className="label">{t("overview.hosts")}</dt><dd>{contest.hosts.join(t("common:listSeparator")) || t("none")}</dd>
            <dt className="label">{t("overview.coHosts")}</dt><dd>{contest.coHosts.join(t("common:listSeparator")) || t("none")}</dd>
            {contest.templateId ? (<><dt className="label">{t("overview.template")}</dt><dd><Link to={`/contests/${contest.templateId}`}>{templateName ?? contest.templateId}</Link></dd></>) : null}
          </dl>
        </section>
        <section className="card" aria-labelledby="dates-title">
          <h2 id="dates-title">{t("overview.dates")}</h2>
          <dl>
            <dt className="label">{t("overview.registrationWindow")}</dt><dd>{day(contest.registrationOpensAt)} — {day(contest.registrationClosesAt)}</dd>
            <dt className="label">{t("overview.contestDates")}</dt><dd>{day(contest.startsAt)} — {day(contest.endsAt)}</dd>
            <dt className="label">{t("overview.appealWindow")}</dt><dd>{t("overview.minutes", { count: contest.appealWindowMinutes })}</dd>
          </dl>
        </section>
      </div>

      {canManage && readiness ? (
        <section className="card" aria-labelledby="status-title">
          <h2 id="status-title">{t("overview.statusActions")}</h2>
          {readiness.problems.length ? (
            <div className="alert alert-error" role="note">
              {t("overview.notReady")}
              <ul>{readiness.problems.map((p, i) => <li key={i}>{L.message(p.message)}</li>)}</ul>
            </div>
          ) : null}
          {readiness.warnings.length ? (
            <div className="alert alert-warn" role="note">
              {t("overview.warnings")}
              <ul>{readiness.warnings.map((w, i) => <li key={i}>{w.eventName}{t("common:colon")}{L.message(w.message)}</li>)}</ul>
            </div>
          ) : null}
          <Form method="post">
            <input type="hidden" name="intent" value="open-registration" />
            <button className="button" type="submit">{t("overview.openRegistration")}</button>
          </Form>
        </section>
      ) : null}
      {canManage && contest.status === "open" ? (
        <section className="card" aria-labelledby="status-title">
          <h2 id="status-title">{t("overview.statusActions")}</h2>
          <Form method="post">
            <input type="hidden" name="intent" value="close-registration" />
            <button className="button button-secondary" type="submit">{t("overview.closeRegistration")}</button>
          </Form>
        </section>
      ) : null}

      <section className="card" aria-labelledby="rules-title">
        <h2 id="rules-title">{t("overview.rules")}</h2>
        {rules ? (
          <p><a href={`/contests/${contest.id}/rules.pdf`} download>{rules.filename}</a> <span className="muted small">{t("common:inParens", { text: `${Math.ceil(rules.size / 1024)} KB` })}</span></p>
        ) : <p className="muted">{t("overview.noRules")}</p>}
        {canManage && contest.status !== "finished" ? (
          <Form method="post" encType="multipart/form-data" className="stack">
            <Field name="rules" label={t("fields.rules")} issues={issues} hint={t("overview.rulesHint")}>
              <input id="rules" name="rules" type="file" accept="application/pdf,.pdf" required aria-describedby="rules-hint" />
            </Field>
            <button className="button button-secondary" type="submit">{t("overview.uploadRules")}</button>
          </Form>
        ) : null}
      </section>

      {contest.noticeText ? (
        <section className="card" aria-labelledby="notice-title">
          <h2 id="notice-title">{t("overview.notice")}</h2>
          <p style={{ whiteSpace: "pre-wrap" }}>{contest.noticeText}</p>
        </section>
      ) : null}

      <h2 id="events-title">{t("overview.events")}</h2>
      {events.length ? (
        <div className="table-wrap">
          <table aria-labelledby="events-title">
            <thead>
              <tr>
                <th scope="col">{t("columns.name")}</th>
                <th scope="col">{t("events.mode")}</th>
                <th scope="col">{t("columns.quota")}</th>
                <th scope="col">{t("events.schemeState")}</th>
                <th scope="col">{t("lifecycle.stage")}</th>
                <th scope="col">{t("columns.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.id}>
                  <td><Link to={`/contests/${contest.id}/events/${e.id}`}>{e.name}</Link></td>
                  <td>{t(`events.modes.${e.mode}`, { defaultValue: e.mode })}{e.teamSize ? ` · ${e.teamSize}` : ""}</td>
                  <td>{e.unitQuota ?? "—"}</td>
                  <td>{schemeValid[e.id] ? t("events.schemeValid") : <strong>{t("events.schemeMissing")}</strong>}</td>
                  <td><span className="badge badge-grey">{lifecycle.events[e.id] ? t(`lifecycle.stages.${lifecycle.events[e.id].stage}`) : ""}</span></td>
                  <td>
                    <Link to={`/contests/${contest.id}/events/${e.id}/scheme`} aria-label={`${e.name} ${t("events.scheme")}`}>{t("events.scheme")}</Link>
                    {canManage && contest.status === "draft" ? (
                      <Form method="post" style={{ display: "inline" }}>
                        <input type="hidden" name="intent" value="delete-event" />
                        <input type="hidden" name="eventId" value={e.id} />
                        <button className="link-button" type="submit" aria-label={`${t("events.delete")} ${e.name}`}>{t("common:actions.delete")}</button>
                      </Form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : <p className="muted">{t("events.empty")}</p>}
      {canManage && contest.status === "draft" ? <p><Link className="button button-secondary" to={`/contests/${contest.id}/events/new`}>{t("events.newEvent")}</Link></p> : null}

      <h2 id="committee-title">{t("overview.committee")}</h2>
      <div className="grid">
        {COMMITTEE_GROUPS.map((group) => {
          const members = committee.filter((m) => m.group === group);
          return (
            <section className="card" key={group} aria-label={t(`groups.${group}`)}>
              <h3>{t(`groups.${group}`)}</h3>
              {members.length ? (
                <ul>
                  {members.map((m) => (
                    <li key={m.id}>
                      {m.name}{m.duty ? `${t("common:inParens", { text: m.duty })}` : ""}
                      {canManage ? (
                        <Form method="post" style={{ display: "inline" }}>
                          <input type="hidden" name="intent" value="remove-committee" />
                          <input type="hidden" name="memberId" value={m.id} />
                          <button className="link-button" type="submit" aria-label={t("committee.removeLabel", { name: m.name })}>{t("committee.remove")}</button>
                        </Form>
                      ) : null}
                    </li>
                  ))}
                </ul>
              ) : <p className="muted small">{t("committee.empty")}</p>}
            </section>
          );
        })}
      </div>
      {canManage ? (
        <section className="card" aria-labelledby="add-committee-title">
          <h3 id="add-committee-title">{t("committee.add")}</h3>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="add-committee" />
            <Field name="group" label={t("committee.group")} issues={issues}>
              <select id="group" name="group" required>
                {COMMITTEE_GROUPS.map((g) => <option key={g} value={g}>{t(`groups.${g}`)}</option>)}
              </select>
            </Field>
            <Field name="userId" label={t("committee.account")} issues={issues} id="committee-account" hint={t("committee.accountHint")}>
              <select id="committee-account" name="userId" defaultValue="" aria-describedby="userId-hint">
                <option value="">{t("committee.noAccount")}</option>
                {candidates.map((c) => <option key={c.id} value={c.id}>{c.displayName}{t("common:inParens", { text: c.username })}</option>)}
              </select>
            </Field>
            <Field name="name" label={t("committee.name")} required issues={issues} id="committee-name" />
            <Field name="duty" label={t("committee.duty")} issues={issues} id="committee-duty" />
            <button className="button button-secondary" type="submit">{t("committee.add")}</button>
          </Form>
        </section>
      ) : null}
    </>
  );
}
