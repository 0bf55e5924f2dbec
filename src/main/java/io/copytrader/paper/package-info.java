/**
 * The paper exchange: a simulated Lighter serving Lighter's own REST API on loopback, used by the service's paper
 * mode, by the {@code paper-exchange} command and by tests in the same JVM.
 *
 * <p>One class per job: {@link io.copytrader.paper.PaperExchange} (the verticle: routes, market data, fault
 * handling), {@code AccountEndpoints} (account and order lookups, auth tokens), {@code MarketEndpoints} (assets,
 * funding rates, trades), {@code TxEndpoints} (sendTx, sendTxBatch, tx lookup, the sequencer's timer),
 * {@code PaperControls} (the {@code /paper} test controls), {@code TxIntake} (reading tx_info, signature, chain id,
 * expiry, nonce and the API's order checks), {@code Sequencer} (the queue of accepted transactions, applied after a
 * delay), {@code PaperEngine} (markets, accounts, order rules, matching, triggers, expiry), {@code TradeLog} (the
 * fills), {@code Funding} (mark, index and funding rate), {@code Lookups} (what lookups see, lagging when asked),
 * {@code SyntheticBook} (the book drawn around a mid price), {@code PaperPosition} (size, entry and PnL arithmetic,
 * the leverage chosen), {@code LeverageUpdates} (UpdateLeverage, tx type 20), {@code PaperJson} (Lighter's JSON
 * shapes), {@code PaperStreams} (the WebSocket API: connections, subscriptions, broadcasting), {@code StreamChannel}
 * (a channel's name and ids), {@code BookFeed}, {@code MarketFeeds} and {@code AccountFeed} (each channel's snapshot
 * and updates), {@code StreamTxs} (transactions sent over the WebSocket, through {@code TxEndpoints}) and
 * {@code FaultInjector}
 * (latency, errors, 429s, lost answers, forced nonce errors, delays and lags, request counts), {@code RateLimitGuard}
 * and {@code StreamGuard} (Lighter's rate limits over REST and the WebSocket, their logic in
 * {@link io.copytrader.paper.limits}) with {@code LimitControls} (their test controls). The engine, intake,
 * sequencer and limits need no HTTP and are tested without it.
 */
package io.copytrader.paper;
