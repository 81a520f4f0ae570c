-- AlterTable
ALTER TABLE "Proposal" ADD COLUMN     "benefitClaimNote" TEXT,
ADD COLUMN     "benefitClaimYuan" INTEGER,
ADD COLUMN     "benefitClaimedAt" TIMESTAMP(3),
ADD COLUMN     "benefitRejection" TEXT;

-- CreateTable
CREATE TABLE "ProposalCommitteeMember" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProposalCommitteeMember_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProposalSettingsRecord" (
    "orgId" TEXT NOT NULL,
    "settings" TEXT NOT NULL,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProposalSettingsRecord_pkey" PRIMARY KEY ("orgId")
);

-- CreateIndex
CREATE INDEX "ProposalCommitteeMember_userId_idx" ON "ProposalCommitteeMember"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "ProposalCommitteeMember_sessionId_userId_key" ON "ProposalCommitteeMember"("sessionId", "userId");

-- AddForeignKey
ALTER TABLE "ProposalCommitteeMember" ADD CONSTRAINT "ProposalCommitteeMember_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "ProposalReviewSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

