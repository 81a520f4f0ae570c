import { describe, expect, it } from "vitest";
import { ROLES } from "~/modules/users/roles";
import { resources } from "./resources";

// Every role of the role table has its badge label in both languages (a missing one showed the
// raw key "roles.safety_staff" on the account's badge).
describe("role labels", () => {
  for (const lang of ["zh", "en"] as const) {
    it(`every role is labelled in ${lang}`, () => {
      const labels = (resources[lang] as unknown as { common: { roles: Record<string, string> } }).common.roles;
      expect(ROLES.map((r) => r.key).filter((key) => !labels[key])).toEqual([]);
    });
  }
});
