import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

type Groups = { key: string; links: { key: string; to: string }[] }[];

/** The event workbench: every page of this event the user may open, by stage. */
export function EventLinks({ groups }: { groups: Groups }) {
  const { t } = useTranslation("contests");
  if (groups.length === 0) return null;
  return (
    <section className="card" aria-labelledby="workbench-title">
      <h2 id="workbench-title">{t("workbench.title")}</h2>
      <div className="grid">
        {groups.map((group) => (
          <nav key={group.key} aria-label={t(`workbench.groups.${group.key}`)}>
            <h3 className="label">{t(`workbench.groups.${group.key}`)}</h3>
            <ul>
              {group.links.map((link) => (
                <li key={link.key}><Link to={link.to}>{t(`workbench.links.${link.key}`)}</Link></li>
              ))}
            </ul>
          </nav>
        ))}
      </div>
    </section>
  );
}
