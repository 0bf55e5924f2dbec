package io.copytrader.account;

/** What {@link TakeProfitPolicy} decided: a take-profit order to keep beside the stop-loss, or why there is none. */
public sealed interface TakeProfitResult permits TakeProfitPlan, Rejection {
}
