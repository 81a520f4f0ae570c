-- DropIndex
DROP INDEX "Certificate_eventId_registrationId_publicationId_key";

-- AlterTable
ALTER TABLE "Certificate" ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'individual',
ADD COLUMN     "teamName" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_eventId_registrationId_publicationId_kind_key" ON "Certificate"("eventId", "registrationId", "publicationId", "kind");

