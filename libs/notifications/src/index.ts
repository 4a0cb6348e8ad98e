export * from './channels.js';
export * from './dispatcher.js';
export * from './notifications.module.js';
export * from './templates.js';
export * from './expiry-reminders.js';
export * from './escalations.js';
