-- CreateTable
CREATE TABLE "Proposal" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "problem" TEXT NOT NULL DEFAULT '',
    "content" TEXT NOT NULL DEFAULT '',
    "expectedBenefit" TEXT NOT NULL DEFAULT '',
    "expectedBenefitYuan" INTEGER,
    "unitId" TEXT NOT NULL,
    "unitPath" TEXT NOT NULL,
    "unitName" TEXT NOT NULL,
    "teamId" TEXT,
    "state" TEXT NOT NULL DEFAULT 'draft',
    "mergedIntoId" TEXT,
    "reviewSessionId" TEXT,
    "submittedAt" TIMESTAMP(3),
    "decidedAt" TIMESTAMP(3),
    "implementedAt" TIMESTAMP(3),
    "implementationNote" TEXT,
    "confirmedBenefitYuan" INTEGER,
    "financeConfirmedBy" TEXT,
    "financeReference" TEXT,
    "benefitConfirmedAt" TIMESTAMP(3),
    "committeeTotal" INTEGER,
    "gradeTotal" INTEGER,
    "grade" TEXT,
    "rewardYuan" INTEGER,
    "topTenSubmissionId" TEXT,
    "topTenYear" INTEGER,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Proposal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProposalAuthor" (
    "id" TEXT NOT NULL,
    "proposalId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "share" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "unitId" TEXT,
    "teamId" TEXT,
    "isFrontline" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "ProposalAuthor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProposalAttachment" (
    "id" TEXT NOT NULL,
    "proposalId" TEXT NOT NULL,
    "fileId" TEXT NOT NULL,
    "filename" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProposalAttachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProposalReviewSession" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "orgPath" TEXT NOT NULL,
    "sessionKey" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProposalReviewSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProposalScore" (
    "id" TEXT NOT NULL,
    "proposalId" TEXT NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "reviewerName" TEXT NOT NULL,
    "items" TEXT NOT NULL,
    "total" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProposalScore_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProposalDispute" (
    "id" TEXT NOT NULL,
    "proposalId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "resolution" TEXT,
    "raisedById" TEXT,
    "resolvedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMP(3),

    CONSTRAINT "ProposalDispute_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProposalNotification" (
    "id" TEXT NOT NULL,
    "proposalId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "readAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProposalNotification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Proposal_unitPath_state_idx" ON "Proposal"("unitPath", "state");

-- CreateIndex
CREATE INDEX "Proposal_state_idx" ON "Proposal"("state");

-- CreateIndex
CREATE INDEX "Proposal_reviewSessionId_idx" ON "Proposal"("reviewSessionId");

-- CreateIndex
CREATE INDEX "Proposal_mergedIntoId_idx" ON "Proposal"("mergedIntoId");

-- CreateIndex
CREATE INDEX "ProposalAuthor_memberId_idx" ON "ProposalAuthor"("memberId");

-- CreateIndex
CREATE UNIQUE INDEX "ProposalAuthor_proposalId_memberId_key" ON "ProposalAuthor"("proposalId", "memberId");

-- CreateIndex
CREATE INDEX "ProposalAttachment_proposalId_idx" ON "ProposalAttachment"("proposalId");

-- CreateIndex
CREATE INDEX "ProposalReviewSession_orgPath_idx" ON "ProposalReviewSession"("orgPath");

-- CreateIndex
CREATE UNIQUE INDEX "ProposalReviewSession_orgId_sessionKey_key" ON "ProposalReviewSession"("orgId", "sessionKey");

-- CreateIndex
CREATE UNIQUE INDEX "ProposalScore_proposalId_reviewerId_key" ON "ProposalScore"("proposalId", "reviewerId");

-- CreateIndex
CREATE INDEX "ProposalDispute_proposalId_status_idx" ON "ProposalDispute"("proposalId", "status");

-- CreateIndex
CREATE INDEX "ProposalNotification_memberId_createdAt_idx" ON "ProposalNotification"("memberId", "createdAt");

-- AddForeignKey
ALTER TABLE "ProposalAuthor" ADD CONSTRAINT "ProposalAuthor_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProposalAttachment" ADD CONSTRAINT "ProposalAttachment_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProposalScore" ADD CONSTRAINT "ProposalScore_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProposalDispute" ADD CONSTRAINT "ProposalDispute_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProposalNotification" ADD CONSTRAINT "ProposalNotification_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

