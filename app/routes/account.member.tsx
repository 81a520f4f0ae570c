import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { actorOf, requireUser } from "~/utils/auth.server";
import { parseInput } from "~/utils/validation";
import { actionError, type ActionFailure } from "~/utils/http.server";
import { Field, FormMessage } from "~/components/field";
import { getOwnMember } from "~/modules/members/members.server";
import { redeemLinkCode } from "~/modules/members/member-identity.server";
import { RedeemLinkCodeSchema } from "~/modules/members/schemas";
import { MEMBER_FLAGS } from "~/modules/members/member-fields";
import { titled } from "~/utils/meta";
import { useLocalise } from "~/utils/use-localise";

export const meta = titled("accountMember");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { member: await getOwnMember(user) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  try {
    // Linking needs the one-time code from the unit contact; a name and an ID number alone
    // link nothing (issue 10 item 5, decision 009).
    const input = parseInput(RedeemLinkCodeSchema, Object.fromEntries(await request.formData()));
    await redeemLinkCode(user, input.code, actorOf(user, context));
    return { ok: true as const };
  } catch (error) {
    return actionError(error, request);
  }
}

export default function AccountMember() {
  const L = useLocalise();
  const { t } = useTranslation("members");
  const { member } = useLoaderData<typeof loader>();
  const result = useActionData<{ ok: true } | ActionFailure>();
  const yesNo = (v: boolean) => (v ? t("yes") : t("no"));
  return (
    <>
      <p><Link to="/account">← {t("common:account.title")}</Link></p>
      <h1>{member ? t("ownTitle") : t("linkTitle")}</h1>
      <FormMessage result={result} okText={t("common:account.linked")} />
      {member ? (
        <section className="card" aria-label={t("ownTitle")}>
          <p>{t("common:account.linkedTo", { name: member.name, org: member.orgName })}</p>
          <dl className="grid">
            <div><dt className="label">{t("idNumber")}</dt><dd><code>{member.idNumber}</code></dd></div>
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
      ) : (
        <section className="card">
          <p>{t("linkCodeHelp")}</p>
          <Form method="post" className="stack" noValidate>
            <Field name="code" label={t("linkCodeLabel")} required issues={result && !result.ok ? result.issues : undefined} autoComplete="one-time-code" maxLength={20} hint={t("linkCodeHint")} />
            <button className="button" type="submit">{t("linkCodeSubmit")}</button>
          </Form>
        </section>
      )}
    </>
  );
}
