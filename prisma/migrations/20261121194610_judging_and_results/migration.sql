-- CreateTable
CREATE TABLE "JudgeProfile" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "unitId" TEXT,
    "assessorCertNo" TEXT,
    "skillLevel" TEXT,
    "title" TEXT,
    "pinHash" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "JudgeAssignment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "eventId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'judge',
    "sessionId" TEXT,
    "aspectIds" TEXT NOT NULL DEFAULT '[]',
    "assignedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ConflictDeclaration" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "eventId" TEXT,
    "memberId" TEXT,
    "unitId" TEXT,
    "reason" TEXT NOT NULL,
    "declaredById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ScoreSheet" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "eventId" TEXT NOT NULL,
    "judgeId" TEXT NOT NULL,
    "blindCodeId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "submittedAt" DATETIME,
    "signatureName" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Mark" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sheetId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "blindCodeId" TEXT NOT NULL,
    "judgeId" TEXT NOT NULL,
    "aspectId" TEXT NOT NULL,
    "value" INTEGER NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "enteredAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Mark_sheetId_fkey" FOREIGN KEY ("sheetId") REFERENCES "ScoreSheet" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MarkSubmission" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "judgeId" TEXT NOT NULL,
    "markId" TEXT,
    "response" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "MarkChange" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "markId" TEXT NOT NULL,
    "before" INTEGER,
    "after" INTEGER,
    "kind" TEXT NOT NULL,
    "reason" TEXT,
    "byId" TEXT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MarkChange_markId_fkey" FOREIGN KEY ("markId") REFERENCES "Mark" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RemarkRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "eventId" TEXT NOT NULL,
    "blindCodeId" TEXT NOT NULL,
    "aspectId" TEXT NOT NULL,
    "judgeId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "requestedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" DATETIME
);

-- CreateTable
CREATE TABLE "SignOff" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "eventId" TEXT NOT NULL,
    "sessionId" TEXT,
    "byId" TEXT NOT NULL,
    "signatureName" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "PaperSheet" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "eventId" TEXT NOT NULL,
    "blindCodeId" TEXT NOT NULL,
    "judgeLabel" TEXT NOT NULL,
    "judgeId" TEXT NOT NULL,
    "firstValues" TEXT NOT NULL,
    "firstEntryById" TEXT NOT NULL,
    "secondValues" TEXT,
    "secondEntryById" TEXT,
    "status" TEXT NOT NULL DEFAULT 'awaiting_second',
    "differences" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "TheoryScore" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "eventId" TEXT NOT NULL,
    "registrationId" TEXT NOT NULL,
    "value" INTEGER NOT NULL,
    "voided" BOOLEAN NOT NULL DEFAULT false,
    "voidReason" TEXT,
    "source" TEXT NOT NULL,
    "enteredById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Recheck" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "eventId" TEXT NOT NULL,
    "seed" TEXT NOT NULL,
    "topN" INTEGER NOT NULL,
    "sampleBp" INTEGER NOT NULL,
    "drawnById" TEXT,
    "drawnAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" TEXT NOT NULL DEFAULT 'open',
    "checkedMarks" INTEGER NOT NULL DEFAULT 0,
    "wrongMarks" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "RecheckItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "recheckId" TEXT NOT NULL,
    "blindCodeId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "checkedById" TEXT,
    "checkedAt" DATETIME,
    "wrongMarks" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "RecheckItem_recheckId_fkey" FOREIGN KEY ("recheckId") REFERENCES "Recheck" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DecryptionStep" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "eventId" TEXT NOT NULL,
    "layer" INTEGER NOT NULL,
    "byId" TEXT NOT NULL,
    "witnessName" TEXT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Appeal" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "eventId" TEXT NOT NULL,
    "registrationId" TEXT NOT NULL,
    "filedById" TEXT NOT NULL,
    "filedAs" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "filedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "ruling" TEXT,
    "ruledById" TEXT,
    "ruledAt" DATETIME,
    "reopened" TEXT NOT NULL DEFAULT '[]'
);

-- CreateTable
CREATE TABLE "ResultBoard" (
    "eventId" TEXT NOT NULL PRIMARY KEY,
    "frozenAt" DATETIME,
    "publishedAt" DATETIME,
    "publicationVersion" INTEGER NOT NULL DEFAULT 0,
    "noticeEndsAt" DATETIME,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Publication" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "eventId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "publishedById" TEXT NOT NULL,
    "publishedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "noticeDays" INTEGER NOT NULL,
    "reason" TEXT,
    "snapshot" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "Certificate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "number" TEXT NOT NULL,
    "verifyCode" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "registrationId" TEXT NOT NULL,
    "prize" TEXT NOT NULL,
    "outcomes" TEXT NOT NULL DEFAULT '[]',
    "publicationId" TEXT NOT NULL,
    "issuedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" DATETIME
);

-- CreateIndex
CREATE UNIQUE INDEX "JudgeProfile_userId_key" ON "JudgeProfile"("userId");

-- CreateIndex
CREATE INDEX "JudgeAssignment_eventId_idx" ON "JudgeAssignment"("eventId");

-- CreateIndex
CREATE INDEX "JudgeAssignment_userId_idx" ON "JudgeAssignment"("userId");

-- CreateIndex
CREATE INDEX "ConflictDeclaration_userId_idx" ON "ConflictDeclaration"("userId");

-- CreateIndex
CREATE INDEX "ScoreSheet_eventId_idx" ON "ScoreSheet"("eventId");

-- CreateIndex
CREATE UNIQUE INDEX "ScoreSheet_eventId_judgeId_blindCodeId_key" ON "ScoreSheet"("eventId", "judgeId", "blindCodeId");

-- CreateIndex
CREATE INDEX "Mark_eventId_blindCodeId_idx" ON "Mark"("eventId", "blindCodeId");

-- CreateIndex
CREATE UNIQUE INDEX "Mark_sheetId_aspectId_key" ON "Mark"("sheetId", "aspectId");

-- CreateIndex
CREATE INDEX "MarkChange_markId_idx" ON "MarkChange"("markId");

-- CreateIndex
CREATE INDEX "RemarkRequest_eventId_idx" ON "RemarkRequest"("eventId");

-- CreateIndex
CREATE INDEX "SignOff_eventId_idx" ON "SignOff"("eventId");

-- CreateIndex
CREATE UNIQUE INDEX "PaperSheet_eventId_blindCodeId_judgeId_key" ON "PaperSheet"("eventId", "blindCodeId", "judgeId");

-- CreateIndex
CREATE UNIQUE INDEX "TheoryScore_eventId_registrationId_key" ON "TheoryScore"("eventId", "registrationId");

-- CreateIndex
CREATE INDEX "Recheck_eventId_idx" ON "Recheck"("eventId");

-- CreateIndex
CREATE UNIQUE INDEX "RecheckItem_recheckId_blindCodeId_key" ON "RecheckItem"("recheckId", "blindCodeId");

-- CreateIndex
CREATE UNIQUE INDEX "DecryptionStep_eventId_layer_key" ON "DecryptionStep"("eventId", "layer");

-- CreateIndex
CREATE INDEX "Appeal_eventId_idx" ON "Appeal"("eventId");

-- CreateIndex
CREATE UNIQUE INDEX "Publication_eventId_version_key" ON "Publication"("eventId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_number_key" ON "Certificate"("number");

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_verifyCode_key" ON "Certificate"("verifyCode");

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_eventId_registrationId_publicationId_key" ON "Certificate"("eventId", "registrationId", "publicationId");

