export const PIN_ATTEMPTS = Symbol('PIN_ATTEMPTS');
export const PUBLIC_READS = Symbol('PUBLIC_READS');
export const TRACKING_LOOKUPS = Symbol('TRACKING_LOOKUPS');
