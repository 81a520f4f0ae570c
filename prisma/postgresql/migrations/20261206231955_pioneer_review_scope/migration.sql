-- AlterTable
ALTER TABLE "PioneerReview" ADD COLUMN     "orgId" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "orgPath" TEXT NOT NULL DEFAULT '';

-- CreateIndex
CREATE INDEX "PioneerReview_orgPath_idx" ON "PioneerReview"("orgPath");

