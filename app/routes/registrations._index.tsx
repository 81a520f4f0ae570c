import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { hasPermission, requirePermission } from "~/utils/auth.server";
import { isReviewer, listMyRegistrations, listOpenEvents } from "~/modules/registration/registration.server";
import { beijingTime, StatusBadge, Trail } from "~/modules/registration/components";
import { titled } from "~/utils/meta";
import { useLocalise } from "~/utils/use-localise";

export const meta = titled("registrations");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "self:profile");
  const [registrations, events, reviewer] = await Promise.all([listMyRegistrations(user), listOpenEvents(), isReviewer(user)]);
  return {
    linked: !!user.memberId,
    registrations,
    events: events.map((e) => ({ id: e.id, name: e.name, trade: e.trade, groupName: e.groupName, mode: e.mode, teamSize: e.teamSize,
      contestName: e.contest.name, closesAt: e.contest.registrationClosesAt?.toISOString() ?? null })),
    canUnit: hasPermission(user, "registration:unit"),
    canReview: reviewer,
  };
}

export default function MyRegistrations() {
  const L = useLocalise();
  const { t } = useTranslation("registration");
  const { linked, registrations, events, canUnit, canReview } = useLoaderData<typeof loader>();
  const registeredEvents = new Set(registrations.filter((r) => r.status !== "withdrawn").map((r) => r.event.id));
  return (
    <>
      <h1>{t("title")}</h1>
      {canUnit || canReview ? (
        <p className="toolbar">
          {canUnit ? <Link className="button button-secondary" to="/registrations/unit">{t("unitLink")}</Link> : null}
          {canReview ? <Link className="button button-secondary" to="/registrations/review">{t("reviewLink")}</Link> : null}
        </p>
      ) : null}
      {!linked ? (
        <div className="alert alert-warn" role="status">
          {t("notLinked")} <Link to="/account/member">{t("linkNow")}</Link>
        </div>
      ) : null}

      <section aria-labelledby="mine-title">
        <h2 id="mine-title">{t("myTitle")}</h2>
        {registrations.length === 0 ? <p className="muted">{t("noRegistrations")}</p> : (
          <div>
            {registrations.map((r) => (
              <article key={r.id} className="card" aria-labelledby={`reg-${r.id}`} data-testid="my-registration">
                <h3 id={`reg-${r.id}`}>{r.contest.name} · {r.event.name}</h3>
                <p>
                  <StatusBadge status={r.status} />{" "}
                  {r.waitingStep ? <span className="muted">{t("waitingAt")}{t("common:colon")}{t(`steps.${r.waitingStep}`)}</span> : null}
                  {r.admissionNo ? <span> {t("admissionNo")}{t("common:colon")}<strong>{r.admissionNo}</strong></span> : null}
                </p>
                {r.status === "returned" ? (
                  <div className="alert alert-error" role="note">
                    {t("returnedBy")}{t("common:colon")}{t(`steps.${r.returnedStep}`)}{t("common:semicolon")}{t("returnReason")}{t("common:colon")}{r.returnReason}
                  </div>
                ) : null}
                <details>
                  <summary id={`trail-${r.id}`}>{t("trail")}</summary>
                  <Trail trail={r.trail} id={`trail-${r.id}`} />
                </details>
                <p className="toolbar">
                  <Link to={`/registrations/${r.id}`}>{r.status === "returned" ? t("resubmitTitle") : t("details")}</Link>
                  {r.status === "approved" && r.admissionNo ? (
                    <>
                      <a href={`/tickets/${r.id}.pdf`} download>{t("downloadTicket")}</a>
                      <Link to={`/leaderboard/${r.event.id}`}>{t("leaderboardLink")}</Link>
                      <Link to="/my-results">{t("myResultsLink")}</Link>
                    </>
                  ) : null}
                  {r.status !== "withdrawn" && r.windowOpen ? (
                    <Form method="post" action={`/registrations/${r.id}`}
                      onSubmit={(e) => { if (!confirm(t("withdrawConfirm"))) e.preventDefault(); }}>
                      <input type="hidden" name="intent" value="withdraw" />
                      <button type="submit" className="button button-secondary">{t("withdraw")}</button>
                    </Form>
                  ) : null}
                </p>
              </article>
            ))}
          </div>
        )}
      </section>

      <section aria-labelledby="open-title">
        <h2 id="open-title">{t("openEvents")}</h2>
        {events.length === 0 ? <p className="muted">{t("noOpenEvents")}</p> : (
          <ul className="grid" style={{ listStyle: "none", padding: 0 }}>
            {events.map((e) => (
              <li key={e.id} className="card" data-testid="open-event">
                <h3>{e.name}</h3>
                <p className="muted small">{e.contestName}</p>
                <p>
                  {t("trade")}{t("common:colon")}{e.trade} · {t("group")}{t("common:colon")}{L.value(e.groupName)} ·{" "}
                  {e.mode === "team" ? (e.teamSize ? t("modeTeam", { size: e.teamSize }) : t("modeTeamAny")) : t("modeIndividual")}
                </p>
                <p className="small">{t("closesAt", { at: beijingTime(e.closesAt) })}</p>
                {linked && !registeredEvents.has(e.id)
                  ? <Link className="button" to={`/registrations/new?eventId=${e.id}`} aria-label={`${t("register")}${t("common:colon")}${e.name}`}>{t("register")}</Link>
                  : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
