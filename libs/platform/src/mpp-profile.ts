import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';

const Text = z.object({ id: z.string().min(1).max(500), en: z.string().min(1).max(500) }).strict();

/**
 * Who this MPP is, as applicants read it on the tracking page, the permit
 * and the notices: name, address, hours, contacts, where corrections and
 * permits are handled and how a fee is paid. One file per deployment
 * (MPP_PROFILE); Bahasa Indonesia first, English second.
 */
export const MppProfileSchema = z
  .object({
    name: z.string().min(3).max(120),
    /** The regional government the MPP belongs to: the permit's letterhead. */
    government: z.string().min(3).max(160),
    address: z.string().min(5).max(300),
    hours: Text,
    phone: z.string().regex(/^\+?[\d\s()-]{6,24}$/, 'a phone number'),
    /** WhatsApp number for questions, international form without +: 6281234567890. */
    whatsapp: z
      .string()
      .regex(/^62\d{8,13}$/, 'an Indonesian WhatsApp number in international form, e.g. 6281234567890')
      .optional(),
    email: z.string().email(),
    website: z.string().url().optional(),
    /** Where an applicant brings corrections. */
    corrections: Text,
    /** What to bring when collecting a permit. */
    collection: Text,
    paymentChannels: z
      .array(z.object({ name: Text, how: Text }).strict())
      .min(1)
      .max(10),
    /** The first digits of the payment code printed on an SKRD (the bank's virtual-account prefix); the SKRD's number follows. */
    paymentCodePrefix: z
      .string()
      .regex(/^\d{3,8}$/, '3 to 8 digits')
      .optional(),
    /** The official who signs permits (the head of the licensing office): printed on each permit and in its signature. */
    signingOfficial: z
      .object({
        name: z.string().min(3).max(120),
        /** NIP: the civil servant's 18-digit number. */
        nip: z.string().regex(/^\d{18}$/, 'an 18-digit NIP'),
        title: z.string().min(3).max(160),
      })
      .strict(),
  })
  .strict();
export type MppProfile = z.infer<typeof MppProfileSchema>;

/** A setting's JSON file, read whole; a missing file or one that is not JSON stops the boot, naming the setting. */
export function readSettingFile(setting: string, path: string): unknown {
  if (!existsSync(path)) throw new Error(`Invalid configuration: ${setting}: no file at ${path}`);
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`Invalid configuration: ${setting}: ${path} is not JSON (${(e as Error).message})`, { cause: e });
  }
}

/** Reads and checks the profile; a mistake stops the boot with the field and the reason. */
export function loadMppProfile(path: string): MppProfile {
  const json = readSettingFile('MPP_PROFILE', path);
  const parsed = MppProfileSchema.safeParse(json);
  if (!parsed.success)
    throw new Error(
      `Invalid configuration: MPP_PROFILE (${path}): ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}
