-- CreateTable
CREATE TABLE "RecusalRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "eventId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "conflictId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "resolution" TEXT,
    "resolvedById" TEXT,
    "resolvedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "RecusalRequest_eventId_status_idx" ON "RecusalRequest"("eventId", "status");

-- CreateIndex
CREATE INDEX "RecusalRequest_userId_idx" ON "RecusalRequest"("userId");

