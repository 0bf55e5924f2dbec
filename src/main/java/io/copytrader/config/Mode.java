package io.copytrader.config;

/** Where orders go: the embedded paper exchange, or the Lighter at {@code BASE_URL}. */
public enum Mode { PAPER, LIVE }
