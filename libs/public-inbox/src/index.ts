// What the public page hands in for the officers' side: survey answers (SKM, Permenpan RB 14/2017) and complaints
// (pengaduan). The public side writes, the desk reads and takes complaints in; neither is a projection of the log.
export * from './skm.js';
export * from './complaints.js';
export * from './corrections.js';
export * from './tables.js';
export * from './drafts.js';
