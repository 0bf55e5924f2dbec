package io.copytrader.account;

/** What {@link PositionSizer} decided: an order to send, or why there is none. */
public sealed interface SizingResult permits OrderPlan, Rejection {
}
