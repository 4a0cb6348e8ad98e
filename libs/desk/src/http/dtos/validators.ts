import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsNotEmpty,
  IsString,
  MaxLength,
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

/** A small map of named, positive, finite numbers (fee inputs such as floor area). */
export function IsNumberMap(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isNumberMap',
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate: (v: unknown) =>
          typeof v === 'object' &&
          v !== null &&
          !Array.isArray(v) &&
          Object.keys(v).length <= 20 &&
          Object.entries(v).every(
            ([k, n]) => CODE.test(k) && k.length <= 60 && typeof n === 'number' && Number.isFinite(n) && n > 0 && n < 1e9,
          ),
        defaultMessage: () => 'inputs must map kebab-case codes to positive numbers (at most 20)',
      },
    });
}

export const Reasons = () => (target: object, key: string) => {
  IsArray()(target, key);
  ArrayMinSize(1)(target, key);
  ArrayMaxSize(20)(target, key);
  IsString({ each: true })(target, key);
  IsNotEmpty({ each: true })(target, key);
  MaxLength(500, { each: true })(target, key);
};
