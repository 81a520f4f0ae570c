-- AlterTable
ALTER TABLE "Certificate" ADD COLUMN "holderName" TEXT;
ALTER TABLE "Certificate" ADD COLUMN "unitName" TEXT;

