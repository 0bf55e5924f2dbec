/**
 * Lighter's published REST limits, free of Vert.x, in one place for the paper exchange that enforces them
 * ({@code paper/limits}) and the service that budgets them ({@code lighter/budget}); docs/lighter-api.md, "Rate
 * limits": {@link io.copytrader.lighter.limits.AccountTier} (a tier's budget and what a request costs it),
 * {@link io.copytrader.lighter.limits.EndpointWeights} (what each endpoint weighs) and
 * {@link io.copytrader.lighter.limits.RollingMinute} (what one key spent in the last minute).
 */
package io.copytrader.lighter.limits;
