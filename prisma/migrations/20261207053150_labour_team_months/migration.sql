-- CreateTable
CREATE TABLE "LabourTeamMonth" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "periodId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "attendance" INTEGER NOT NULL,
    "fightingOrTheft" BOOLEAN NOT NULL DEFAULT false,
    "byId" TEXT,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "LabourTeamMonth_periodId_fkey" FOREIGN KEY ("periodId") REFERENCES "LabourPeriod" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "LabourTeamMonth_periodId_unitId_key" ON "LabourTeamMonth"("periodId", "unitId");

