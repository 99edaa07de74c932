import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { availableParallelism } from "node:os";
import pLimit from "p-limit";
import sharp from "sharp";
import { AppError } from "../../domain/errors.ts";

/**
 * Photos of the identity document (002): the type is read from the bytes (JPEG, PNG, or HEIC where the image
 * library can decode it — whatever the name or the declared type says), the image is decoded, turned upright
 * and re-encoded as JPEG without its metadata (no place, no device), then sealed with AES-256-GCM under a key
 * derived from SHIORI_SECRET_KEY. Only the sealed bytes are stored.
 */

export type { PhotoSide } from "../../domain/applications/registration-kits.ts";

// Each photo is decoded once and never again: libvips' operation cache would only keep them in memory.
sharp.cache(false);
// A decode holds the whole image's pixels (tens of megabytes for a phone's photo): at most two per core run at
// once, so memory follows the cores rather than the number of uploads in flight.
const decodes = pLimit(Math.max(1, availableParallelism()) * 2);

/**
 * The request body up to `maxBytes`, read as it arrives: a body over the limit is refused as soon as it passes
 * it (or at once by its declared length), without holding more than the limit.
 */
export async function readPhotoBody(
  body: AsyncIterable<Uint8Array> | null,
  maxBytes: number,
  declaredLength?: number,
): Promise<Buffer> {
  if (declaredLength !== undefined && declaredLength > maxBytes) {
    throw new AppError("PHOTO_TOO_LARGE", { maxBytes, bytes: declaredLength });
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of body ?? []) {
    total += chunk.length;
    if (total > maxBytes) throw new AppError("PHOTO_TOO_LARGE", { maxBytes, bytes: total });
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}

function sniff(bytes: Buffer): "jpeg" | "png" | "heic" | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "jpeg";
  if (
    bytes.length >= 8 &&
    bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  ) {
    return "png";
  }
  if (bytes.length >= 12 && bytes.subarray(4, 8).toString("latin1") === "ftyp") {
    const brand = bytes.subarray(8, 12).toString("latin1");
    if (["heic", "heix", "mif1", "msf1", "heim", "heis"].includes(brand)) return "heic";
  }
  return null;
}

export async function preparePhoto(bytes: Buffer, maxBytes: number): Promise<Buffer> {
  if (bytes.length === 0) throw new AppError("PHOTO_UNREADABLE", { reason: "empty" });
  if (bytes.length > maxBytes) throw new AppError("PHOTO_TOO_LARGE", { maxBytes, bytes: bytes.length });
  const type = sniff(bytes);
  if (!type)
    throw new AppError("PHOTO_TYPE_NOT_ACCEPTED", { accepted: ["image/jpeg", "image/png", "image/heic"] });
  try {
    return await decodes(() =>
      sharp(bytes, { limitInputPixels: 60_000_000, failOn: "error" })
        .rotate()
        .resize({ width: 2400, height: 2400, fit: "inside", withoutEnlargement: true })
        .jpeg({ quality: 85 })
        .toBuffer(),
    );
  } catch {
    throw new AppError("PHOTO_UNREADABLE", { type });
  }
}

function photoKey(secretKey: Buffer): Buffer {
  return Buffer.from(hkdfSync("sha256", secretKey, Buffer.alloc(0), "shiori identity photos v1", 32));
}

/** iv (12 bytes) ‖ tag (16 bytes) ‖ ciphertext; the application id is bound in as associated data. */
export function sealPhoto(secretKey: Buffer, applicationId: string, image: Buffer): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", photoKey(secretKey), iv);
  cipher.setAAD(Buffer.from(applicationId));
  const body = Buffer.concat([cipher.update(image), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

export function openPhoto(secretKey: Buffer, applicationId: string, sealed: Buffer): Buffer {
  const decipher = createDecipheriv("aes-256-gcm", photoKey(secretKey), sealed.subarray(0, 12));
  decipher.setAAD(Buffer.from(applicationId));
  decipher.setAuthTag(sealed.subarray(12, 28));
  return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]);
}
