'use strict';

const http = require('node:http');
const { graphql } = require('graphql');
const { config, redact } = require('./config');
const { EventBridgeClient } = require('./eventbridge');
const { schema, rootValue } = require('./schema');

const MAX_BODY_BYTES = 1024 * 1024;

function send(res, status, payload) {
  const body = JSON.stringify(payload);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

async function readJson(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new Error('request body too large');
    chunks.push(chunk);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

async function main() {
  const eventBridge = await EventBridgeClient.connect(config.amqpUrl);
  eventBridge.connection.on('close', () => {
    console.error('AMQP connection closed; exiting so a supervisor restarts the gateway');
    process.exit(1);
  });
  const root = rootValue(eventBridge, config);

  const server = http.createServer(async (req, res) => {
    if (req.method === 'GET' && req.url === '/health') return send(res, 200, { status: 'ok' });
    if (req.url !== '/graphql') return send(res, 404, { errors: [{ message: 'not found' }] });
    if (req.method !== 'POST') return send(res, 405, { errors: [{ message: 'use POST' }] });
    let request;
    try {
      request = await readJson(req);
    } catch (err) {
      return send(res, 400, { errors: [{ message: `invalid JSON body: ${err.message}` }] });
    }
    const result = await graphql({
      schema,
      source: String(request.query ?? ''),
      rootValue: root,
      variableValues: request.variables,
      operationName: request.operationName,
    });
    send(res, 200, result);
  });

  server.listen(config.port, '127.0.0.1', () => {
    console.log(`node-gateway listening on http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}/graphql (broker ${redact(config.amqpUrl)})`);
  });

  const stop = async () => {
    eventBridge.connection.removeAllListeners('close');
    server.close();
    await eventBridge.close().catch(() => {});
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((err) => {
  console.error(`node-gateway failed to start: ${err.message}`);
  process.exit(1);
});
