-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_PioneerReview" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "honourId" TEXT NOT NULL,
    "orgId" TEXT NOT NULL DEFAULT '',
    "orgPath" TEXT NOT NULL DEFAULT '',
    "period" INTEGER NOT NULL,
    "report" TEXT NOT NULL DEFAULT '',
    "reportFileId" TEXT,
    "reportedById" TEXT,
    "reportedAt" DATETIME,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "reason" TEXT,
    "reviewedById" TEXT,
    "reviewedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_PioneerReview" ("createdAt", "honourId", "id", "period", "reason", "report", "reportFileId", "reportedAt", "reportedById", "reviewedAt", "reviewedById", "status") SELECT "createdAt", "honourId", "id", "period", "reason", "report", "reportFileId", "reportedAt", "reportedById", "reviewedAt", "reviewedById", "status" FROM "PioneerReview";
DROP TABLE "PioneerReview";
ALTER TABLE "new_PioneerReview" RENAME TO "PioneerReview";
CREATE INDEX "PioneerReview_orgPath_idx" ON "PioneerReview"("orgPath");
CREATE UNIQUE INDEX "PioneerReview_honourId_period_key" ON "PioneerReview"("honourId", "period");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

