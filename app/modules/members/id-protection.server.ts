import crypto from "node:crypto";
import { getEnv } from "~/utils/env.server";
import { maskIdNumber, normaliseIdNumber } from "./id-number";

// 身份证号 at rest: AES-256-GCM ciphertext (for the few roles allowed to see it),
// a keyed HMAC (for uniqueness and look-up) and the masked form (for everyone else).
// The key is DATA_KEY from the environment; losing it loses the clear numbers only.

const key = () => Buffer.from(getEnv().DATA_KEY, "hex");

export function protectIdNumber(raw: string) {
  const id = normaliseIdNumber(raw);
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key(), iv);
  const encrypted = Buffer.concat([cipher.update(id, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return {
    idNumberCipher: `v1:${iv.toString("base64")}:${tag.toString("base64")}:${encrypted.toString("base64")}`,
    idNumberHash: hashIdNumber(id),
    idNumberMasked: maskIdNumber(id),
  };
}

export function hashIdNumber(raw: string) {
  return crypto.createHmac("sha256", key()).update(normaliseIdNumber(raw)).digest("hex");
}

export function revealIdNumber(cipherText: string): string {
  const [version, iv, tag, data] = cipherText.split(":");
  if (version !== "v1") throw new Error("unknown ID cipher version");
  const decipher = crypto.createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64"));
  decipher.setAuthTag(Buffer.from(tag, "base64"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64")), decipher.final()]).toString("utf8");
}
