// Issue 12 item 6: the chief judge (rules S-23, S-24) and the supervising witness of a decryption
// (rule S-34) sign with their own signing PIN or account password, not a typed name; wrong PINs
// count towards the same pause as judges' wrong PINs.
import { beforeAll, describe, expect, it } from "vitest";
import * as signOffApi from "~/routes/api.v1.events.$eventId.sign-off";
import * as decryptApi from "~/routes/api.v1.events.$eventId.decryption-steps";
import { db } from "~/utils/db.server";
import { hashPassword } from "~/utils/auth.server";
import { PIN_ATTEMPTS, pinLockedUntil } from "~/modules/judging/marks.server";
import { createProvince, TEST_PASSWORD } from "../factories";
import { account, buildFinishedEvent, call, type Account } from "./publication-fixture";

const PIN = "246810";
let p: Awaited<ReturnType<typeof createProvince>>;
let judge2: Account, encryptor: Account, supervisor: Account, otherSupervisor: Account;

beforeAll(async () => {
  p = await createProvince();
  [judge2, encryptor, supervisor, otherSupervisor] = await Promise.all([
    account("judge", p.cityA.id), account("encryption_officer", p.cityA.id), account("supervisor", p.cityA.id), account("supervisor", p.cityB.id),
  ]);
});

const chiefWithPin = async () => {
  const chief = await account("chief_judge", p.cityA.id);
  await db.judgeProfile.create({ data: { userId: chief.id, pinHash: await hashPassword(PIN) } });
  return chief;
};
const build = (chief: Account, opts: { signedOff?: boolean; decrypted?: boolean } = {}) =>
  buildFinishedEvent({ orgId: p.cityA.id, units: [p.enterpriseA.id, p.enterpriseB.id], judges: [chief.id, judge2.id], entrants: 3, signedOff: false, decrypted: false, ...opts });
const signOff = (eventId: string, as: Account, json: unknown) => call(signOffApi, `/api/v1/events/${eventId}/sign-off`, { eventId }, { as, json });
const decrypt = (eventId: string, json: unknown) => call(decryptApi, `/api/v1/events/${eventId}/decryption-steps`, { eventId }, { as: encryptor, json });
const userOf = (a: Account) => db.user.findUniqueOrThrow({ where: { id: a.id } });

describe("the chief judge signs off with their own PIN", () => {
  it("a typed name alone is refused; a wrong PIN is refused and nothing is signed; the right PIN signs with the account's name", async () => {
    const chief = await chiefWithPin();
    const ev = await build(chief);
    const nameOnly = await signOff(ev.event.id, chief, { signatureName: "王国栋" });
    expect(nameOnly.status).toBe(400);
    expect(nameOnly.body.error.code).toBe("no_credential");
    const wrong = await signOff(ev.event.id, chief, { pin: "000000" });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe("wrong_pin");
    expect(await db.signOff.count({ where: { eventId: ev.event.id } })).toBe(0);

    const ok = await signOff(ev.event.id, chief, { pin: PIN });
    expect(ok.status).toBe(201);
    expect(ok.body.signatureName).toBe((await userOf(chief)).displayName);
    const logged = await db.event.findFirstOrThrow({ where: { action: "scores.signed-off", entityId: ok.body.id } });
    expect(logged.actorId).toBe(chief.id);
    expect(logged.after).toContain('"signedWith":"pin"');
  });

  it("without a PIN the chief judge signs with the account password; a wrong password is refused", async () => {
    const chief = await account("chief_judge", p.cityA.id);
    const ev = await build(chief);
    expect((await signOff(ev.event.id, chief, { password: "not-the-password" })).body.error.code).toBe("wrong_password");
    expect((await signOff(ev.event.id, chief, { pin: PIN })).body.error.code).toBe("no_pin");
    expect((await signOff(ev.event.id, chief, { password: TEST_PASSWORD })).status).toBe(201);
  });

  it(`after ${PIN_ATTEMPTS} wrong PINs signing pauses, the same pause as a judge's sheet PIN (even the right PIN waits)`, async () => {
    const chief = await chiefWithPin();
    const ev = await build(chief);
    for (let i = 0; i < PIN_ATTEMPTS - 1; i++) expect((await signOff(ev.event.id, chief, { pin: "111111" })).status).toBe(400);
    const last = await signOff(ev.event.id, chief, { pin: "111111" });
    expect(last.status).toBe(429);
    expect(last.body.error.code).toBe("pin_locked");
    // the judges' rule (marks.server) sees the same failures: their tablet would refuse too
    expect(await pinLockedUntil(chief.id)).not.toBeNull();
    expect((await signOff(ev.event.id, chief, { pin: PIN })).status).toBe(429);
    expect(await db.signOff.count({ where: { eventId: ev.event.id } })).toBe(0);
  });
});

describe("the decryption witness signs with their own PIN or password (rule S-34)", () => {
  it("a typed name is refused, a supervisor of another city is refused, a wrong password is refused; the right one records the witness's account name", async () => {
    const chief = await chiefWithPin();
    const ev = await build(chief, { signedOff: true });
    const supervisorName = (await userOf(supervisor)).username;
    expect((await decrypt(ev.event.id, { layer: 2, witnessName: "监督 吴明" })).status).toBe(400);
    const outsider = await decrypt(ev.event.id, { layer: 2, witnessUsername: (await userOf(otherSupervisor)).username, witnessPassword: TEST_PASSWORD });
    expect(outsider.status).toBe(400);
    expect(outsider.body.error.code).toBe("bad_witness");
    const wrong = await decrypt(ev.event.id, { layer: 2, witnessUsername: supervisorName, witnessPassword: "wrong-password" });
    expect(wrong.body.error.code).toBe("wrong_password");
    expect(await db.decryptionStep.count({ where: { eventId: ev.event.id } })).toBe(0);

    const ok = await decrypt(ev.event.id, { layer: 2, witnessUsername: supervisorName, witnessPassword: TEST_PASSWORD });
    expect(ok.status).toBe(201);
    expect(ok.body.witnessName).toBe((await userOf(supervisor)).displayName);
    const logged = await db.event.findFirstOrThrow({ where: { action: "decryption.layer-opened", entityId: ev.event.id } });
    expect(logged.after).toContain(supervisor.id);
  });
});
