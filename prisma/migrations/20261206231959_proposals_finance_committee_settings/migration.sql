-- AlterTable
ALTER TABLE "Proposal" ADD COLUMN "benefitClaimNote" TEXT;
ALTER TABLE "Proposal" ADD COLUMN "benefitClaimYuan" INTEGER;
ALTER TABLE "Proposal" ADD COLUMN "benefitClaimedAt" DATETIME;
ALTER TABLE "Proposal" ADD COLUMN "benefitRejection" TEXT;

-- CreateTable
CREATE TABLE "ProposalCommitteeMember" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sessionId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ProposalCommitteeMember_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "ProposalReviewSession" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProposalSettingsRecord" (
    "orgId" TEXT NOT NULL PRIMARY KEY,
    "settings" TEXT NOT NULL,
    "updatedById" TEXT,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "ProposalCommitteeMember_userId_idx" ON "ProposalCommitteeMember"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "ProposalCommitteeMember_sessionId_userId_key" ON "ProposalCommitteeMember"("sessionId", "userId");

