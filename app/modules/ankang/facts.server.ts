import type { db, Tx } from "~/utils/db.server";
import { accidentsFor } from "~/modules/incidents/accidents.server";
import { isYearVeto } from "~/modules/incidents/incident-kinds";
import { honoursOf } from "~/modules/honours/honours.server";
import type { TitleKind, TitleRecord } from "./eligibility";
import type { Level } from "./settings";

// Facts the 安康杯 reads from the shared registers: accidents (rules) and honours
// (rules ). The registers belong to their modules; this file only reads them.

type Client = Tx | typeof db;

/** rule: safety accidents of severity 重伤 or worse in the unit or under it, in [from, to]. */
export async function seriousAccidentsIn(client: Client, unitId: string, from: Date, to: Date) {
  const rows = await accidentsFor([unitId], from, to, client);
  return rows.filter(isYearVeto).map((r) => ({ id: r.id, occurredAt: r.occurredOn.toISOString(), severity: r.severity ?? "", title: r.title }));
}

/** The 安康杯 titles of this title kind in the honours register, by the names they are recorded under. */
export const HONOUR_TITLES: Record<TitleKind, string> = {
  winnerUnit: "安康杯竞赛优胜单位",
  winnerTeam: "安康杯竞赛优胜班组",
  organisingUnit: "安康杯竞赛优秀组织单位",
  individual: "安康杯竞赛先进个人",
  modelEnterprise: "安康杯竞赛示范企业",
  entrepreneur: "安康企业家",
};

const kindOfTitle = (title: string): TitleKind | null => {
  const plain = title.replace(/[“”"「」]/g, "");
  for (const [kind, name] of Object.entries(HONOUR_TITLES)) if (plain.includes(name)) return kind as TitleKind;
  return null;
};

/** A unit's (or team's) 安康杯 title history from the honours register; revoked ones count as withdrawn. */
export async function titleHistory(client: Client, orgId: string): Promise<TitleRecord[]> {
  const rows = await honoursOf({ orgId }, client);
  const out: TitleRecord[] = [];
  for (const h of rows) {
    const kind = kindOfTitle(h.title);
    if (!kind || !["city", "provincial", "national"].includes(h.level)) continue;
    out.push({ kind, level: h.level as Level, year: h.year, withdrawn: h.revokedAt != null });
  }
  return out;
}
