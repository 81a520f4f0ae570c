-- DropIndex
DROP INDEX "Member_idNumberHash_key";

-- AlterTable
ALTER TABLE "Member" ADD COLUMN     "supersededById" TEXT;

-- CreateTable
CREATE TABLE "MemberLinkCode" (
    "id" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "usedById" TEXT,

    CONSTRAINT "MemberLinkCode_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "MemberLinkCode_codeHash_key" ON "MemberLinkCode"("codeHash");

-- CreateIndex
CREATE INDEX "MemberLinkCode_memberId_idx" ON "MemberLinkCode"("memberId");

-- CreateIndex
CREATE INDEX "Member_idNumberHash_idx" ON "Member"("idNumberHash");

-- AddForeignKey
ALTER TABLE "Member" ADD CONSTRAINT "Member_supersededById_fkey" FOREIGN KEY ("supersededById") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MemberLinkCode" ADD CONSTRAINT "MemberLinkCode_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

