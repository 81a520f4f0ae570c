-- CreateTable
CREATE TABLE "AnkangCycle" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "startYear" INTEGER NOT NULL,
    "endYear" INTEGER NOT NULL,
    "annual" BOOLEAN NOT NULL DEFAULT false,
    "orgId" TEXT NOT NULL,
    "orgPath" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "settings" TEXT NOT NULL DEFAULT '{}',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "AnkangCommitteeOrg" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "cycleId" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "orgPath" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    CONSTRAINT "AnkangCommitteeOrg_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "AnkangCycle" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AnkangSheetVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "cycleId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "definition" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AnkangSheetVersion_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "AnkangCycle" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AnkangEnrolment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "cycleId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "unitPath" TEXT NOT NULL,
    "unitName" TEXT NOT NULL,
    "sheetVersionId" TEXT NOT NULL,
    "hasCompetitionBody" BOOLEAN NOT NULL DEFAULT false,
    "hasPlan" BOOLEAN NOT NULL DEFAULT false,
    "agreementSignedOn" DATETIME,
    "agreementFileId" TEXT,
    "teamIds" TEXT NOT NULL DEFAULT '[]',
    "workerCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AnkangEnrolment_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "AnkangCycle" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AnkangAssessment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "enrolmentId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "entries" TEXT NOT NULL DEFAULT '{"items":[],"bonus":[],"vetoes":[]}',
    "total" REAL,
    "vetoed" BOOLEAN NOT NULL DEFAULT false,
    "reviewerIds" TEXT NOT NULL DEFAULT '[]',
    "submittedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "AnkangAssessment_enrolmentId_fkey" FOREIGN KEY ("enrolmentId") REFERENCES "AnkangEnrolment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AnkangActivity" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "enrolmentId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "heldOn" DATETIME NOT NULL,
    "participants" INTEGER NOT NULL DEFAULT 0,
    "photoFileId" TEXT,
    "itemCodes" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AnkangActivity_enrolmentId_fkey" FOREIGN KEY ("enrolmentId") REFERENCES "AnkangEnrolment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AnkangQuota" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "cycleId" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "allowed" INTEGER NOT NULL,
    CONSTRAINT "AnkangQuota_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "AnkangCycle" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AnkangTitle" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "cycleId" TEXT NOT NULL,
    "holderOrgId" TEXT NOT NULL,
    "holderOrgPath" TEXT NOT NULL,
    "holderName" TEXT NOT NULL,
    "memberId" TEXT,
    "kind" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'recommended',
    "finalScore" REAL,
    "reviewSubmissionId" TEXT,
    "honourId" TEXT,
    "withdrawnReason" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "AnkangHazard" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "unitId" TEXT NOT NULL,
    "unitPath" TEXT NOT NULL,
    "teamId" TEXT,
    "place" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "photoFileId" TEXT,
    "reporterUserId" TEXT,
    "anonymous" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'reported',
    "assignee" TEXT,
    "dueAt" DATETIME NOT NULL,
    "fixNote" TEXT,
    "fixPhotoId" TEXT,
    "closePhotoId" TEXT,
    "reportedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" DATETIME
);

-- CreateTable
CREATE TABLE "AnkangQuestion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orgId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "stem" TEXT NOT NULL,
    "options" TEXT NOT NULL,
    "answer" TEXT NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "AnkangQuiz" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orgId" TEXT NOT NULL,
    "orgPath" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "opensAt" DATETIME NOT NULL,
    "closesAt" DATETIME NOT NULL,
    "durationSeconds" INTEGER NOT NULL,
    "questions" TEXT NOT NULL,
    "prizeMode" TEXT NOT NULL DEFAULT 'rank',
    "drawSeed" TEXT,
    "seedPublishedAt" DATETIME,
    "prizes" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "AnkangQuizAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "quizId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "unitPath" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "submittedAt" DATETIME,
    "answers" TEXT,
    "score" INTEGER,
    "allCorrect" BOOLEAN NOT NULL DEFAULT false,
    "durationMs" INTEGER,
    CONSTRAINT "AnkangQuizAttempt_quizId_fkey" FOREIGN KEY ("quizId") REFERENCES "AnkangQuiz" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "AnkangCycle_orgPath_idx" ON "AnkangCycle"("orgPath");

-- CreateIndex
CREATE UNIQUE INDEX "AnkangCommitteeOrg_cycleId_orgId_key" ON "AnkangCommitteeOrg"("cycleId", "orgId");

-- CreateIndex
CREATE UNIQUE INDEX "AnkangSheetVersion_cycleId_version_key" ON "AnkangSheetVersion"("cycleId", "version");

-- CreateIndex
CREATE INDEX "AnkangEnrolment_unitPath_idx" ON "AnkangEnrolment"("unitPath");

-- CreateIndex
CREATE UNIQUE INDEX "AnkangEnrolment_cycleId_unitId_key" ON "AnkangEnrolment"("cycleId", "unitId");

-- CreateIndex
CREATE UNIQUE INDEX "AnkangAssessment_enrolmentId_kind_key" ON "AnkangAssessment"("enrolmentId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "AnkangQuota_cycleId_orgId_kind_key" ON "AnkangQuota"("cycleId", "orgId", "kind");

-- CreateIndex
CREATE INDEX "AnkangTitle_holderOrgId_idx" ON "AnkangTitle"("holderOrgId");

-- CreateIndex
CREATE UNIQUE INDEX "AnkangTitle_cycleId_holderOrgId_kind_memberId_key" ON "AnkangTitle"("cycleId", "holderOrgId", "kind", "memberId");

-- CreateIndex
CREATE INDEX "AnkangHazard_unitPath_status_idx" ON "AnkangHazard"("unitPath", "status");

-- CreateIndex
CREATE INDEX "AnkangHazard_teamId_idx" ON "AnkangHazard"("teamId");

-- CreateIndex
CREATE INDEX "AnkangQuestion_orgId_idx" ON "AnkangQuestion"("orgId");

-- CreateIndex
CREATE INDEX "AnkangQuizAttempt_quizId_allCorrect_idx" ON "AnkangQuizAttempt"("quizId", "allCorrect");

-- CreateIndex
CREATE INDEX "AnkangQuizAttempt_quizId_unitId_idx" ON "AnkangQuizAttempt"("quizId", "unitId");

-- CreateIndex
CREATE UNIQUE INDEX "AnkangQuizAttempt_quizId_memberId_key" ON "AnkangQuizAttempt"("quizId", "memberId");

