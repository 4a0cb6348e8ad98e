import { readFileSync } from 'node:fs';

// The public pages' style and script: real files beside this one (public/), copied next to the compiled code by the
// build (scripts/copy-assets.mjs), read once at start and served as files (the Content-Security-Policy allows no
// inline code).

const read = (name: string): string => readFileSync(new URL(`./public/${name}`, import.meta.url), 'utf8');

export const TRACKING_STYLE = read('tracking.css');

/** Only enhances: the form works without it. */
export const TRACKING_SCRIPT = read('tracking.js');
