-- CreateTable
CREATE TABLE "Incident" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "orgPath" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "severity" TEXT,
    "occurredOn" TIMESTAMP(3) NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "casualties" INTEGER,
    "recordedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Incident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Honour" (
    "id" TEXT NOT NULL,
    "memberId" TEXT,
    "orgId" TEXT,
    "holderName" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "unitPath" TEXT NOT NULL,
    "unitName" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "issuingBody" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "sourceId" TEXT,
    "certificateId" TEXT,
    "revokedAt" TIMESTAMP(3),
    "revocationReason" TEXT,
    "recordedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Honour_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Incident_orgId_occurredOn_idx" ON "Incident"("orgId", "occurredOn");

-- CreateIndex
CREATE INDEX "Incident_orgPath_idx" ON "Incident"("orgPath");

-- CreateIndex
CREATE INDEX "Honour_memberId_idx" ON "Honour"("memberId");

-- CreateIndex
CREATE INDEX "Honour_orgId_idx" ON "Honour"("orgId");

-- CreateIndex
CREATE INDEX "Honour_unitPath_idx" ON "Honour"("unitPath");

-- CreateIndex
CREATE INDEX "Honour_year_idx" ON "Honour"("year");

-- CreateIndex
CREATE UNIQUE INDEX "Honour_source_sourceId_title_key" ON "Honour"("source", "sourceId", "title");

