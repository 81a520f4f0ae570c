import { can, type Grant } from "./permissions";
import type { PermissionKey } from "./roles";

// Navigation by role: an entry shows when the user holds its permission anywhere.
// The server still checks every page; this only mirrors the permissions.
export type NavItem = { to: string; labelKey: string; permission?: PermissionKey | readonly PermissionKey[] };

export const NAV_ITEMS: NavItem[] = [
  { to: "/", labelKey: "nav.home" },
  { to: "/orgs", labelKey: "nav.orgs", permission: "org:read" },
  { to: "/contests", labelKey: "nav.contests", permission: "contest:read" },
  { to: "/members", labelKey: "nav.members", permission: "member:read" },
  // issue 10 item 5, decision 009: duplicates are found and merged inside one's own subtree
  { to: "/members/duplicates", labelKey: "nav.memberDuplicates", permission: "member:write" },
  { to: "/users", labelKey: "nav.users", permission: "user:read" },
  { to: "/admin/events", labelKey: "nav.events", permission: "event-log:read" },
  { to: "/judging", labelKey: "judging:nav", permission: "judging:score" },
  { to: "/check-in", labelKey: "nav.checkIn", permission: "judging:encrypt" },
  { to: "/registrations", labelKey: "nav.registrations", permission: "self:profile" },
  { to: "/my-results", labelKey: "nav.myResults", permission: "self:profile" },
  { to: "/campaigns", labelKey: "nominations:nav", permission: ["award:review", "award:nominate", "award:manage", "award:committee"] },
  { to: "/labour", labelKey: "labour:nav", permission: "labour:read" },
  { to: "/reviews", labelKey: "reviewChain:nav", permission: ["award:review", "award:nominate", "award:manage", "ankang:review", "ankang:manage", "ankang:unit", "labour:review", "labour:apply"] },
  { to: "/proposals", labelKey: "proposals:nav", permission: ["self:profile", "proposal:manage", "proposal:review"] },
  { to: "/proposals/inbox", labelKey: "proposals:inboxNav", permission: "proposal:manage" },
  { to: "/proposals/figures", labelKey: "proposals:figuresNav", permission: "proposal:manage" },
  { to: "/proposals/finance", labelKey: "proposals:financeNav", permission: "proposal:finance" },
  { to: "/my-honours", labelKey: "honours:myNav", permission: "self:profile" },
  { to: "/honours", labelKey: "honours:nav", permission: "honour:read" },
  { to: "/honours/pioneer-reviews", labelKey: "honours:pioneerNav", permission: ["award:review", "award:nominate"] },
  { to: "/honours/bars", labelKey: "honours:barsNav", permission: ["award:review", "award:manage"] },
  { to: "/incidents", labelKey: "incidents:nav", permission: "incident:read" },
  { to: "/ankang", labelKey: "ankang:nav", permission: ["ankang:manage", "ankang:review", "ankang:unit"] },
  { to: "/hazards", labelKey: "ankang:navHazards", permission: "self:profile" },
  { to: "/quiz", labelKey: "ankang:navQuiz", permission: "self:profile" },
  { to: "/consultations", labelKey: "consultations:nav", permission: ["consultation:answer", "award:review"] },
  { to: "/admin/calendar", labelKey: "reviewChain:calendar", permission: "calendar:manage" },
  { to: "/account", labelKey: "nav.account" },
];

export function navigationFor(grants: readonly Grant[]): NavItem[] {
  return NAV_ITEMS.filter((item) => !item.permission || (typeof item.permission === "string" ? [item.permission] : item.permission).some((p) => can(grants, p)));
}
