-- CreateTable
CREATE TABLE "FlagResolution" (
    "id" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "blindCodeId" TEXT NOT NULL,
    "aspectId" TEXT NOT NULL,
    "flagKey" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "byId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FlagResolution_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FlagResolution_eventId_idx" ON "FlagResolution"("eventId");

