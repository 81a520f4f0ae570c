-- AlterTable
ALTER TABLE "AnkangQuiz" ADD COLUMN     "prizeTiers" TEXT;

