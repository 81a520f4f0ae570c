import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/utils/auth.server";
import { describeGrants } from "~/modules/users/users.server";
import { loadHomeTasks } from "~/modules/home/home.server";
import { totalTasks } from "~/modules/home/tasks";
import { useLocalise } from "~/utils/use-localise";
import { titled } from "~/utils/meta";

// 工作台: each role's home is a to-do list (issue 12 item 3), not a copy of the menu (the menu is above).
export const meta = titled("home");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [grants, tasks] = await Promise.all([describeGrants(user), loadHomeTasks(user)]);
  return { displayName: user.displayName, grants, tasks };
}

export default function Dashboard() {
  const { t } = useTranslation();
  const { t: th } = useTranslation("home");
  const { date } = useLocalise();
  const { displayName, grants, tasks } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("home.welcome", { name: displayName })}</h1>
      <section className="card" aria-labelledby="tasks-heading">
        <h2 id="tasks-heading">{th("heading")}</h2>
        {tasks.length === 0 ? (
          <p className="muted" data-testid="home-no-tasks">{th("none")}</p>
        ) : (
          <>
            <p className="muted">{th("summary", { count: totalTasks(tasks) })}</p>
            <ul className="task-list" data-testid="home-tasks">
              {tasks.map((task) => (
                <li key={`${task.kind}-${task.to}`} data-kind={task.kind}>
                  <Link to={task.to} className="task-link">{th(`tasks.${task.kind}`, { count: task.count })}</Link>
                  {task.subject ? <span className="task-subject">{task.subject}</span> : null}
                  {task.dueOn ? (
                    <span className={task.daysLeft !== null && task.daysLeft <= 1 ? "badge" : "badge badge-grey"}>
                      {task.daysLeft === 0 ? th("dueToday") : th("due", { date: date(task.dueOn, false) })}
                      {task.daysLeft !== null && task.daysLeft > 0 ? ` · ${th("daysLeft", { count: task.daysLeft })}` : null}
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <section className="card" aria-labelledby="roles-heading">
        <h2 id="roles-heading">{t("home.rolesHeading")}</h2>
        {grants.length === 0 ? <p>{t("home.noRoles")}</p> : (
          <ul data-testid="my-roles">
            {grants.map((g) => (
              <li key={`${g.roleKey}-${g.orgId}`}>
                <span className="badge">{t(`roles.${g.roleKey}`)}</span>
                <span className="muted">{t("home.scope", { org: g.orgName })}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
