export const PIN_ATTEMPTS = Symbol('PIN_ATTEMPTS');
export const PUBLIC_READS = Symbol('PUBLIC_READS');
