-- CreateTable
CREATE TABLE "LabourProject" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orgId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'project',
    "startDate" TEXT NOT NULL,
    "endDate" TEXT NOT NULL,
    "frequency" TEXT NOT NULL,
    "budget" INTEGER NOT NULL DEFAULT 0,
    "indicatorSet" TEXT NOT NULL,
    "settings" TEXT NOT NULL,
    "submissionId" TEXT,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "LabourRosterEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "parentId" TEXT,
    "orgId" TEXT,
    "startOnSite" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "LabourRosterEntry_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "LabourProject" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LabourPeriod" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "label" TEXT NOT NULL,
    "fromDate" TEXT NOT NULL,
    "toDate" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "signedAt" DATETIME,
    "awardedAt" DATETIME,
    CONSTRAINT "LabourPeriod_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "LabourProject" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LabourScore" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "periodId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "indicatorKey" TEXT NOT NULL,
    "byId" TEXT NOT NULL,
    "value" INTEGER,
    "plan" INTEGER,
    "actual" INTEGER,
    "evidenceId" TEXT,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "LabourScore_periodId_fkey" FOREIGN KEY ("periodId") REFERENCES "LabourPeriod" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LabourSignature" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "periodId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "signedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "LabourSignature_periodId_fkey" FOREIGN KEY ("periodId") REFERENCES "LabourPeriod" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LabourEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "typeKey" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "amount" INTEGER NOT NULL DEFAULT 0,
    "note" TEXT NOT NULL DEFAULT '',
    "accidentId" TEXT,
    "byId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "LabourEvent_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "LabourProject" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LabourBanner" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "periodId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "grp" TEXT NOT NULL,
    "rank" INTEGER NOT NULL,
    "total" INTEGER NOT NULL,
    CONSTRAINT "LabourBanner_periodId_fkey" FOREIGN KEY ("periodId") REFERENCES "LabourPeriod" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LabourLedgerLine" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "periodId" TEXT,
    "unitId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "LabourLedgerLine_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "LabourProject" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LabourSafetyReport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "byId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "LabourSafetyReport_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "LabourProject" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "LabourProject_orgId_idx" ON "LabourProject"("orgId");

-- CreateIndex
CREATE INDEX "LabourRosterEntry_projectId_idx" ON "LabourRosterEntry"("projectId");

-- CreateIndex
CREATE UNIQUE INDEX "LabourRosterEntry_projectId_kind_name_key" ON "LabourRosterEntry"("projectId", "kind", "name");

-- CreateIndex
CREATE UNIQUE INDEX "LabourPeriod_projectId_seq_key" ON "LabourPeriod"("projectId", "seq");

-- CreateIndex
CREATE INDEX "LabourScore_periodId_idx" ON "LabourScore"("periodId");

-- CreateIndex
CREATE UNIQUE INDEX "LabourScore_periodId_unitId_indicatorKey_byId_key" ON "LabourScore"("periodId", "unitId", "indicatorKey", "byId");

-- CreateIndex
CREATE UNIQUE INDEX "LabourSignature_periodId_userId_key" ON "LabourSignature"("periodId", "userId");

-- CreateIndex
CREATE INDEX "LabourEvent_projectId_date_idx" ON "LabourEvent"("projectId", "date");

-- CreateIndex
CREATE UNIQUE INDEX "LabourBanner_periodId_unitId_key" ON "LabourBanner"("periodId", "unitId");

-- CreateIndex
CREATE INDEX "LabourLedgerLine_projectId_unitId_idx" ON "LabourLedgerLine"("projectId", "unitId");

-- CreateIndex
CREATE UNIQUE INDEX "LabourSafetyReport_projectId_unitId_date_key" ON "LabourSafetyReport"("projectId", "unitId", "date");

