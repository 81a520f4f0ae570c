import { describe, expect, it } from "vitest";
import { eventLinksFor } from "./event-links";
import type { Grant } from "~/modules/users/permissions";

const ids = { eventId: "e1", contestId: "c1" };
const grant = (permissions: string[], orgPath = "/p/city/"): Grant => ({ roleKey: "x", orgId: "o", orgPath, permissions });
const keys = (grants: Grant[], path = "/p/city/") => eventLinksFor(grants, path, ids).flatMap((g) => g.links.map((l) => l.key));

describe("the event workbench shows what each role may open", () => {
  it("a judge gets the tablet and the codes, not the draw or the console", () => {
    const k = keys([grant(["contest:read", "judging:score", "self:profile"])]);
    expect(k).toContain("tablet");
    expect(k).toContain("codes");
    expect(k).not.toContain("draw");
    expect(k).not.toContain("console");
  });
  it("only the encryption officer gets the draw and decryption (rules S-33, S-34)", () => {
    const k = keys([grant(["judging:encrypt"])]);
    expect(k).toEqual(expect.arrayContaining(["draw", "decrypt"]));
    expect(keys([grant(["contest:manage", "judging:chief"])])).not.toContain("draw");
  });
  it("an organiser of another city sees no management links for this event", () => {
    const k = keys([grant(["contest:manage", "contest:read"], "/p/other/")], "/p/city/");
    expect(k).not.toContain("publication");
    expect(k).not.toContain("sessions");
  });
  it("links whose page would refuse or not find anything are left out: tablet unassigned, appeal for a non-entrant, notice before publication", () => {
    const judge = [grant(["contest:read", "judging:score", "self:profile"])];
    const before = { published: false, assignedJudge: false, entrantOrLeader: false };
    const k = eventLinksFor(judge, "/p/city/", ids, before).flatMap((g) => g.links.map((l) => l.key));
    expect(k).not.toContain("tablet");
    expect(k).not.toContain("fileAppeal");
    expect(k).not.toContain("notice");
    expect(k).toContain("leaderboard");
    const after = eventLinksFor(judge, "/p/city/", ids, { published: true, assignedJudge: true, entrantOrLeader: true }).flatMap((g) => g.links.map((l) => l.key));
    expect(after).toEqual(expect.arrayContaining(["tablet", "fileAppeal", "notice"]));
  });
  it("links carry the event id", () => {
    const links = eventLinksFor([grant(["judging:chief"])], "/p/city/", ids).flatMap((g) => g.links);
    expect(links.find((l) => l.key === "console")?.to).toBe("/events/e1/console");
  });
});
