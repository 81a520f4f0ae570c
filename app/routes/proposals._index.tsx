import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { titled } from "~/utils/meta";
import { hasPermission, requireUser } from "~/utils/auth.server";
import { forbidden } from "~/utils/errors";
import { asResponse } from "~/utils/http.server";
import { useLocalise } from "~/utils/use-localise";
import { listReviewSessions, markNotificationsRead, myProposals } from "~/modules/proposals/proposals.server";
import { ProposalsTable } from "~/modules/proposals/components";

// 合理化建议: the worker's own proposals and messages (phone first), the office's and the
// committee's way in (inbox, figures, review sessions).

export const meta = titled("proposals");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const manage = hasPermission(user, "proposal:manage");
  const review = hasPermission(user, "proposal:review");
  if (!hasPermission(user, "self:profile") && !manage && !review) return asResponse(forbidden(), request);
  const mine = await myProposals(user);
  const sessions = manage || review ? await listReviewSessions(user) : [];
  return { ...mine, manage, review, sessions, settings: hasPermission(user, "proposal:settings") };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  await markNotificationsRead(user);
  return redirect("/proposals");
}

export default function Proposals() {
  const { t } = useTranslation("proposals");
  const { date, message, paren } = useLocalise();
  const { linked, proposals, notifications, manage, review, sessions, settings } = useLoaderData<typeof loader>();
  const unread = notifications.filter((n) => !n.read).length;
  return (
    <>
      <h1>{t("myTitle")}</h1>
      {linked ? (
        <>
          <p className="muted">{t("myHelp")}</p>
          <p><Link className="button" to="/proposals/new">{t("newProposal")}</Link></p>
          {proposals.length === 0 ? <p className="muted">{t("none")}</p> : <ProposalsTable rows={proposals} />}
          <section className="card" aria-labelledby="notifications">
            <h2 id="notifications">{t("notifications")}{unread ? paren(`${t("unread")} ${unread}`) : ""}</h2>
            {notifications.length === 0 ? <p className="muted">{t("none")}</p> : (
              <ul>
                {notifications.map((n) => (
                  <li key={n.id}>
                    {n.read ? null : <strong>● </strong>}
                    <Link to={`/proposals/${n.proposalId}`}>{message(n.message)}</Link> <span className="muted small">{date(n.createdAt)}</span>
                  </li>
                ))}
              </ul>
            )}
            {unread ? <Form method="post"><button className="button button-secondary" type="submit">{t("markRead")}</button></Form> : null}
          </section>
        </>
      ) : <p className="muted">{t("notLinked")}</p>}
      {manage ? (
        <section className="card" aria-labelledby="office">
          <h2 id="office">{t("officeLinks")}</h2>
          <p><Link to="/proposals/inbox">{t("inboxNav")}</Link> · <Link to="/proposals/figures">{t("figuresNav")}</Link>{settings ? <> · <Link to="/proposals/settings">{t("settingsNav")}</Link></> : null}</p>
        </section>
      ) : null}
      {manage || review ? (
        <section className="card" aria-labelledby="sessions">
          <h2 id="sessions">{t("reviewSessions")}</h2>
          <p className="muted small">{t("reviewSessionsHelp")}</p>
          {sessions.length === 0 ? <p className="muted">{t("noSessions")}</p> : (
            <ul>{sessions.map((s) => <li key={s.id}><Link to={`/proposals/reviews/${s.id}`}>{s.name}</Link>{paren(s.proposals)}</li>)}</ul>
          )}
        </section>
      ) : null}
    </>
  );
}
