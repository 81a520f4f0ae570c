-- CreateTable
CREATE TABLE "Contest" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'skills',
    "level" TEXT NOT NULL,
    "contestClass" TEXT NOT NULL,
    "hosts" TEXT NOT NULL DEFAULT '[]',
    "coHosts" TEXT NOT NULL DEFAULT '[]',
    "status" TEXT NOT NULL DEFAULT 'draft',
    "registrationOpensAt" TIMESTAMP(3),
    "registrationClosesAt" TIMESTAMP(3),
    "startsAt" TIMESTAMP(3),
    "endsAt" TIMESTAMP(3),
    "appealWindowMinutes" INTEGER NOT NULL DEFAULT 120,
    "noticeText" TEXT NOT NULL DEFAULT '',
    "rulesFileId" TEXT,
    "templateId" TEXT,
    "visibility" TEXT NOT NULL DEFAULT 'public',
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Contest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommitteeMember" (
    "id" TEXT NOT NULL,
    "contestId" TEXT NOT NULL,
    "group" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "duty" TEXT,
    "userId" TEXT,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "CommitteeMember_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContestEvent" (
    "id" TEXT NOT NULL,
    "contestId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "trade" TEXT NOT NULL,
    "groupName" TEXT NOT NULL,
    "mode" TEXT NOT NULL DEFAULT 'individual',
    "teamSize" INTEGER,
    "stages" TEXT NOT NULL DEFAULT '[]',
    "markingScheme" TEXT NOT NULL DEFAULT '{"components":[]}',
    "scoringSettings" TEXT NOT NULL DEFAULT '{}',
    "minFieldSize" INTEGER NOT NULL DEFAULT 30,
    "unitQuota" INTEGER,
    "eligibility" TEXT NOT NULL DEFAULT '{}',
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "drawnAt" TIMESTAMP(3),
    "decryptedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ContestEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContestSession" (
    "id" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3),
    "place" TEXT NOT NULL DEFAULT '',
    "stationCount" INTEGER NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ContestSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Team" (
    "id" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "leaderName" TEXT,
    "coachName" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Team_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Registration" (
    "id" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "teamId" TEXT,
    "status" TEXT NOT NULL,
    "returnedStep" TEXT,
    "returnReason" TEXT,
    "skillLevel" TEXT,
    "certificateNo" TEXT,
    "photoFileId" TEXT,
    "coachName" TEXT,
    "leaderName" TEXT,
    "yearsOfService" INTEGER,
    "declaredNoAccident" BOOLEAN NOT NULL DEFAULT false,
    "admissionNo" TEXT,
    "checkInToken" TEXT,
    "submittedById" TEXT,
    "checkedInAt" TIMESTAMP(3),
    "checkedInById" TEXT,
    "withdrawnAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Registration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RegistrationApproval" (
    "id" TEXT NOT NULL,
    "registrationId" TEXT NOT NULL,
    "step" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "reason" TEXT,
    "byId" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RegistrationApproval_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Draw" (
    "id" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "seed" TEXT NOT NULL,
    "algorithm" TEXT NOT NULL,
    "result" TEXT NOT NULL,
    "ranById" TEXT,
    "ranAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Draw_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BlindCode" (
    "id" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "registrationId" TEXT NOT NULL,
    "entryNo" TEXT NOT NULL,
    "orderNo" INTEGER NOT NULL,
    "sessionId" TEXT,
    "stationNo" INTEGER NOT NULL,
    "stationCode" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BlindCode_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Contest_orgId_idx" ON "Contest"("orgId");

-- CreateIndex
CREATE INDEX "Contest_status_idx" ON "Contest"("status");

-- CreateIndex
CREATE INDEX "CommitteeMember_contestId_idx" ON "CommitteeMember"("contestId");

-- CreateIndex
CREATE INDEX "ContestEvent_contestId_idx" ON "ContestEvent"("contestId");

-- CreateIndex
CREATE INDEX "ContestSession_eventId_idx" ON "ContestSession"("eventId");

-- CreateIndex
CREATE INDEX "Team_unitId_idx" ON "Team"("unitId");

-- CreateIndex
CREATE UNIQUE INDEX "Team_eventId_name_key" ON "Team"("eventId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Registration_admissionNo_key" ON "Registration"("admissionNo");

-- CreateIndex
CREATE UNIQUE INDEX "Registration_checkInToken_key" ON "Registration"("checkInToken");

-- CreateIndex
CREATE INDEX "Registration_eventId_status_idx" ON "Registration"("eventId", "status");

-- CreateIndex
CREATE INDEX "Registration_unitId_idx" ON "Registration"("unitId");

-- CreateIndex
CREATE UNIQUE INDEX "Registration_eventId_memberId_key" ON "Registration"("eventId", "memberId");

-- CreateIndex
CREATE INDEX "RegistrationApproval_registrationId_idx" ON "RegistrationApproval"("registrationId");

-- CreateIndex
CREATE INDEX "Draw_eventId_idx" ON "Draw"("eventId");

-- CreateIndex
CREATE UNIQUE INDEX "BlindCode_registrationId_key" ON "BlindCode"("registrationId");

-- CreateIndex
CREATE UNIQUE INDEX "BlindCode_eventId_entryNo_key" ON "BlindCode"("eventId", "entryNo");

-- CreateIndex
CREATE UNIQUE INDEX "BlindCode_eventId_stationCode_key" ON "BlindCode"("eventId", "stationCode");

-- AddForeignKey
ALTER TABLE "Contest" ADD CONSTRAINT "Contest_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommitteeMember" ADD CONSTRAINT "CommitteeMember_contestId_fkey" FOREIGN KEY ("contestId") REFERENCES "Contest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContestEvent" ADD CONSTRAINT "ContestEvent_contestId_fkey" FOREIGN KEY ("contestId") REFERENCES "Contest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContestSession" ADD CONSTRAINT "ContestSession_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "ContestEvent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Team" ADD CONSTRAINT "Team_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "ContestEvent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Team" ADD CONSTRAINT "Team_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Registration" ADD CONSTRAINT "Registration_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "ContestEvent"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Registration" ADD CONSTRAINT "Registration_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Registration" ADD CONSTRAINT "Registration_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Registration" ADD CONSTRAINT "Registration_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RegistrationApproval" ADD CONSTRAINT "RegistrationApproval_registrationId_fkey" FOREIGN KEY ("registrationId") REFERENCES "Registration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Draw" ADD CONSTRAINT "Draw_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "ContestEvent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BlindCode" ADD CONSTRAINT "BlindCode_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "ContestEvent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BlindCode" ADD CONSTRAINT "BlindCode_registrationId_fkey" FOREIGN KEY ("registrationId") REFERENCES "Registration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BlindCode" ADD CONSTRAINT "BlindCode_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "ContestSession"("id") ON DELETE SET NULL ON UPDATE CASCADE;

