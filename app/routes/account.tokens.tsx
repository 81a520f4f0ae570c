import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { actorOf, requireUser } from "~/utils/auth.server";
import { createApiToken, listApiTokens, revokeApiToken } from "~/modules/users/api-tokens.server";
import { CreateTokenFormSchema } from "~/modules/users/schemas";
import { parseInput } from "~/utils/validation";
import { actionError, type ActionFailure } from "~/utils/http.server";
import { badRequest } from "~/utils/errors";
import { Field, FormMessage } from "~/components/field";
import { titled } from "~/utils/meta";

// Personal API tokens. A new token travels once, in the action's response (never
// cached); revoking goes through a confirmation step reached by a link (?revoke=id),
// which works without JavaScript and changes nothing until the POST.

export const meta = titled("accountTokens");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { tokens: await listApiTokens(user), now: Date.now() };
}

type Created = { ok: true; intent: "create"; name: string; token: string };
type Revoked = { ok: true; intent: "revoke" };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = Object.fromEntries(await request.formData());
  const actor = actorOf(user, context);
  try {
    if (form.intent === "create") {
      const created = await createApiToken(user, parseInput(CreateTokenFormSchema, form), actor);
      const body: Created = { ok: true, intent: "create", name: created.name, token: created.token };
      return Response.json(body, { headers: { "Cache-Control": "no-store" } });
    }
    if (form.intent === "revoke" && typeof form.tokenId === "string") {
      await revokeApiToken(user, form.tokenId, actor);
      const body: Revoked = { ok: true, intent: "revoke" };
      return body;
    }
    throw badRequest("未知的操作 / unknown action");
  } catch (error) {
    return actionError(error, request);
  }
}

const formatTime = (d: Date | string) => new Date(d).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", dateStyle: "short", timeStyle: "short" });

function NewToken({ token }: { token: string }) {
  const { t } = useTranslation("users");
  const [copied, setCopied] = useState(false);
  return (
    <div className="alert alert-warn" role="status">
      <p><label htmlFor="new-token">{t("tokenShownOnce")}</label></p>
      <div className="toolbar">
        <input id="new-token" readOnly value={token} size={Math.min(token.length, 60)} onFocus={(e) => e.currentTarget.select()}
          aria-describedby="new-token-hint" spellCheck={false} autoComplete="off" />
        <button type="button" className="button button-secondary" onClick={async () => {
          await navigator.clipboard?.writeText(token);
          setCopied(true);
        }}>{copied ? t("tokenCopied") : t("tokenCopy")}</button>
      </div>
      <p id="new-token-hint" className="small">{t("tokenCopyHint")}</p>
    </div>
  );
}

export default function TokensPage() {
  const { t } = useTranslation("users");
  const { tokens, now } = useLoaderData<typeof loader>();
  const result = useActionData<Created | Revoked | ActionFailure>();
  const busy = useNavigation().state === "submitting";
  const [params] = useSearchParams();
  const issues = result && !result.ok ? result.issues : undefined;
  const confirming = tokens.find((tk) => tk.id === params.get("revoke") && !tk.revokedAt);
  const statusOf = (tk: (typeof tokens)[number]) =>
    tk.revokedAt ? t("tokenRevoked") : tk.expiresAt && new Date(tk.expiresAt).getTime() < now ? t("tokenExpired") : t("tokenActive");
  return (
    <>
      <p><Link to="/account">← {t("common:account.title")}</Link></p>
      <h1>{t("tokensTitle")}</h1>
      <section className="card">
        <p>{t("tokenHelp")}</p>
        <p className="muted small">{t("tokenHelpMore")}</p>
        <p className="small">{t("tokenExample")}:</p>
        <pre className="json">curl -H "Authorization: Bearer gs_…" {"https://<host>/api/v1/me"}</pre>
      </section>
      {result?.ok && result.intent === "create" ? <NewToken token={result.token} /> : null}
      <FormMessage result={result} okText={result?.ok && result.intent === "revoke" ? t("tokenRevokedMessage") : undefined} />
      {confirming ? (
        <section className="card" role="alertdialog" aria-labelledby="confirm-title" aria-describedby="confirm-body">
          <h2 id="confirm-title">{t("tokenRevokeConfirmTitle", { name: confirming.name })}</h2>
          <p id="confirm-body">{t("tokenRevokeConfirmBody")}</p>
          <Form method="post" action="/account/tokens" className="toolbar">
            <input type="hidden" name="intent" value="revoke" />
            <input type="hidden" name="tokenId" value={confirming.id} />
            <button type="submit" className="button" disabled={busy} autoFocus>{t("common:actions.revoke")}</button>
            <Link to="/account/tokens" className="button button-quiet">{t("common:actions.cancel")}</Link>
          </Form>
        </section>
      ) : null}
      <section className="card" aria-labelledby="create-title">
        <h2 id="create-title">{t("tokenCreate")}</h2>
        <Form method="post" action="/account/tokens" className="stack">
          <input type="hidden" name="intent" value="create" />
          <Field name="name" label={t("tokenName")} issues={issues} required maxLength={60} />
          <Field name="expiresInDays" label={t("tokenDays")} issues={issues} type="number" min={1} max={3650} inputMode="numeric" hint={t("tokenDaysHint")} />
          <button className="button" type="submit" disabled={busy}>{t("tokenCreate")}</button>
        </Form>
      </section>
      <h2 id="list-title">{t("tokenList")}</h2>
      <div className="table-wrap">
        <table aria-labelledby="list-title">
          <thead>
            <tr>
              <th scope="col">{t("tokenName")}</th><th scope="col">{t("tokenPrefix")}</th><th scope="col">{t("tokenCreated")}</th>
              <th scope="col">{t("tokenLastUsed")}</th><th scope="col">{t("tokenExpires")}</th><th scope="col">{t("tokenStatus")}</th>
              <th scope="col"><span className="visually-hidden">{t("common:actions.revoke")}</span></th>
            </tr>
          </thead>
          <tbody>
            {tokens.length === 0 ? <tr><td colSpan={7}>{t("tokenNone")}</td></tr> : tokens.map((tk) => (
              <tr key={tk.id} data-testid="token-row">
                <td>{tk.name}</td>
                <td><code>{tk.prefix}…</code></td>
                <td>{formatTime(tk.createdAt)}</td>
                <td>{tk.lastUsedAt ? formatTime(tk.lastUsedAt) : t("tokenNever")}</td>
                <td>{tk.expiresAt ? formatTime(tk.expiresAt) : t("tokenNoExpiry")}</td>
                <td><span className={tk.revokedAt ? "badge badge-grey" : "badge"}>{statusOf(tk)}</span></td>
                <td>
                  {tk.revokedAt ? null : (
                    <Link to={`?revoke=${tk.id}`} aria-label={`${t("common:actions.revoke")}: ${tk.name}`}>{t("common:actions.revoke")}</Link>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
