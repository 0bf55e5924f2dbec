/**
 * The paper exchange: a simulated Lighter serving Lighter's own REST API on loopback, used by the service's paper
 * mode, by the {@code paper-exchange} command and by tests in the same JVM.
 *
 * <p>One class per job: {@link io.copytrader.paper.PaperExchange} (the verticle: HTTP routes, auth tokens, test
 * controls), {@code TxIntake} (reading tx_info, signature, chain id, expiry and nonce checks, tx lookup),
 * {@code PaperEngine} (markets, accounts, order rules, matching, triggers, expiry), {@code SyntheticBook} (the
 * book drawn around a mid price), {@code PaperPosition} (size, entry and PnL arithmetic), {@code PaperJson}
 * (Lighter's JSON shapes) and {@code FaultInjector} (latency, errors, 429s, dropped answers, forced nonce
 * errors, request counts). The engine and intake need no HTTP and are tested without it.
 */
package io.copytrader.paper;
