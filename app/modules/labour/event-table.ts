// Bonus and deduction events (rule L-4): the client (业主), the supervisor (监理) or a higher
// authority (上级主管部门) issues a 表扬/奖励 (plus) or a 通报/处罚 (minus). The table is a setting
// of each project; these are the documented defaults. Points are hundredths of a point of the
// indicator with the given role; money (yuan, optional) goes to the ledger.

export type EventSource = "client" | "supervisor" | "authority";
export type EventTypeRow = { key: string; label: string; source: EventSource; points: number; role: "safety" | "quality" | "progress" | "civic" | "other"; amount?: number };

export const EVENT_SOURCE_LABELS: Record<EventSource, string> = { client: "业主", supervisor: "监理", authority: "上级主管部门" };

export const DEFAULT_EVENT_TABLE: EventTypeRow[] = [
  { key: "client-praise", label: "业主通报表扬", source: "client", points: 200, role: "civic" },
  { key: "authority-praise", label: "上级主管部门表扬", source: "authority", points: 300, role: "civic" },
  { key: "authority-award", label: "上级主管部门奖励", source: "authority", points: 500, role: "quality", amount: 2000 },
  { key: "supervisor-criticism", label: "监理通报批评", source: "supervisor", points: -200, role: "quality" },
  { key: "client-criticism", label: "业主通报批评", source: "client", points: -300, role: "civic" },
  { key: "authority-criticism", label: "上级主管部门通报批评", source: "authority", points: -500, role: "safety" },
  { key: "safety-penalty", label: "安全处罚", source: "authority", points: -800, role: "safety", amount: -5000 },
];

export const EVENT_TABLE_MESSAGES = {
  unknownType: (key: string) => `未知的奖罚事项：${key} / unknown bonus or deduction type ${key}`,
  noIndicator: (role: string) => `指标体系中没有「${role}」类指标 / the indicator set has no ${role} indicator`,
  zeroPoints: "奖罚分值不能为 0 / an event must add or take points",
} as const;

export function eventType(table: readonly EventTypeRow[], key: string): EventTypeRow {
  const row = table.find((r) => r.key === key);
  if (!row) throw new RangeError(EVENT_TABLE_MESSAGES.unknownType(key));
  return row;
}
