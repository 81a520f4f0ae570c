-- CreateTable
CREATE TABLE "LabourTeamMonth" (
    "id" TEXT NOT NULL,
    "periodId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "attendance" INTEGER NOT NULL,
    "fightingOrTheft" BOOLEAN NOT NULL DEFAULT false,
    "byId" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LabourTeamMonth_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "LabourTeamMonth_periodId_unitId_key" ON "LabourTeamMonth"("periodId", "unitId");

-- AddForeignKey
ALTER TABLE "LabourTeamMonth" ADD CONSTRAINT "LabourTeamMonth_periodId_fkey" FOREIGN KEY ("periodId") REFERENCES "LabourPeriod"("id") ON DELETE CASCADE ON UPDATE CASCADE;

