package io.copytrader.notify;

/** The direction of a position; fills that reduce a position carry the side of the position they reduce. */
public enum PositionSide { LONG, SHORT }
