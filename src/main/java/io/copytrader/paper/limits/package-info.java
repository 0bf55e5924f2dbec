/**
 * Lighter's rate limits as the paper exchange enforces them, free of Vert.x (docs/lighter-api.md, "Rate limits"),
 * on the tiers and weights of {@code io.copytrader.lighter.limits}:
 * {@link io.copytrader.paper.limits.RestLimiter} (rolling minutes per IP and per L1 address),
 * {@link io.copytrader.paper.limits.StreamLimiter} (the WebSocket's limits per IP, {@link
 * io.copytrader.paper.limits.StreamLimits}), {@link io.copytrader.paper.limits.RateLimits} (whether and how they
 * hold) and {@link io.copytrader.paper.limits.LimitRefusal} (Lighter's code and message for each refusal).
 */
package io.copytrader.paper.limits;
