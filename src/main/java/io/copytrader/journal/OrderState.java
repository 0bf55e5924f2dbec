package io.copytrader.journal;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An order's lifecycle. It is journaled as {@code signed} before it is sent; {@code unknown} means the
 * send's outcome was lost (timeout, dropped response) and must be reconciled with the exchange before
 * anything else is sent for the request. {@code filled}, {@code cancelled} and {@code rejected} are final.
 */
public enum OrderState {
  SIGNED,
  SENT,
  ACCEPTED,
  REJECTED,
  UNKNOWN,
  FILLED,
  PARTIALLY_FILLED,
  CANCELLED;

  private static final Set<OrderState> FINAL = EnumSet.of(FILLED, CANCELLED, REJECTED);

  private static final Map<OrderState, List<OrderState>> FROM = new EnumMap<>(OrderState.class);

  static {
    for (OrderState next : values()) {
      FROM.put(next, Arrays.stream(values()).filter(state -> state.canMoveTo(next)).toList());
    }
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean isFinal() {
    return FINAL.contains(this);
  }

  /** A non-final state may be restated (for example to record a newer exchange status). */
  public boolean canMoveTo(OrderState next) {
    if (isFinal()) {
      return false;
    }
    if (next == this) {
      return true;
    }
    return switch (this) {
      // A signed order whose send was interrupted can be found on the exchange afterwards, already done.
      case SIGNED -> next != SIGNED;
      case SENT, ACCEPTED, UNKNOWN -> next != SIGNED && next != SENT;
      case PARTIALLY_FILLED -> next == FILLED || next == CANCELLED || next == UNKNOWN;
      default -> false;
    };
  }

  /** The states that may move to {@code next}, in declaration order. */
  public static List<OrderState> from(OrderState next) {
    return FROM.get(next);
  }

  public static OrderState fromWire(String wire) {
    return Wire.parse(OrderState.class, wire);
  }
}
