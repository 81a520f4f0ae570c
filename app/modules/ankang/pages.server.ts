import { db } from "~/utils/db.server";
import { hasPermission, userScope, type SessionUser } from "~/utils/auth.server";

// Choices the 安康杯 pages offer (organisations a user may pick); the services check again.

/** Unions the user may run a cycle for, and organisations that may co-organise (not enterprises or teams). */
export async function cycleFormOptions(user: SessionUser) {
  const paths = userScope(user, "ankang:manage");
  if (paths.length === 0) return { organisers: [], coOrganisers: [] };
  const organisers = await db.organisation.findMany({ where: { OR: paths.map((p) => ({ path: { startsWith: p } })), type: { notIn: ["grassroots", "team"] } }, select: { id: true, name: true, depth: true, type: true }, orderBy: [{ depth: "asc" }, { name: "asc" }], take: 300 });
  const coOrganisers = await db.organisation.findMany({ where: { type: { notIn: ["grassroots", "team"] } }, select: { id: true, name: true, depth: true }, orderBy: [{ depth: "asc" }, { name: "asc" }], take: 500 });
  return { organisers, coOrganisers };
}

/** Units the user may enrol in a cycle (its grass-roots units under the cycle's union) with their teams. */
export async function enrolmentOptions(user: SessionUser, cycle: { id: string; orgPath: string }) {
  const manage = hasPermission(user, "ankang:manage", cycle.orgPath);
  const scope = manage ? [cycle.orgPath] : userScope(user, "ankang:unit").filter((p) => p.startsWith(cycle.orgPath));
  if (scope.length === 0) return [];
  const enrolled = new Set((await db.ankangEnrolment.findMany({ where: { cycleId: cycle.id }, select: { unitId: true } })).map((e) => e.unitId));
  const units = await db.organisation.findMany({ where: { type: "grassroots", OR: scope.map((p) => ({ path: { startsWith: p } })) }, select: { id: true, name: true, path: true }, orderBy: { name: "asc" }, take: 500 });
  const teams = await db.organisation.findMany({ where: { type: "team", parentId: { in: units.map((u) => u.id) } }, select: { id: true, name: true, parentId: true }, orderBy: { name: "asc" } });
  return units.filter((u) => !enrolled.has(u.id)).map((u) => ({ id: u.id, name: u.name, teams: teams.filter((t) => t.parentId === u.id).map((t) => ({ id: t.id, name: t.name })) }));
}

/** Accounts that may sit on an assessment team for a cycle: ankang:review over the union or a co-organiser. */
export async function reviewerOptions(cycle: { orgPath: string; committee: { orgPath: string }[] }) {
  const paths = [cycle.orgPath, ...cycle.committee.map((c) => c.orgPath)];
  const grants = await db.roleGrant.findMany({ where: { role: { permissions: { some: { permissionKey: "ankang:review" } } } }, select: { userId: true, org: { select: { path: true } }, user: { select: { id: true, displayName: true } } } });
  const seen = new Map<string, string>();
  for (const g of grants) if (paths.some((p) => p.startsWith(g.org.path) || g.org.path.startsWith(p))) seen.set(g.user.id, g.user.displayName);
  return [...seen].map(([id, displayName]) => ({ id, displayName }));
}

/** Review rounds of the 安康杯 title subject that a unit may submit into. */
export async function titleRounds() {
  return db.reviewRound.findMany({ where: { subjectType: "ankang.title", status: "open" }, select: { id: true, title: true }, orderBy: { createdAt: "desc" }, take: 50 });
}

/**
 * Who the cycle's recommend form offers (rules ): the enrolled units, their enrolled 班组
 * (优胜班组), and the members of the enrolled units (先进个人, 安康企业家), within what the user may see.
 */
export async function recommendOptions(cycleId: string, enrolments: { unitId: string; unitName: string }[]) {
  if (enrolments.length === 0) return { holders: [], members: [] };
  const rows = await db.ankangEnrolment.findMany({ where: { cycleId, unitId: { in: enrolments.map((e) => e.unitId) } }, select: { unitId: true, unitName: true, unitPath: true, teamIds: true } });
  const teamIds = rows.flatMap((r) => JSON.parse(r.teamIds) as string[]);
  const teams = teamIds.length ? await db.organisation.findMany({ where: { id: { in: teamIds } }, select: { id: true, name: true, parentId: true }, orderBy: { name: "asc" } }) : [];
  const holders = rows.flatMap((r) => [
    { id: r.unitId, name: r.unitName, team: false, unitId: r.unitId },
    ...teams.filter((t) => t.parentId === r.unitId).map((t) => ({ id: t.id, name: `${r.unitName} · ${t.name}`, team: true, unitId: r.unitId })),
  ]);
  const members = await db.member.findMany({
    where: { OR: rows.map((r) => ({ org: { path: { startsWith: r.unitPath } } })) },
    select: { id: true, name: true, org: { select: { name: true } } }, orderBy: { name: "asc" }, take: 500,
  });
  return { holders, members: members.map((m) => ({ id: m.id, name: `${m.name}（${m.org.name}）` })) };
}
