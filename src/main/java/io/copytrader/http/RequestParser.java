package io.copytrader.http;

import io.copytrader.account.TradeRequest;

/** Turns a request body (and the {@code Idempotency-Key} header, or null) into a validated request. */
@FunctionalInterface
interface RequestParser {

  TradeRequest parse(byte[] body, String idempotencyKey) throws InvalidRequestException;
}
