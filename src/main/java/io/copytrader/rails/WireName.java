package io.copytrader.rails;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The rails' enums are spelled in lower case in settings, the journal and the HTTP API. */
final class WireName {

  private WireName() {
  }

  static String of(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  /** The constant spelled {@code wire}, exactly; anything else is refused with the spellings allowed. */
  static <E extends Enum<E>> E parse(Class<E> type, String wire) {
    for (E value : type.getEnumConstants()) {
      if (of(value).equals(wire)) {
        return value;
      }
    }
    throw new IllegalArgumentException(type.getSimpleName() + " must be one of "
      + Arrays.stream(type.getEnumConstants()).map(WireName::of).collect(Collectors.joining(", ")) + ", not " + wire);
  }
}
