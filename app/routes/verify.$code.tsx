import type { LoaderFunctionArgs } from "@remix-run/node";
import { isRouteErrorResponse, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { verifyCertificate } from "~/modules/results/certificates.server";
import { verifyHonour, type HonourVerification } from "~/modules/honours/honours.server";
import { isAppError } from "~/utils/errors";
import { titled } from "~/utils/meta";
import { useLocalise } from "~/utils/use-localise";

// 证书核验, public (no sign-in): the record the server holds for a verification code. A
// forged PDF cannot pass, because only this record counts; an unknown code is a 404.

export const meta = titled("verify", undefined, [{ name: "robots", content: "noindex" }]);

export async function loader({ params }: LoaderFunctionArgs) {
  try {
    return await verifyCertificate(params.code ?? "");
  } catch (error) {
    if (isAppError(error) && error.status === 404) {
      // an honour certificate of the register (评选表彰, issue 13): same page, its own record
      const honour = await verifyHonour(params.code ?? "");
      if (honour) return honour;
      throw new Response(error.message, { status: 404, headers: { "Cache-Control": "no-store" } });
    }
    throw error;
  }
}

export default function VerifyCertificate() {
  const L = useLocalise();
  const { t } = useTranslation("publication");
  const record = useLoaderData<typeof loader>();
  if (record.kind === "honour") return <VerifyHonour honour={record} />;
  const valid = record.status === "valid";
  return (
    <article aria-labelledby="verify-title">
      <h1 id="verify-title">{t("verify.title")}</h1>
      <p className={valid ? "alert alert-ok" : "alert alert-error"} role="status">
        {t("verify.status")}{t("common:colon")}<strong>{valid ? t("verify.valid") : t("verify.revoked")}</strong>
      </p>
      <p className="muted">{t("verify.authentic")}</p>
      <dl className="card">
        <dt>{t("verify.number")}</dt><dd>{record.number}</dd>
        <dt>{t("name")}</dt><dd>{record.name}</dd>
        <dt>{t("unit")}</dt><dd>{record.unitName}</dd>
        <dt>{t("verify.contest")}</dt><dd>{record.contestName}</dd>
        <dt>{t("verify.event")}</dt><dd>{record.eventName}</dd>
        {record.kind === "team" ? (<><dt>{t("teams.team")}</dt><dd>{record.teamName}</dd></>) : null}
        <dt>{t("prize")}</dt><dd>{L.value(record.prize)}</dd>
        {record.outcomes.length ? (<><dt>{t("outcomes")}</dt><dd>{record.outcomes.map(L.value).join(t("common:semicolon"))}</dd></>) : null}
        <dt>{t("verify.issuer")}</dt><dd>{record.issuer}</dd>
        <dt>{t("verify.issuedAt")}</dt><dd>{L.day(record.issuedAt)}</dd>
        {record.revokedAt ? (<><dt>{t("verify.revokedAt")}</dt><dd>{L.day(record.revokedAt)}</dd></>) : null}
      </dl>
    </article>
  );
}

function VerifyHonour({ honour }: { honour: HonourVerification }) {
  const { t } = useTranslation("publication");
  const h = useTranslation("honours").t;
  const L = useLocalise();
  const valid = honour.status === "valid";
  return (
    <article aria-labelledby="verify-title">
      <h1 id="verify-title">{t("verify.title")}</h1>
      <p className={valid ? "alert alert-ok" : "alert alert-error"} role="status">
        {/* an honour is 撤销 (rules N-40 … N-42), not 作废 like a voided contest certificate */}
        {t("verify.status")}{t("common:colon")}<strong>{valid ? t("verify.valid") : h("revoked")}</strong>
      </p>
      <p className="muted">{t("verify.authentic")}</p>
      <dl className="card">
        <dt>{t("name")}</dt><dd>{honour.holderName}</dd>
        <dt>{t("unit")}</dt><dd>{honour.unitName}</dd>
        <dt>{h("honourTitle")}</dt><dd>{L.value(honour.title)}</dd>
        <dt>{h("level")}</dt><dd>{honour.level}</dd>
        <dt>{h("year")}</dt><dd>{honour.year}</dd>
        <dt>{t("verify.issuer")}</dt><dd>{honour.issuer}</dd>
        {honour.revokedAt ? (<><dt>{h("revokedOn")}</dt><dd>{L.day(honour.revokedAt)}</dd></>) : null}
        {honour.revocationReason ? (<><dt>{h("revocationReasonLabel")}</dt><dd data-testid="revocation-reason">{L.message(honour.revocationReason)}</dd></>) : null}
      </dl>
    </article>
  );
}

export function ErrorBoundary() {
  const { t } = useTranslation("publication");
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <section className="error-page" role="alert" aria-labelledby="verify-error">
      <p className="error-code" aria-hidden="true">{notFound ? 404 : 500}</p>
      <h1 id="verify-error">{notFound ? t("verify.notFound") : t("verify.title")}</h1>
      {notFound ? <p>{t("verify.notFoundBody")}</p> : null}
    </section>
  );
}
