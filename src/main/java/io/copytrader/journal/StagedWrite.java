package io.copytrader.journal;

import io.vertx.core.Future;

/**
 * A write seen at two moments: {@code applied} once it has run inside the journal's open transaction, where
 * every later write already sees it, and {@code committed} once that transaction is durable. Work that only
 * leads to further journal writes may start on {@code applied}: those writes commit with or after this one,
 * and fail if it was rolled back. Anything said to the outside world waits for {@code committed}.
 */
public record StagedWrite<T>(Future<T> applied, Future<T> committed) {
}
