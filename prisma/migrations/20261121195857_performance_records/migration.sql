-- CreateTable
CREATE TABLE "PerformanceRecord" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "eventId" TEXT NOT NULL,
    "blindCodeId" TEXT NOT NULL,
    "completionSeconds" INTEGER,
    "deductions" TEXT NOT NULL DEFAULT '[]',
    "disqualifiedReason" TEXT,
    "updatedById" TEXT,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "PerformanceRecord_blindCodeId_key" ON "PerformanceRecord"("blindCodeId");

-- CreateIndex
CREATE INDEX "PerformanceRecord_eventId_idx" ON "PerformanceRecord"("eventId");

