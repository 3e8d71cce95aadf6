// @ts-check
'use strict';

/** @typedef {import('./eventbridge-contracts').WrapUpIntent} WrapUpIntent */
/** @typedef {import('./eventbridge-contracts').WrapUpApplied} WrapUpApplied */
/** @typedef {import('./eventbridge-contracts').WrapUpFailed} WrapUpFailed */
/** @typedef {{ kind: 'APPLIED', outcome: WrapUpApplied } | { kind: 'FAILED', outcome: WrapUpFailed }} FinalOutcome */

const crypto = require('node:crypto');
const amqp = require('amqplib');

// Broker names EventBridge documents in docs/raw-json-intents.md.
const INTENT_QUEUE = 'eventbridge-wrapup-intents';
const OUTCOME_EXCHANGES = {
  'eventbridge.wrapup-accepted': 'ACCEPTED',
  'eventbridge.wrapup-applied': 'APPLIED',
  'eventbridge.wrapup-failed': 'FAILED',
};

/**
 * One AMQP connection: a confirm channel to publish intents, and an exclusive auto-delete queue bound to the three
 * outcome exchanges. Outcomes are at least once, so the first final outcome of an intent wins and repeats are ignored.
 */
class EventBridgeClient {
  constructor(connection, publishChannel, outcomeChannel) {
    this.connection = connection;
    this.publishChannel = publishChannel;
    this.outcomeChannel = outcomeChannel;
    this.waiting = new Map(); // intentId -> resolve
    this.returned = new Set(); // intent ids the broker could not route
  }

  static async connect(url) {
    const connection = await amqp.connect(url);
    const publishChannel = await connection.createConfirmChannel();
    const outcomeChannel = await connection.createChannel();
    const client = new EventBridgeClient(connection, publishChannel, outcomeChannel);
    await client.listen();
    return client;
  }

  async listen() {
    // Declared as MassTransit declares them (fanout, durable), so the gateway may start before the worker.
    const { queue } = await this.outcomeChannel.assertQueue('', { exclusive: true, autoDelete: true, durable: false });
    for (const exchange of Object.keys(OUTCOME_EXCHANGES)) {
      await this.outcomeChannel.assertExchange(exchange, 'fanout', { durable: true });
      await this.outcomeChannel.bindQueue(queue, exchange, '');
    }
    await this.outcomeChannel.consume(queue, (msg) => this.onOutcome(msg), { noAck: true });
    // With mandatory publishing, an intent nobody's queue takes comes back here before its confirm.
    this.publishChannel.on('return', (msg) => this.returned.add(msg.properties.messageId));
  }

  onOutcome(msg) {
    if (!msg) return; // consumer cancelled by the broker
    const kind = OUTCOME_EXCHANGES[msg.fields.exchange];
    /** @type {WrapUpApplied | WrapUpFailed | import('./eventbridge-contracts').WrapUpAccepted | undefined} */
    let outcome;
    try {
      // MassTransit's envelope: the event's fields are under "message" (docs/schemas/v1 describes each).
      outcome = JSON.parse(msg.content.toString('utf8')).message;
    } catch {
      return;
    }
    const intentId = String(outcome?.intentId ?? '').toLowerCase();
    const resolve = this.waiting.get(intentId);
    if (!resolve || kind === 'ACCEPTED') return;
    this.waiting.delete(intentId);
    resolve({ kind, outcome });
  }

  /** Publishes the intent (persistent, confirmed) and resolves with its final outcome, or null after timeoutMs. */
  async terminate({ conversationId, wrapUpCode, notes, requestedBy }, timeoutMs) {
    const intentId = crypto.randomUUID();
    /** @type {WrapUpIntent} */
    const intent = { intentId, conversationId, wrapUpCode, notes: notes ?? undefined, disconnect: true, requestedBy };
    let timer;
    const outcome = new Promise((resolve) => {
      this.waiting.set(intentId, resolve); // before publishing: the outcome may be faster than the confirm
      timer = setTimeout(() => {
        this.waiting.delete(intentId);
        resolve(null);
      }, timeoutMs);
    });
    try {
      await this.publish(intent);
    } catch (err) {
      clearTimeout(timer);
      this.waiting.delete(intentId);
      throw err;
    }
    return { intentId, result: await outcome.finally(() => clearTimeout(timer)) };
  }

  /**
   * @param {WrapUpIntent} intent
   * @returns {Promise<void>}
   */
  publish(intent) {
    const body = Buffer.from(JSON.stringify(intent));
    const options = { persistent: true, mandatory: true, contentType: 'application/json', messageId: intent.intentId };
    return new Promise(/** @type {(resolve: () => void, reject: (e: Error) => void) => void} */ ((resolve, reject) => {
      this.publishChannel.sendToQueue(INTENT_QUEUE, body, options, (err) => {
        if (err) return reject(new Error(`RabbitMQ did not confirm intent ${intent.intentId}`));
        if (this.returned.delete(intent.intentId))
          return reject(new Error(`No queue '${INTENT_QUEUE}' took intent ${intent.intentId}: is the EventBridge worker running?`));
        resolve();
      });
    }));
  }

  async close() {
    await this.connection.close();
  }
}

module.exports = { EventBridgeClient, INTENT_QUEUE };
