import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { actorOf, requirePermission } from "~/utils/auth.server";
import { actionError, asResponse, type ActionFailure } from "~/utils/http.server";
import { FormMessage } from "~/components/field";
import { getMember, unitOptions, updateMember } from "~/modules/members/members.server";
import { MEMBER_FLAGS, withUntickedFlags } from "~/modules/members/member-fields";
import { MemberForm } from "~/modules/members/member-form";
import { titled } from "~/utils/meta";
import { createLinkCode, linkStatus } from "~/modules/members/member-identity.server";
import { useLocalise } from "~/utils/use-localise";

export const meta = titled<typeof loader>("member", (d) => d.member.name);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "member:read");
  const { member, canWrite } = await getMember(user, params.memberId!).catch((error: unknown) => asResponse(error, request));
  const units = canWrite ? await unitOptions(user, "member:write") : [];
  // the account link is the unit contact's business (decision 009): shown to member:write only
  const link = canWrite ? await linkStatus(member.id) : null;
  return { member, canWrite, link, units: units.map((u) => ({ id: u.id, name: u.name, depth: u.depth })) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "member:write");
  const formData = await request.formData();
  try {
    if (formData.get("intent") === "link-code") {
      // issue 10 item 5, decision 009: the unit contact hands this one-time code to the worker
      const issued = await createLinkCode(user, params.memberId!, actorOf(user, context));
      return { ok: true as const, issued };
    }
    const form: Record<string, unknown> = withUntickedFlags(Object.fromEntries(formData));
    delete form.intent;
    // A blank ID number field means "keep": people without member:read-id never see the number.
    if (typeof form.idNumber === "string" && form.idNumber.trim() === "") delete form.idNumber;
    await updateMember(user, params.memberId!, form, actorOf(user, context));
    return { ok: true as const };
  } catch (error) {
    return actionError(error, request);
  }
}

export default function MemberPage() {
  const L = useLocalise();
  const { t } = useTranslation("members");
  const { member, canWrite, link, units } = useLoaderData<typeof loader>();
  const result = useActionData<{ ok: true; issued?: { code: string; expiresAt: string } } | ActionFailure>();
  const issued = result?.ok ? result.issued ?? null : null;
  // Beijing time, formatted by hand so the server and the browser render the same text
  const when = (iso: string) => `${new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace("T", " ")} (UTC+8)`;
  const [params] = useSearchParams();
  const justCreated = params.get("created") === "1" && !result;
  const yesNo = (v: boolean) => (v ? t("yes") : t("no"));
  return (
    <>
      <p><Link to="/members">← {t("viewAll")}</Link></p>
      <h1>{member.name}</h1>
      {justCreated ? <div className="alert alert-ok" role="status">{t("created")}</div> : null}
      {member.supersededById ? (
        <div className="alert alert-warn" role="status">{t("supersededNotice")} <Link to={`/members/${member.supersededById}`}>{t("openKept")}</Link></div>
      ) : null}
      {issued ? (
        <div className="alert alert-ok" role="status">{t("codeIssued", { code: issued.code, at: when(issued.expiresAt) })}</div>
      ) : (
        <FormMessage result={result} okText={t("updated")} />
      )}
      <section className="card" aria-labelledby="details-title">
        <h2 id="details-title">{t("details")}</h2>
        <dl className="grid">
          <div><dt className="label">{t("idNumber")}</dt><dd><code>{member.idNumber}</code> <span className="muted small">{member.idNumberRevealed ? t("idRevealed") : t("idMasked")}</span></dd></div>
          <div><dt className="label">{t("sex")}</dt><dd>{L.value(member.sex)}</dd></div>
          <div><dt className="label">{t("ethnicity")}</dt><dd>{member.ethnicity}</dd></div>
          <div><dt className="label">{t("birthDate")}</dt><dd>{member.birthDate}</dd></div>
          <div><dt className="label">{t("phone")}</dt><dd>{member.phone ?? t("none")}</dd></div>
          <div><dt className="label">{t("unit")}</dt><dd>{member.orgName}</dd></div>
          <div><dt className="label">{t("post")}</dt><dd>{member.post ?? t("none")}</dd></div>
          <div><dt className="label">{t("skillLevel")}</dt><dd>{member.skillLevel ? L.value(member.skillLevel) : t("none")}</dd></div>
          <div><dt className="label">{t("title_")}</dt><dd>{member.title ?? t("none")}</dd></div>
          <div><dt className="label">{t("employmentStatus")}</dt><dd>{L.value(member.employmentStatus)}</dd></div>
          {MEMBER_FLAGS.map((f) => <div key={f}><dt className="label">{t(f)}</dt><dd>{yesNo(member[f])}</dd></div>)}
        </dl>
      </section>
      {canWrite && link && !member.supersededById ? (
        <section className="card" aria-labelledby="link-title">
          <h2 id="link-title">{t("accountLinkTitle")}</h2>
          {link.linked ? <p>{t("accountLinked")}</p> : (
            <>
              <p>{t("accountNotLinked")} {t("generateCodeHelp")}</p>
              {link.pendingCodeExpiresAt && !issued ? <p className="muted">{t("pendingCode", { at: when(link.pendingCodeExpiresAt) })}</p> : null}
              <Form method="post">
                <input type="hidden" name="intent" value="link-code" />
                <button className="button button-secondary" type="submit">{t("generateCode")}</button>
              </Form>
            </>
          )}
        </section>
      ) : null}
      {canWrite ? (
        <section className="card" aria-labelledby="edit-title">
          <h2 id="edit-title">{t("editMember")}</h2>
          <MemberForm key={member.updatedAt} units={units} member={member} issues={result && !result.ok ? result.issues : undefined} canSeeFullId={member.idNumberRevealed} />
        </section>
      ) : null}
    </>
  );
}
