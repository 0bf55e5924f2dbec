package io.copytrader.lighter;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The exchange's root status ({@code GET /}). {@code timestamp} is unix seconds. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExchangeStatus(int status, long networkId, long timestamp) {
}
