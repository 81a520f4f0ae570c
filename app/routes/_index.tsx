import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/utils/auth.server";
import { describeGrants } from "~/modules/users/users.server";
import { navigationFor } from "~/modules/users/navigation";
import { titled } from "~/utils/meta";

export const meta = titled("home");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { displayName: user.displayName, grants: await describeGrants(user), shortcuts: navigationFor(user.grants).filter((n) => n.to !== "/") };
}

export default function Dashboard() {
  const { t } = useTranslation();
  const { displayName, grants, shortcuts } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("home.welcome", { name: displayName })}</h1>
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
      <section aria-labelledby="shortcuts-heading">
        <h2 id="shortcuts-heading">{t("home.shortcuts")}</h2>
        <div className="grid">
          {shortcuts.map((s) => (
            <Link key={s.to} to={s.to} className="card">{t(s.labelKey)}</Link>
          ))}
        </div>
      </section>
    </>
  );
}
