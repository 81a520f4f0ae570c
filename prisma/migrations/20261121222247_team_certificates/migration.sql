-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Certificate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "number" TEXT NOT NULL,
    "verifyCode" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "registrationId" TEXT NOT NULL,
    "prize" TEXT NOT NULL,
    "outcomes" TEXT NOT NULL DEFAULT '[]',
    "publicationId" TEXT NOT NULL,
    "issuedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" DATETIME,
    "kind" TEXT NOT NULL DEFAULT 'individual',
    "teamName" TEXT
);
INSERT INTO "new_Certificate" ("eventId", "id", "issuedAt", "number", "outcomes", "prize", "publicationId", "registrationId", "revokedAt", "verifyCode") SELECT "eventId", "id", "issuedAt", "number", "outcomes", "prize", "publicationId", "registrationId", "revokedAt", "verifyCode" FROM "Certificate";
DROP TABLE "Certificate";
ALTER TABLE "new_Certificate" RENAME TO "Certificate";
CREATE UNIQUE INDEX "Certificate_number_key" ON "Certificate"("number");
CREATE UNIQUE INDEX "Certificate_verifyCode_key" ON "Certificate"("verifyCode");
CREATE UNIQUE INDEX "Certificate_eventId_registrationId_publicationId_kind_key" ON "Certificate"("eventId", "registrationId", "publicationId", "kind");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

