// The check runner of compat.mjs: a timeout per check, PASS/FAIL/SKIP with a reason, and the WebSocket frames ccxt
// received (to show what a failing watch saw).

/** Thrown by a check that cannot run: ccxt does not implement the method, or ccxt itself keeps it from working. */
export class Skip extends Error {}

// What the paper exchange answers for what it does not serve: an unknown REST route (29404), a transaction type
// it does not apply (21505), a WebSocket channel it does not know (30005) or a message type it does not handle
// (30000). The names of the checks so answered are listed apart: they are gaps, not failures.
const NOT_SERVED = /"code":\s*"?(29404|21505|30005|30000)\b/;

export class Checks {
  constructor(timeoutMs) {
    this.timeoutMs = timeoutMs;
    this.counts = { PASS: 0, FAIL: 0, SKIP: 0 };
    this.notServed = [];
  }

  /** Runs body; its resolved string is the PASS detail. Never throws and never takes longer than the timeout. */
  async run(name, body) {
    let status;
    let detail;
    try {
      detail = await within(this.timeoutMs, `${name} did not finish`, body());
      status = 'PASS';
    } catch (e) {
      const message = describe(e);
      if (e instanceof Skip) {
        status = 'SKIP';
        detail = e.message;
      } else if (NOT_SERVED.test(message)) {
        status = 'SKIP';
        detail = `not served by the paper exchange: ${message}`;
        this.notServed.push(name);
      } else {
        status = 'FAIL';
        detail = message;
      }
    }
    this.counts[status] += 1;
    console.log(`${status.padEnd(4)}  ${name.padEnd(36)} ${detail ?? ''}`);
    return status === 'PASS';
  }

  summary() {
    const { PASS, FAIL, SKIP } = this.counts;
    console.log(`\n${PASS} passed, ${FAIL} failed, ${SKIP} skipped`);
    if (this.notServed.length > 0) {
      console.log(`not served by the paper exchange (skipped): ${this.notServed.join(', ')}`);
    }
    return FAIL === 0;
  }
}

/**
 * The promise's outcome, or a rejection after ms naming what did not happen (a string, or a function asked at that
 * moment). The promise's own later rejection is then ignored.
 */
export function within(ms, what, promise) {
  let timer;
  const timeout = new Promise((resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${typeof what === 'function' ? what() : what} within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A started watch: its promise is observed at once, so a rejection after the check gave up crashes nothing. */
export function started(promise) {
  promise.catch(() => {});
  return promise;
}

export function describe(e) {
  const text = e instanceof Error ? `${e.constructor.name}: ${e.message}` : String(e);
  return text.replace(/\s+/g, ' ').slice(0, 1500);
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Records the frames ccxt's WebSocket client receives (ccxt routes each through exchange.handleMessage) and lets a
 * check wait for one.
 */
export class Frames {
  constructor(exchange) {
    this.frames = [];
    this.waiters = [];
    const handle = exchange.handleMessage.bind(exchange);
    exchange.handleMessage = (client, message) => {
      this.frames.push(message);
      if (this.frames.length > 500) {
        this.frames.shift();
      }
      this.waiters = this.waiters.filter((waiter) => !waiter(message));
      return handle(client, message);
    };
  }

  /**
   * Waits for the paper exchange's answer to a subscription (outbound channel "a/b", frames name it "a:b"): the
   * snapshot, or an error frame.
   */
  answer(channel, ms) {
    const inbound = channel.replaceAll('/', ':');
    const matches = (frame) => frame.type === 'error' || (frame.channel === inbound && frame.type !== 'unsubscribed');
    // Called right after the watch started: its subscription cannot have been answered yet.
    return within(ms, `no answer to the subscription of ${channel}`, new Promise((resolve) => {
      this.waiters.push((frame) => {
        if (matches(frame)) {
          resolve(frame);
          return true;
        }
        return false;
      });
    }));
  }

  /** The last frames of a channel and the error frames, for a failure's reason. */
  about(channel) {
    const inbound = channel.replaceAll('/', ':');
    const seen = this.frames.filter((frame) => frame.channel === inbound || frame.type === 'error').slice(-3);
    return seen.length === 0 ? `no frame on ${inbound}`
      : `frames: ${seen.map((frame) => JSON.stringify(frame).slice(0, 300)).join(' | ')}`;
  }
}
