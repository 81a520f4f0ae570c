import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { actorOf, requirePermission } from "~/utils/auth.server";
import { actionError, type ActionFailure } from "~/utils/http.server";
import { parseInput } from "~/utils/validation";
import { getJudgeProfile, updateJudgeProfile } from "~/modules/judging/assignments.server";
import { JudgeProfileSchema } from "~/modules/judging/schemas";
import { Field, FormMessage } from "~/components/field";
import { titled } from "~/utils/meta";

// /judging/profile — a judge's qualifications (rule S-20) and signing PIN (argon2id).
// The unit, which decides recusal (S-31), is recorded by an organiser.
export const meta = titled("judgingProfile");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "judging:score");
  return { profile: await getJudgeProfile(user.id) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "judging:score");
  try {
    const form = Object.fromEntries(await request.formData());
    const input = parseInput(JudgeProfileSchema.omit({ unitId: true }), form);
    await updateJudgeProfile(user, user.id, input, actorOf(user, context));
    return { ok: true as const };
  } catch (error) {
    return actionError(error, request);
  }
}

export default function JudgeProfilePage() {
  const { profile } = useLoaderData<typeof loader>();
  const result = useActionData<ActionFailure | { ok: true }>();
  const busy = useNavigation().state === "submitting";
  const { t } = useTranslation("judging");
  const issues = result && !result.ok ? result.issues : undefined;
  return (
    <>
      <p><Link to="/judging">← {t("title")}</Link></p>
      <h1>{t("profileTitle")}</h1>
      <FormMessage result={result} okText={t("profileSaved")} />
      <p className="muted">{t("unitByOrganiser", { unit: profile.unitName ?? t("noUnit") })}</p>
      <p><span className={`badge ${profile.hasPin ? "" : "badge-grey"}`}>{profile.hasPin ? t("pinSet") : t("pinNotSet")}</span></p>
      <section className="card">
        <Form method="post" className="stack" noValidate>
          <Field name="assessorCertNo" label={t("assessorCertNo")} issues={issues} defaultValue={profile.assessorCertNo} />
          <Field name="skillLevel" label={t("skillLevel")} issues={issues} defaultValue={profile.skillLevel} />
          <Field name="title" label={t("titleField")} issues={issues} defaultValue={profile.title} />
          <Field name="pin" label={t("newPin")} type="password" inputMode="numeric" autoComplete="new-password" issues={issues} />
          <button type="submit" className="button" disabled={busy}>{t("common:actions.save")}</button>
        </Form>
      </section>
    </>
  );
}
