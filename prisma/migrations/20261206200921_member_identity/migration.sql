-- CreateTable
CREATE TABLE "MemberLinkCode" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "codeHash" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "usedById" TEXT,
    CONSTRAINT "MemberLinkCode_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Member" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "sex" TEXT NOT NULL,
    "ethnicity" TEXT NOT NULL,
    "birthDate" DATETIME NOT NULL,
    "idNumberCipher" TEXT NOT NULL,
    "idNumberHash" TEXT NOT NULL,
    "idNumberMasked" TEXT NOT NULL,
    "phone" TEXT,
    "orgId" TEXT NOT NULL,
    "post" TEXT,
    "skillLevel" TEXT,
    "title" TEXT,
    "employmentStatus" TEXT NOT NULL DEFAULT '职工',
    "isFrontline" BOOLEAN NOT NULL DEFAULT false,
    "isMigrantWorker" BOOLEAN NOT NULL DEFAULT false,
    "isNewEmployment" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "supersededById" TEXT,
    CONSTRAINT "Member_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Member_supersededById_fkey" FOREIGN KEY ("supersededById") REFERENCES "Member" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Member" ("birthDate", "createdAt", "employmentStatus", "ethnicity", "id", "idNumberCipher", "idNumberHash", "idNumberMasked", "isFrontline", "isMigrantWorker", "isNewEmployment", "name", "orgId", "phone", "post", "sex", "skillLevel", "title", "updatedAt") SELECT "birthDate", "createdAt", "employmentStatus", "ethnicity", "id", "idNumberCipher", "idNumberHash", "idNumberMasked", "isFrontline", "isMigrantWorker", "isNewEmployment", "name", "orgId", "phone", "post", "sex", "skillLevel", "title", "updatedAt" FROM "Member";
DROP TABLE "Member";
ALTER TABLE "new_Member" RENAME TO "Member";
CREATE INDEX "Member_orgId_idx" ON "Member"("orgId");
CREATE INDEX "Member_name_idx" ON "Member"("name");
CREATE INDEX "Member_idNumberHash_idx" ON "Member"("idNumberHash");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "MemberLinkCode_codeHash_key" ON "MemberLinkCode"("codeHash");

-- CreateIndex
CREATE INDEX "MemberLinkCode_memberId_idx" ON "MemberLinkCode"("memberId");

