'use strict';

// Everything comes from the environment; nothing here is a secret except AMQP_URL's password, which is never logged.
function positiveInt(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, not '${raw}'`);
  return value;
}

const config = {
  amqpUrl: process.env.AMQP_URL || 'amqp://guest:guest@127.0.0.1:5672/',
  port: positiveInt('PORT', 4000),
  outcomeTimeoutMs: positiveInt('OUTCOME_TIMEOUT_MS', 30000),
  // Used when the mutation names no code; empty means the code is required.
  defaultWrapUpCode: process.env.DEFAULT_WRAPUP_CODE || '',
  requestedBy: process.env.REQUESTED_BY || 'node-gateway',
};

/** The broker address without user and password, for logs. */
function redact(url) {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '(unparsable AMQP_URL)';
  }
}

module.exports = { config, redact };
