package io.copytrader.journal;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A request's lifecycle: {@code queued → executing → filled | partially_filled | rejected | failed | expired}.
 * A queued request may also end without executing (expired while waiting, rejected or failed at the start).
 * Final states never change again, which is what keeps a request from executing twice. A protection run ends
 * {@code completed} when everything it did was confirmed, {@code failed} otherwise. A request a risk rail or the
 * kill switch stopped ends {@code refused}, before it starts or while it executes (a retry is checked again).
 */
public enum RequestState {
  QUEUED,
  EXECUTING,
  FILLED,
  PARTIALLY_FILLED,
  REJECTED,
  FAILED,
  EXPIRED,
  COMPLETED,
  REFUSED;

  private static final Set<RequestState> FINAL =
    EnumSet.of(FILLED, PARTIALLY_FILLED, REJECTED, FAILED, EXPIRED, COMPLETED, REFUSED);

  private static final Map<RequestState, List<RequestState>> FROM = new EnumMap<>(RequestState.class);

  static {
    for (RequestState next : values()) {
      FROM.put(next, Arrays.stream(values()).filter(state -> state.canMoveTo(next)).toList());
    }
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean isFinal() {
    return FINAL.contains(this);
  }

  public boolean canMoveTo(RequestState next) {
    return switch (this) {
      case QUEUED -> next == EXECUTING || next == EXPIRED || next == REJECTED || next == FAILED || next == REFUSED;
      case EXECUTING -> next.isFinal();
      default -> false;
    };
  }

  /** The states that may move to {@code next}, in declaration order. */
  public static List<RequestState> from(RequestState next) {
    return FROM.get(next);
  }

  public static RequestState fromWire(String wire) {
    return Wire.parse(RequestState.class, wire);
  }
}
