package io.copytrader.lighter;

import java.util.ArrayList;
import java.util.List;

/**
 * Which stream connection follows which accounts, within Lighter's per-IP limits of subscriptions per connection
 * and connections (docs/lighter-api.md, "Rate limits"). The first connection carries the market books; each
 * further one as many accounts as their {@link AccountChannel}s fit, in the order given. The channels are those that
 * carry most per subscription: one channel for an account's positions in every market
 * ({@code account_all_positions}), one for its orders in every market ({@code account_all_orders}), one for its
 * equity ({@code user_stats}), rather than one per market.
 *
 * @param accountsByConnection the accounts of each connection after the books' one
 * @param unfollowed           accounts no connection is left for: they trade on REST reads
 */
record SubscriptionPlan(List<List<Long>> accountsByConnection, List<Long> unfollowed) {

  SubscriptionPlan {
    accountsByConnection = accountsByConnection.stream().map(List::copyOf).toList();
    unfollowed = List.copyOf(unfollowed);
  }

  /**
   * @param subscriptionsPerConnection channels one connection may follow
   * @param connections                connections the IP may hold, the books' one included
   */
  static SubscriptionPlan of(List<Long> accounts, int subscriptionsPerConnection, int connections) {
    int perConnection = subscriptionsPerConnection / AccountChannel.values().length;
    List<List<Long>> groups = new ArrayList<>();
    int placed = 0;
    while (placed < accounts.size() && perConnection > 0 && groups.size() < connections - 1) {
      int end = Math.min(accounts.size(), placed + perConnection);
      groups.add(accounts.subList(placed, end));
      placed = end;
    }
    return new SubscriptionPlan(groups, accounts.subList(placed, accounts.size()));
  }
}
