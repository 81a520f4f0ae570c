-- CreateTable
CREATE TABLE "Campaign" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "awards" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "listing" TEXT NOT NULL DEFAULT 'regular',
    "deadlines" TEXT NOT NULL DEFAULT '[]',
    "steps" TEXT NOT NULL DEFAULT '[]',
    "ratioRules" TEXT NOT NULL DEFAULT '[]',
    "controlCaps" TEXT NOT NULL DEFAULT '{}',
    "competitivePct" INTEGER NOT NULL DEFAULT 100,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Campaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Nomination" (
    "id" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "award" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "memberId" TEXT,
    "name" TEXT NOT NULL,
    "sex" TEXT NOT NULL DEFAULT '',
    "ethnicity" TEXT NOT NULL DEFAULT '',
    "birthMonth" TEXT NOT NULL DEFAULT '',
    "education" TEXT NOT NULL DEFAULT '',
    "politicalStatus" TEXT NOT NULL DEFAULT '',
    "post" TEXT NOT NULL DEFAULT '',
    "unitType" TEXT NOT NULL DEFAULT '',
    "ownership" TEXT NOT NULL DEFAULT '',
    "industry" TEXT NOT NULL DEFAULT '',
    "isKeyIndustry" BOOLEAN NOT NULL DEFAULT false,
    "category" TEXT NOT NULL DEFAULT '',
    "cadreRank" TEXT NOT NULL DEFAULT '',
    "isMigrantWorker" BOOLEAN NOT NULL DEFAULT false,
    "isNewEmployment" BOOLEAN NOT NULL DEFAULT false,
    "isFrontline" BOOLEAN NOT NULL DEFAULT false,
    "isLeader" BOOLEAN NOT NULL DEFAULT false,
    "isTeamOrOffice" BOOLEAN NOT NULL DEFAULT false,
    "headcount" INTEGER,
    "leaderName" TEXT NOT NULL DEFAULT '',
    "parentUnit" TEXT NOT NULL DEFAULT '',
    "priorHonours" TEXT NOT NULL DEFAULT '[]',
    "rewardsPenalties" TEXT NOT NULL DEFAULT '',
    "deedsShort" TEXT NOT NULL DEFAULT '',
    "deedsLong" TEXT NOT NULL DEFAULT '',
    "congressDate" TEXT,
    "congressPresent" INTEGER,
    "congressFor" INTEGER,
    "congressAgainst" INTEGER,
    "pollTotal" INTEGER,
    "pollFor" INTEGER,
    "localNoticeStart" TEXT,
    "localNoticeDays" INTEGER,
    "localNoticeEnd" TEXT,
    "localNoticeOutcome" TEXT,
    "attachments" TEXT NOT NULL DEFAULT '[]',
    "status" TEXT NOT NULL DEFAULT 'draft',
    "heldBack" BOOLEAN NOT NULL DEFAULT false,
    "submissionId" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Nomination_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Campaign_roundId_key" ON "Campaign"("roundId");

-- CreateIndex
CREATE UNIQUE INDEX "Nomination_submissionId_key" ON "Nomination"("submissionId");

-- CreateIndex
CREATE INDEX "Nomination_campaignId_orgId_idx" ON "Nomination"("campaignId", "orgId");

-- CreateIndex
CREATE INDEX "Nomination_campaignId_status_idx" ON "Nomination"("campaignId", "status");

-- AddForeignKey
ALTER TABLE "Campaign" ADD CONSTRAINT "Campaign_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "ReviewRound"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Nomination" ADD CONSTRAINT "Nomination_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

