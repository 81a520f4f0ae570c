-- CreateIndex
CREATE INDEX "Nomination_campaignId_updatedAt_idx" ON "Nomination"("campaignId", "updatedAt");

-- CreateIndex
CREATE INDEX "ReviewSubmission_roundId_updatedAt_idx" ON "ReviewSubmission"("roundId", "updatedAt");

