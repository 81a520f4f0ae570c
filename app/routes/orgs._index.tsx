import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/utils/auth.server";
import { buildTree, listOrgs, type OrgTreeNode } from "~/modules/orgs/orgs.server";
import { ORG_TYPES, type OrgType } from "~/modules/orgs/org-types";
import { titled } from "~/utils/meta";

export const meta = titled("orgs");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "org:read");
  const q = new URL(request.url).searchParams.get("q")?.trim() || undefined;
  const rows = await listOrgs(user, { q });
  return { q, tree: q ? rows.map((r) => ({ ...r, children: [] })) : buildTree(rows), count: rows.length };
}

function TreeNodes({ nodes, lang }: { nodes: OrgTreeNode[]; lang: "zh" | "en" }) {
  return (
    <ul className="tree">
      {nodes.map((n) => (
        <li key={n.id}>
          <Link to={`/orgs/${n.id}`}>{n.name}</Link> <span className="muted small">{ORG_TYPES[n.type as OrgType]?.[lang] ?? n.type}</span>
          {n.children.length ? <TreeNodes nodes={n.children} lang={lang} /> : null}
        </li>
      ))}
    </ul>
  );
}

export default function OrgsPage() {
  const { t, i18n } = useTranslation("orgs");
  const { tree, q, count } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("title")}</h1>
      <Form method="get" className="toolbar" role="search">
        <div className="field">
          <label htmlFor="q">{t("name")}</label>
          <input id="q" name="q" defaultValue={q ?? ""} />
        </div>
        <button className="button" type="submit">{t("common:actions.search")}</button>
      </Form>
      <p className="muted">{count}</p>
      <section className="card" aria-label={t("tree")}>
        {tree.length ? <TreeNodes nodes={tree as OrgTreeNode[]} lang={i18n.language === "en" ? "en" : "zh"} /> : <p>{t("common:status.none")}</p>}
      </section>
    </>
  );
}
