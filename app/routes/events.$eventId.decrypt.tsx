import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { actorOf, requirePermission } from "~/utils/auth.server";
import { parseInput } from "~/utils/validation";
import { actionError, asResponse, type ActionFailure } from "~/utils/http.server";
import { Field, FormMessage } from "~/components/field";
import { loadDecryptionPage, openDecryptionLayer } from "~/modules/judging/review/decryption.server";
import { DecryptionStepSchema } from "~/modules/judging/review/schemas";
import { titled } from "~/utils/meta";
import { useLocalise } from "~/utils/use-localise";

// 解密 (rule S-34): the encryption officer only.

export const meta = titled<typeof loader>("decrypt", (d) => d.event.name);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "judging:encrypt");
  return loadDecryptionPage(user, params.eventId!).catch((error: unknown) => asResponse(error, request));
}

type Result = { ok: true; layer: number } | ActionFailure;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "judging:encrypt");
  try {
    const done = await openDecryptionLayer(user, params.eventId!, parseInput(DecryptionStepSchema, Object.fromEntries(await request.formData())), actorOf(user, context));
    return { ok: true as const, layer: done.layer };
  } catch (error) {
    return actionError(error, request);
  }
}

export default function DecryptPage() {
  const L = useLocalise();
  const { t } = useTranslation("review");
  const data = useLoaderData<typeof loader>();
  const result = useActionData<Result>();
  const { event, next, refusals, steps, mapping } = data;
  return (
    <>
      <p className="muted">{event.contestName}</p>
      <h1>{t("decrypt.title")}{t("common:colon")}{event.name}</h1>
      <p>{t("decrypt.help")}</p>
      <p>{t("decrypt.signedOff", { state: data.signedOff ? t("decrypt.yes") : t("decrypt.no") })} · {t("decrypt.recheckStatus", { status: data.recheckStatus ? t(`recheck.statuses.${data.recheckStatus}`) : "—" })}</p>
      <FormMessage result={result} okText={result?.ok ? t("decrypt.opened", { layer: result.layer }) : undefined} />
      {event.decryptedAt ? <p className="alert alert-ok">{t("decrypt.done")}</p> : next ? (
        <Form method="post" className="stack card">
          <input type="hidden" name="layer" value={next.layer} />
          <fieldset className="stack">
            <legend>{t("decrypt.witness")}</legend>
            <p className="muted small">{t("decrypt.witnessHelp")}</p>
            <Field name="witnessUsername" label={t("decrypt.witnessUsername")} autoComplete="off" issues={result && !result.ok ? result.issues : undefined} required />
            <Field name="witnessPin" type="password" inputMode="numeric" autoComplete="off" label={t("decrypt.witnessPin")} issues={result && !result.ok ? result.issues : undefined} />
            <Field name="witnessPassword" type="password" autoComplete="off" label={t("decrypt.witnessPassword")} issues={result && !result.ok ? result.issues : undefined} />
          </fieldset>
          <button className="button" type="submit">{t("decrypt.open", { name: t(`decrypt.layerNames.${next.layer}`) })}</button>
        </Form>
      ) : (
        <div className="alert alert-warn" role="status">{t("decrypt.refused")}<ul>{refusals.map((r) => <li key={r}>{r}</li>)}</ul></div>
      )}
      <h2>{t("decrypt.steps")}</h2>
      <ul>{steps.map((s) => <li key={s.layer}>{t(`decrypt.layerNames.${s.layer}`)} · {s.by} · {s.witnessName ?? ""} · {L.date(s.at)}</li>)}</ul>
      <h2 id="mapping-title">{t("decrypt.mapping")}</h2>
      <div className="table-wrap">
        <table aria-labelledby="mapping-title">
          <thead><tr><th>{t("console.station")}</th><th>{t("decrypt.entryNo")}</th><th>{t("theory.admissionNo")}</th><th>{t("decrypt.name")}</th><th>{t("decrypt.unit")}</th></tr></thead>
          <tbody>{mapping.map((m) => <tr key={m.stationCode}><td>{m.stationCode}</td><td>{m.entryNo}</td><td>{m.admissionNo ?? ""}</td><td>{m.name}</td><td>{m.unitName}</td></tr>)}</tbody>
        </table>
      </div>
    </>
  );
}
