import { randomInt } from 'node:crypto';
import { PASSWORD_LENGTH } from './first-administrator.js';

/**
 * Why a password an officer chose is refused, in words the console shows
 * under the field (empty: accepted). Long enough, not the password it
 * replaces, and not built on the officer's own username (its length's upper
 * bound is the request's, ChangePasswordDto).
 */
export function passwordRefusals(password: string, officer: { username: string }, current?: string): string[] {
  const reasons: string[] = [];
  if (password.length < PASSWORD_LENGTH.min) reasons.push(`at least ${PASSWORD_LENGTH.min} characters`);
  if (current !== undefined && password === current) reasons.push('must differ from the current password');
  if (officer.username.length >= 3 && password.toLowerCase().includes(officer.username.toLowerCase()))
    reasons.push('must not contain the username');
  return reasons;
}

// No 0/O, 1/l/I: read aloud or off a screen at the counter without mistakes.
const LETTERS = 'abcdefghjkmnpqrstuvwxyz';
const DIGITS = '23456789';

/**
 * A temporary password an administrator hands over (by phone, on paper):
 * three groups of four from an unambiguous alphabet, about 60 bits, valid
 * only until the officer's first sign-in, which asks for their own.
 */
export function temporaryPassword(): string {
  const alphabet = LETTERS + DIGITS;
  const group = () => Array.from({ length: 4 }, () => alphabet[randomInt(alphabet.length)]).join('');
  return [group(), group(), group()].join('-');
}
