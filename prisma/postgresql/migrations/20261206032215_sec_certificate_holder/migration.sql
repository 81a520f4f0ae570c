-- AlterTable
ALTER TABLE "Certificate" ADD COLUMN     "holderName" TEXT,
ADD COLUMN     "unitName" TEXT;

