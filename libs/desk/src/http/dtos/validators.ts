import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsNotEmpty,
  IsString,
  MaxLength,
  MinLength,
  registerDecorator,
  type ValidationOptions,
} from 'class-validator';
import { nikProblem } from '#berkas/domain';
import { DocumentFonts } from '#berkas/documents';

// Validators the request bodies share.

export const CODE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export function IsNik(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isNik',
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate: (v: unknown) => typeof v === 'string' && nikProblem(v) === undefined,
        defaultMessage: (args) => (typeof args?.value === 'string' ? nikProblem(args.value) : undefined) ?? 'NIK must be 16 digits',
      },
    });
}

/** Text that goes on a permit: every character in a face the documents embed, or refused with the ones that are not. */
export function IsPrintable(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isPrintable',
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate: (v: unknown) => typeof v !== 'string' || DocumentFonts.get().unprintable(v).length === 0,
        defaultMessage: (args) =>
          `${args?.property ?? 'text'} has characters the permit cannot print: ${DocumentFonts.get()
            .unprintable(String(args?.value))
            .join(' ')} (Latin, Arabic and Chinese/Japanese scripts print)`,
      },
    });
}

/** A small object whose keys are kebab-case codes and whose values each pass `value` (fee inputs, particulars). */
function codeMap(name: string, most: number, value: (v: unknown) => boolean, message: string, options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name,
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate: (v: unknown) =>
          typeof v === 'object' &&
          v !== null &&
          !Array.isArray(v) &&
          Object.keys(v).length <= most &&
          Object.entries(v).every(([k, x]) => CODE.test(k) && k.length <= 60 && value(x)),
        defaultMessage: () => message,
      },
    });
}

/** A small map of named, positive, finite numbers (fee inputs such as floor area). */
export const IsNumberMap = (options?: ValidationOptions) =>
  codeMap(
    'isNumberMap',
    20,
    (n) => typeof n === 'number' && Number.isFinite(n) && n > 0 && n < 1e9,
    'inputs must map kebab-case codes to positive numbers (at most 20)',
    options,
  );

/**
 * The particulars of an application: codes to a text (at most 500 characters,
 * every one printable on the permit) or a finite number; at most 30. The
 * service's own rules (required, options, ranges) are the decider's.
 */
export const IsParticulars = (options?: ValidationOptions) =>
  codeMap(
    'isParticulars',
    30,
    (x) =>
      (typeof x === 'number' && Number.isFinite(x)) ||
      (typeof x === 'string' && x.length <= 500 && DocumentFonts.get().unprintable(x).length === 0),
    'particulars must map kebab-case codes to numbers or texts of at most 500 printable characters (at most 30)',
    options,
  );

export const Reasons = () => (target: object, key: string) => {
  IsArray()(target, key);
  ArrayMinSize(1)(target, key);
  ArrayMaxSize(20)(target, key);
  IsString({ each: true })(target, key);
  IsNotEmpty({ each: true })(target, key);
  MaxLength(500, { each: true })(target, key);
};

/** Why a supervisor or administrator did something recorded for good (a migration, a repair, a publication): 10 to 500 characters. */
export const Reason = () => (target: object, key: string) => {
  IsString()(target, key);
  MinLength(10, { message: `${key} must say why, in at least 10 characters` })(target, key);
  MaxLength(500)(target, key);
};
