// Demo data: `npm start` runs this on every start; it is idempotent (fixed ids and
// upserts), so a second run keeps existing data and adds nothing twice.
import { seedAnkangDemo } from "./seed-ankang";
import { db } from "~/utils/db.server";
import { hashPassword } from "~/utils/auth.server";
import { PERMISSIONS, ROLES } from "~/modules/users/roles";
import { makeIdNumber, sexOf, birthDateOf } from "~/modules/members/id-number";
import { protectIdNumber, hashIdNumber } from "~/modules/members/id-protection.server";
import { recordEvent } from "~/modules/events/event-log.server";
import { seedRegistrationDemo } from "./seed-registrations";
import { seedContests } from "./seed-contests";
import { seedResultsDemo } from "./seed-results";
import { seedPublicationDemo } from "./seed-publication";
import { seedJudgingDemo } from "./seed-judging";
import { seedHonoursDemo } from "./seed-honours";
import { seedNominationsDemo, seedPastModelWorkerRound } from "./seed-nominations";
import { seedRegistersDemo } from "./seed-registers";
import { seedProposalsDemo } from "./seed-proposals";
import { seedLabourDemo, seedLabourOrgs } from "./seed-labour";
import { ACCOUNTS, DEMO_PASSWORD, ETHNICITIES, GIVEN_FEMALE, GIVEN_MALE, ORGS, POSTS, SKILL_LEVELS, SURNAMES, TITLES } from "./seed-data";

/** A small deterministic PRNG (mulberry32) so every run builds the same people. */
function prng(seed: number) {
  return () => {
    seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function seedRolesAndPermissions() {
  for (const [key, description] of Object.entries(PERMISSIONS)) {
    await db.permission.upsert({ where: { key }, create: { key, description }, update: { description } });
  }
  for (const [i, role] of ROLES.entries()) {
    await db.role.upsert({ where: { key: role.key }, create: { key: role.key, name: role.name, nameEn: role.nameEn, sortOrder: i }, update: {} });
    // Adds the default permissions a role lacks; never removes what an installation granted.
    for (const permissionKey of role.permissions) {
      await db.rolePermission.upsert({
        where: { roleKey_permissionKey: { roleKey: role.key, permissionKey } },
        create: { roleKey: role.key, permissionKey },
        update: {},
      });
    }
  }
}

export async function seed({ members = true, quiet = false } = {}) {
  const log = quiet ? () => {} : (m: string) => console.log(m);
  const before = await db.organisation.count();
  await seedRolesAndPermissions();

  const paths = new Map<string, { path: string; depth: number }>();
  const allOrgs = ORGS.flatMap((o) => [o, ...(o.teams ?? []).map((team, i) => ({
    id: `${o.id}-t${i + 1}`, name: `${o.name.replace(/工会(联合会)?$/, "")}${team}`, type: "team", parent: o.id,
    ownership: o.ownership, industry: o.industry, region: o.region, regionCode: o.regionCode,
  }))]);
  for (const o of allOrgs) {
    const parent = o.parent ? paths.get(o.parent) : undefined;
    const path = `${parent?.path ?? "/"}${o.id}/`;
    const depth = parent ? parent.depth + 1 : 0;
    paths.set(o.id, { path, depth });
    await db.organisation.upsert({
      where: { id: o.id },
      create: { id: o.id, name: o.name, type: o.type, parentId: o.parent, path, depth, ownership: o.ownership ?? null, industry: o.industry ?? null, region: o.region ?? null, unitCategory: "unitCategory" in o ? o.unitCategory ?? null : null },
      update: {},
    });
    // rule A-8: a demo database seeded before the unit category existed gets it (one set by hand is kept)
    if ("unitCategory" in o && o.unitCategory) await db.organisation.updateMany({ where: { id: o.id, unitCategory: null }, data: { unitCategory: o.unitCategory } });
  }

  await seedLabourOrgs();

  const workerMemberIds: string[] = [];
  if (members) {
    const random = prng(20260501);
    const pick = <T,>(list: T[]) => list[Math.floor(random() * list.length)];
    const enterprises = ORGS.filter((o) => o.type === "grassroots");
    let sequence = 100;
    await db.$transaction(async (tx) => {
      for (const ent of enterprises) {
        for (let i = 0; i < 15; i++) {
          const female = random() < 0.38;
          const y = 1966 + Math.floor(random() * 38), m = 1 + Math.floor(random() * 12), d = 1 + Math.floor(random() * 28);
          sequence += 1;
          const seq = (sequence * 2 + (female ? 0 : 1)) % 1000; // odd sequence = male (GB 11643)
          const idNumber = makeIdNumber(ent.regionCode ?? "330100", { y, m, d }, seq);
          const name = pick(SURNAMES) + (female ? pick(GIVEN_FEMALE) + (random() < 0.5 ? pick(GIVEN_FEMALE) : "") : pick(GIVEN_MALE) + (random() < 0.5 ? pick(GIVEN_MALE) : ""));
          const teamCount = ent.teams?.length ?? 0;
          const orgId = teamCount && random() < 0.75 ? `${ent.id}-t${1 + Math.floor(random() * teamCount)}` : ent.id;
          const student = random() < 0.04;
          // Draw every random value first, so the sequence is the same whether or not the member exists.
          const data = {
            name, sex: sexOf(idNumber), ethnicity: pick(ETHNICITIES), birthDate: birthDateOf(idNumber)!,
            phone: `1${pick(["3", "5", "8", "9"])}${String(Math.floor(random() * 1e9)).padStart(9, "0")}`,
            orgId, post: pick(POSTS[ent.industry ?? "制造业"] ?? POSTS["制造业"]),
            skillLevel: pick(SKILL_LEVELS), title: pick(TITLES),
            employmentStatus: student ? "学生" : "职工",
            isFrontline: random() < 0.7, isMigrantWorker: random() < 0.15,
            isNewEmployment: ent.id === "ent-09" || ent.id === "ent-21" ? random() < 0.6 : false,
          };
          const existing = await tx.member.findFirst({ where: { idNumberHash: hashIdNumber(idNumber) }, select: { id: true } });
          const member = existing ?? await tx.member.create({ data: { ...data, ...protectIdNumber(idNumber) }, select: { id: true } });
          if (ent.id === "ent-10") workerMemberIds.push(member.id);
        }
      }
    }, { timeout: 60_000 });
  }

  for (const account of ACCOUNTS) {
    const memberId = account.memberIndex !== undefined ? workerMemberIds[account.memberIndex] ?? null : null;
    const member = memberId ? await db.member.findUnique({ where: { id: memberId }, select: { name: true } }) : null;
    const existing = await db.user.findUnique({ where: { username: account.username } });
    // One hash per account, each with its own salt.
    const user = existing ?? await db.user.create({
      data: { username: account.username, displayName: member ? `${member.name}（职工）` : account.displayName, passwordHash: await hashPassword(DEMO_PASSWORD), memberId },
    });
    await db.roleGrant.upsert({
      where: { userId_roleKey_orgId: { userId: user.id, roleKey: account.role, orgId: account.org } },
      create: { userId: user.id, roleKey: account.role, orgId: account.org },
      update: {},
    });
  }

  await seedContests();
  await seedRegistrationDemo({ quiet });
  await seedResultsDemo({ quiet });
  await seedJudgingDemo({ quiet });
  await seedPublicationDemo({ quiet });
  await seedHonoursDemo({ quiet });
  await seedNominationsDemo({ quiet });
  await seedPastModelWorkerRound({ quiet });
  await seedRegistersDemo({ quiet });
  await seedAnkangDemo({ quiet });
  await seedProposalsDemo({ quiet });
  await seedLabourDemo({ quiet });

  const after = await db.organisation.count();
  if (after !== before) {
    await recordEvent(db, { userId: null, requestId: null }, { action: "system.seeded", entityType: "System", after: { organisations: after, members: await db.member.count(), users: await db.user.count() } });
  }
  log(`seed: ${after} organisations, ${await db.member.count()} members, ${await db.user.count()} accounts (${after === before ? "nothing new" : "demo data created"})`);
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, "/").split("/").pop()!);
if (isMain) {
  seed()
    .then(() => db.$disconnect())
    .catch(async (error) => {
      console.error("seed failed:", error);
      await db.$disconnect();
      process.exit(1);
    });
}
