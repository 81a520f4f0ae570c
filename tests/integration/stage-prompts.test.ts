// Issue 12 item 2: each contest and event page header shows the stage, the next step with a
// link for the person who takes it, and the guard's reason when the step after it is blocked.
import { beforeAll, describe, expect, it } from "vitest";
import * as eventPage from "~/routes/contests.$contestId.events.$eventId._index";
import * as contestPage from "~/routes/contests.$contestId._index";
import { db } from "~/utils/db.server";
import { createProvince, uid } from "../factories";
import { account, call, type Account } from "./publication-fixture";

const DAY = 86_400_000;
let p: Awaited<ReturnType<typeof createProvince>>;
let organiser: Account, encryptor: Account, contact: Account;

beforeAll(async () => {
  p = await createProvince();
  [organiser, encryptor, contact] = await Promise.all([
    account("organiser", p.cityA.id), account("encryption_officer", p.cityA.id), account("unit_contact", p.enterpriseA.id),
  ]);
});

async function contestWithEvent(closesInDays: number) {
  const contest = await db.contest.create({
    data: { orgId: p.cityA.id, name: `阶段大赛${uid()}`, level: "city", contestClass: "一类", status: "open", registrationOpensAt: new Date(Date.now() - 2 * DAY), registrationClosesAt: new Date(Date.now() + closesInDays * DAY) },
  });
  const event = await db.contestEvent.create({ data: { contestId: contest.id, name: `钳工${uid()}`, trade: "钳工", groupName: "职工组" } });
  return { contest, event };
}
type Header = { stage: string; prompt: { action: string; href: string | null; blocked: string | null } | null; canAct: boolean; canAlso: boolean };
const eventHeader = async (as: Account, ids: { contestId: string; eventId: string }) =>
  (await call(eventPage, `/contests/${ids.contestId}/events/${ids.eventId}`, ids, { as, cookie: true })).body as Header;

describe("stage prompts on the contest and event pages", () => {
  it("while registration is open: the organiser is prompted to close it, the draw is blocked with its reason, unit contacts get their link", async () => {
    const { contest, event } = await contestWithEvent(3);
    const ids = { contestId: contest.id, eventId: event.id };
    const asOrganiser = await eventHeader(organiser, ids);
    expect(asOrganiser).toMatchObject({ stage: "registration", canAct: true, prompt: { action: "closeRegistration", href: `/contests/${contest.id}` } });
    expect(asOrganiser.prompt?.blocked).toMatch(/^报名尚未截止，不能抽签/);
    const asContact = await eventHeader(contact, ids);
    expect(asContact).toMatchObject({ canAct: false, canAlso: true });
    // on the contest page itself the step is the page's own form: no link to itself
    const overview = (await call(contestPage, `/contests/${contest.id}`, { contestId: contest.id }, { as: organiser, cookie: true })).body as Header;
    expect(overview.prompt).toMatchObject({ action: "closeRegistration", href: null });
  });

  it("after the close the encryption officer gets the draw link; the organiser reads whose step it is", async () => {
    const { contest, event } = await contestWithEvent(3);
    await db.contest.update({ where: { id: contest.id }, data: { registrationClosesAt: new Date(Date.now() - DAY) } });
    const ids = { contestId: contest.id, eventId: event.id };
    expect(await eventHeader(encryptor, ids)).toMatchObject({ stage: "registration_closed", canAct: true, prompt: { action: "draw", href: `/events/${event.id}/draw` } });
    expect(await eventHeader(organiser, ids)).toMatchObject({ canAct: false, prompt: { action: "draw" } });
  });
});
