-- AlterTable
ALTER TABLE "Honour" ADD COLUMN     "verifyCode" TEXT;

-- CreateTable
CREATE TABLE "UnitBar" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "orgPath" TEXT NOT NULL,
    "award" TEXT NOT NULL DEFAULT '',
    "fromYear" INTEGER NOT NULL,
    "untilYear" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "nominationId" TEXT,
    "barredById" TEXT,
    "liftedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UnitBar_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsultationTask" (
    "id" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "submissionId" TEXT,
    "candidateName" TEXT NOT NULL,
    "candidateType" TEXT NOT NULL,
    "department" TEXT NOT NULL,
    "departmentOrgId" TEXT NOT NULL,
    "askedByOrgId" TEXT NOT NULL,
    "askedByOrgPath" TEXT NOT NULL,
    "dueOn" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "details" TEXT,
    "attachmentId" TEXT,
    "answeredById" TEXT,
    "answeredAt" TIMESTAMP(3),
    "ruling" TEXT,
    "rulingReason" TEXT,
    "ruledById" TEXT,
    "ruledAt" TIMESTAMP(3),
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConsultationTask_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HonourRevocation" (
    "id" TEXT NOT NULL,
    "honourId" TEXT NOT NULL,
    "grounds" TEXT NOT NULL,
    "details" TEXT NOT NULL,
    "documents" TEXT NOT NULL DEFAULT '[]',
    "orgId" TEXT NOT NULL,
    "submissionId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "HonourRevocation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PioneerReview" (
    "id" TEXT NOT NULL,
    "honourId" TEXT NOT NULL,
    "period" INTEGER NOT NULL,
    "report" TEXT NOT NULL DEFAULT '',
    "reportFileId" TEXT,
    "reportedById" TEXT,
    "reportedAt" TIMESTAMP(3),
    "status" TEXT NOT NULL DEFAULT 'pending',
    "reason" TEXT,
    "reviewedById" TEXT,
    "reviewedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PioneerReview_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HonourRecommendation" (
    "id" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "holderName" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "unitPath" TEXT NOT NULL,
    "unitName" TEXT NOT NULL,
    "honour" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "certificateId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'open',
    "nominationId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "HonourRecommendation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "UnitBar_orgId_idx" ON "UnitBar"("orgId");

-- CreateIndex
CREATE INDEX "ConsultationTask_departmentOrgId_status_idx" ON "ConsultationTask"("departmentOrgId", "status");

-- CreateIndex
CREATE INDEX "ConsultationTask_submissionId_idx" ON "ConsultationTask"("submissionId");

-- CreateIndex
CREATE UNIQUE INDEX "ConsultationTask_subjectType_subjectId_department_key" ON "ConsultationTask"("subjectType", "subjectId", "department");

-- CreateIndex
CREATE UNIQUE INDEX "HonourRevocation_submissionId_key" ON "HonourRevocation"("submissionId");

-- CreateIndex
CREATE INDEX "HonourRevocation_honourId_idx" ON "HonourRevocation"("honourId");

-- CreateIndex
CREATE UNIQUE INDEX "PioneerReview_honourId_period_key" ON "PioneerReview"("honourId", "period");

-- CreateIndex
CREATE INDEX "HonourRecommendation_unitPath_idx" ON "HonourRecommendation"("unitPath");

-- CreateIndex
CREATE UNIQUE INDEX "HonourRecommendation_source_sourceId_memberId_honour_key" ON "HonourRecommendation"("source", "sourceId", "memberId", "honour");

-- CreateIndex
CREATE UNIQUE INDEX "Honour_verifyCode_key" ON "Honour"("verifyCode");

