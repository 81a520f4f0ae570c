-- CreateTable
CREATE TABLE "ReviewRound" (
    "id" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "topOrgId" TEXT NOT NULL,
    "reviewingTypes" TEXT NOT NULL DEFAULT '[]',
    "status" TEXT NOT NULL DEFAULT 'open',
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReviewRound_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewQuota" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "category" TEXT NOT NULL DEFAULT '',
    "limit" INTEGER NOT NULL,

    CONSTRAINT "ReviewQuota_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewSubmission" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "category" TEXT NOT NULL DEFAULT '',
    "submitterOrgId" TEXT NOT NULL,
    "levels" TEXT NOT NULL,
    "currentLevel" INTEGER NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL,
    "returnReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReviewSubmission_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewDecision" (
    "id" TEXT NOT NULL,
    "submissionId" TEXT NOT NULL,
    "level" INTEGER NOT NULL,
    "orgId" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "reason" TEXT,
    "byId" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReviewDecision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CalendarDay" (
    "date" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CalendarDay_pkey" PRIMARY KEY ("date")
);

-- CreateTable
CREATE TABLE "ReviewSetting" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReviewSetting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "PublicNotice" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "windowKind" TEXT NOT NULL,
    "windowDays" INTEGER NOT NULL,
    "startsOn" TEXT NOT NULL,
    "endsOn" TEXT NOT NULL,
    "contact" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'open',
    "publicCode" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "PublicNotice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NoticeEntry" (
    "id" TEXT NOT NULL,
    "noticeId" TEXT NOT NULL,
    "submissionId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sex" TEXT NOT NULL DEFAULT '',
    "unit" TEXT NOT NULL,
    "post" TEXT NOT NULL DEFAULT '',
    "deeds" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'listed',
    "sortOrder" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "NoticeEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NoticeObjection" (
    "id" TEXT NOT NULL,
    "noticeId" TEXT NOT NULL,
    "entryId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "realName" TEXT,
    "phone" TEXT,
    "unitName" TEXT,
    "letterFileId" TEXT,
    "content" TEXT NOT NULL,
    "toExamine" BOOLEAN NOT NULL DEFAULT true,
    "status" TEXT NOT NULL DEFAULT 'received',
    "assigneeId" TEXT,
    "assignedAt" TIMESTAMP(3),
    "finding" TEXT,
    "outcome" TEXT,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NoticeObjection_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReviewRound_topOrgId_idx" ON "ReviewRound"("topOrgId");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewQuota_roundId_orgId_category_key" ON "ReviewQuota"("roundId", "orgId", "category");

-- CreateIndex
CREATE INDEX "ReviewSubmission_roundId_status_idx" ON "ReviewSubmission"("roundId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewSubmission_subjectType_subjectId_roundId_key" ON "ReviewSubmission"("subjectType", "subjectId", "roundId");

-- CreateIndex
CREATE INDEX "ReviewDecision_submissionId_idx" ON "ReviewDecision"("submissionId");

-- CreateIndex
CREATE UNIQUE INDEX "PublicNotice_publicCode_key" ON "PublicNotice"("publicCode");

-- CreateIndex
CREATE INDEX "PublicNotice_roundId_idx" ON "PublicNotice"("roundId");

-- CreateIndex
CREATE UNIQUE INDEX "NoticeEntry_noticeId_submissionId_key" ON "NoticeEntry"("noticeId", "submissionId");

-- CreateIndex
CREATE INDEX "NoticeObjection_noticeId_status_idx" ON "NoticeObjection"("noticeId", "status");

-- AddForeignKey
ALTER TABLE "ReviewQuota" ADD CONSTRAINT "ReviewQuota_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "ReviewRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewSubmission" ADD CONSTRAINT "ReviewSubmission_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "ReviewRound"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewDecision" ADD CONSTRAINT "ReviewDecision_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "ReviewSubmission"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PublicNotice" ADD CONSTRAINT "PublicNotice_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "ReviewRound"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NoticeEntry" ADD CONSTRAINT "NoticeEntry_noticeId_fkey" FOREIGN KEY ("noticeId") REFERENCES "PublicNotice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NoticeEntry" ADD CONSTRAINT "NoticeEntry_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "ReviewSubmission"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NoticeObjection" ADD CONSTRAINT "NoticeObjection_noticeId_fkey" FOREIGN KEY ("noticeId") REFERENCES "PublicNotice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NoticeObjection" ADD CONSTRAINT "NoticeObjection_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "NoticeEntry"("id") ON DELETE CASCADE ON UPDATE CASCADE;

