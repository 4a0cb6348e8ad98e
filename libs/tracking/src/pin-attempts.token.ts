export const PIN_ATTEMPTS = Symbol('PIN_ATTEMPTS');
