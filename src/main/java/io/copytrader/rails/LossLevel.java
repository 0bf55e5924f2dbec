package io.copytrader.rails;

/** How close a loss is to its limit: {@link #WARNING} from 80 %, {@link #TRIPPED} at the limit. */
public enum LossLevel {
  UNKNOWN,
  OK,
  WARNING,
  TRIPPED
}
