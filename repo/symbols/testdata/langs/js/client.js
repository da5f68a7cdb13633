// A small HTTP client with retries and an event emitter: the shapes a
// reviewer meets in JavaScript (classes, methods, getters, arrow
// functions, function expressions, generators, closures, exports).
'use strict';

const DEFAULT_TIMEOUT = 5000;
const RETRY_CODES = new Set([502, 503, 504]);
let requestCount = 0;
var legacyMode = false;

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function withTimeout(promise, ms) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout after ' + ms)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const backoff = (attempt) => Math.min(1000 * 2 ** attempt, 30000);

const joinUrl = function (base, path) {
  return base.replace(/\/+$/, '') + '/' + path.replace(/^\/+/, '');
};

function* attempts(max) {
  for (let i = 0; i < max; i++) {
    yield i;
  }
}

class Emitter {
  constructor() {
    this.handlers = {};
  }

  on(event, fn) {
    (this.handlers[event] = this.handlers[event] || []).push(fn);
    return this;
  }

  emit(event, ...args) {
    for (const fn of this.handlers[event] || []) {
      fn(...args);
    }
  }
}

class Client extends Emitter {
  static defaults = { retries: 3 };
  #token = null;

  constructor(base, options = {}) {
    super();
    this.base = base;
    this.options = { ...Client.defaults, ...options };
  }

  get token() {
    return this.#token;
  }

  set token(value) {
    this.#token = value;
    this.emit('token', value);
  }

  headers() {
    const h = { 'content-type': 'application/json' };
    if (this.#token) {
      h.authorization = 'Bearer ' + this.#token;
    }
    return h;
  }

  async request(method, path, body) {
    const url = joinUrl(this.base, path);
    for (const attempt of attempts(this.options.retries)) {
      requestCount++;
      const res = await withTimeout(
        fetch(url, { method, headers: this.headers(), body: body && JSON.stringify(body) }),
        this.options.timeout || DEFAULT_TIMEOUT,
      );
      if (!RETRY_CODES.has(res.status)) {
        this.emit('response', res);
        return res;
      }
      await sleep(backoff(attempt));
    }
    throw new Error('giving up on ' + url);
  }

  get(path) {
    return this.request('GET', path);
  }

  post(path, body) {
    return this.request('POST', path, body);
  }

  static fromEnv(env) {
    const c = new Client(env.API_BASE || 'http://localhost');
    c.token = env.API_TOKEN || null;
    return c;
  }
}

function makeCounter() {
  let n = 0;
  function increment() {
    n++;
    return n;
  }
  return { increment, reset: () => (n = 0) };
}

const handlers = {
  onError(err) {
    console.error(err);
  },
  onDone: function () {
    console.log('done');
  },
};

module.exports = { Client, Emitter, makeCounter, handlers, sleep, legacyMode };
