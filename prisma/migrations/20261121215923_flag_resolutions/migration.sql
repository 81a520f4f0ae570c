-- CreateTable
CREATE TABLE "FlagResolution" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "eventId" TEXT NOT NULL,
    "blindCodeId" TEXT NOT NULL,
    "aspectId" TEXT NOT NULL,
    "flagKey" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "byId" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "FlagResolution_eventId_idx" ON "FlagResolution"("eventId");

