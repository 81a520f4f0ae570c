import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { actorOf, requireUser } from "~/utils/auth.server";
import { parseInput } from "~/utils/validation";
import { actionError, asResponse, type ActionFailure } from "~/utils/http.server";
import { Field, FormMessage } from "~/components/field";
import { fileAppeal, loadAppealForm } from "~/modules/judging/review/appeals.server";
import { AppealSchema } from "~/modules/judging/review/schemas";
import { titled } from "~/utils/meta";
import { useLocalise } from "~/utils/use-localise";

// 提出申诉 (rule S-42): the entrant, or the team leader naming the entrant by admission number.

const eventIdOf = (request: Request) => {
  const id = new URL(request.url).searchParams.get("eventId");
  if (!id) throw new Response("eventId?", { status: 404 });
  return id;
};

export const meta = titled<typeof loader>("appealNew", (d) => d.event.name);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return loadAppealForm(user, eventIdOf(request)).catch((error: unknown) => asResponse(error, request));
}

type Result = { ok: true } | ActionFailure;

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  try {
    await fileAppeal(user, eventIdOf(request), parseInput(AppealSchema, Object.fromEntries(await request.formData())), actorOf(user, context));
    return { ok: true as const };
  } catch (error) {
    return actionError(error, request);
  }
}

export default function NewAppealPage() {
  const L = useLocalise();
  const { t } = useTranslation("review");
  const data = useLoaderData<typeof loader>();
  const result = useActionData<Result>();
  return (
    <>
      <p className="muted">{data.event.contestName}</p>
      <h1>{t("appeals.newTitle")}{t("common:colon")}{data.event.name}</h1>
      <p>{data.deadline ? t("appeals.deadline", { at: L.date(data.deadline) }) : t("appeals.noDeadline")}</p>
      <FormMessage result={result} okText={t("appeals.filed")} />
      {data.open ? (
        <Form method="post" className="stack card">
          <Field name="text" label={t("appeals.text")} issues={result && !result.ok ? result.issues : undefined}>
            <textarea id="text" name="text" rows={6} required />
          </Field>
          {data.canLead ? <Field name="admissionNo" label={t("appeals.admissionNo")} required={!data.isEntrant} /> : null}
          <button className="button" type="submit">{t("appeals.fileSubmit")}</button>
        </Form>
      ) : <p className="alert alert-warn" role="alert">{t("appeals.closed")} {data.closedMessage}</p>}
      {data.mine.length ? (
        <>
          <h2>{t("appeals.mine")}</h2>
          <ul>{data.mine.map((a) => <li key={a.id}>{L.date(a.filedAt)} · {t(`appeals.status.${a.status}`)}{a.ruling ? `${t("common:colon")}${a.ruling}` : ""}</li>)}</ul>
        </>
      ) : null}
    </>
  );
}
