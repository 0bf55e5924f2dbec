package io.copytrader.account;

/** What {@link StopLossPolicy} decided: a stop-loss order to keep on the position, or why there is none. */
public sealed interface StopLossResult permits StopLossPlan, Rejection {
}
