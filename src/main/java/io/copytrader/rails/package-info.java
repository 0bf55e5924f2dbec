/**
 * Risk rails and the kill switch, as pure logic: no Vert.x, no I/O, no clock of their own.
 *
 * <p>{@link io.copytrader.rails.RailLimits} holds an account's limits ({@link io.copytrader.rails.RailLimits#merge}
 * lays its {@link io.copytrader.rails.RailOverrides} over the global ones); {@link io.copytrader.rails.RailEvaluator}
 * checks an order ({@link io.copytrader.rails.RailRequest}) against them and the account's
 * {@link io.copytrader.rails.AccountState}, giving every rail's verdict and the size to send or the refusing rail;
 * {@link io.copytrader.rails.KillSwitch} holds the global and per-account modes;
 * {@link io.copytrader.rails.LossWatch} says when the loss rails warn and trip; {@link io.copytrader.rails.EquityMarks}
 * keeps the equity peak and the day's starting figures the loss rails measure from.
 */
package io.copytrader.rails;
