package io.copytrader.lighter;

import io.vertx.core.buffer.Buffer;

/** What came back from one call of Lighter's REST API: the HTTP status and the whole body. */
record RestAnswer(int status, Buffer body) {
}
