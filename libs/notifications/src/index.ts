export * from './channels.js';
export * from './dispatcher.js';
export * from './notifications.module.js';
export * from './templates.js';
