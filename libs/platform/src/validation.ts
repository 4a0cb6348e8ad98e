import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { ValidationProblem } from './problem-details.filter.js';

function flatten(errors: ValidationError[], parent = ''): { field: string; reason: string }[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((reason) => ({ field, reason }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** Whitelisting, unknown fields refused, every failure listed by field. */
export const validationPipe = (): ValidationPipe =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // Off so bodiless commands (EmptyDto) validate; unknown fields are still refused by forbidNonWhitelisted.
    forbidUnknownValues: false,
    exceptionFactory: (errors) => new ValidationProblem(flatten(errors)),
  });
