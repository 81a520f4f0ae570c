-- AlterTable
ALTER TABLE "Organisation" ADD COLUMN     "unitCategory" TEXT;

