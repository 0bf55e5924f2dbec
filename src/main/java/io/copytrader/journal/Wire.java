package io.copytrader.journal;

import java.util.Locale;

/** The journal stores enum values as their lower-case names, the same spelling the HTTP API shows. */
final class Wire {

  private Wire() {
  }

  static <E extends Enum<E>> E parse(Class<E> type, String wire) {
    if (wire == null) {
      throw new IllegalArgumentException(type.getSimpleName() + " is missing");
    }
    try {
      return Enum.valueOf(type, wire.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException unknown) {
      throw new IllegalArgumentException("unknown " + type.getSimpleName() + " '" + wire + "'");
    }
  }
}
