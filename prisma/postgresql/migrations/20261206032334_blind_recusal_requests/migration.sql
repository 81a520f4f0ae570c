-- CreateTable
CREATE TABLE "RecusalRequest" (
    "id" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "conflictId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "resolution" TEXT,
    "resolvedById" TEXT,
    "resolvedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RecusalRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RecusalRequest_eventId_status_idx" ON "RecusalRequest"("eventId", "status");

-- CreateIndex
CREATE INDEX "RecusalRequest_userId_idx" ON "RecusalRequest"("userId");

