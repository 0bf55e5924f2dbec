package io.copytrader.paper;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StreamChannelTest {

  @ParameterizedTest
  @CsvSource({
    "order_book/0, ORDER_BOOK, 0, -1, order_book:0",
    "market_stats/all, MARKET_STATS, 2147483647, -1, market_stats:all",
    "trade/51, TRADE, 51, -1, trade:51",
    "account_all/7, ACCOUNT_ALL, -1, 7, account_all:7",
    "user_stats/281474976710655, USER_STATS, -1, 281474976710655, user_stats:281474976710655",
    "account_all_trades/7, ACCOUNT_ALL_TRADES, -1, 7, account_all_trades:7",
    "account_orders/3/7, ACCOUNT_ORDERS, 3, 7, account_orders:3:7",
  })
  void namesItsKindIdsAndInboundForm(String name, StreamChannel.Kind kind, int market, long account, String inbound) {
    StreamChannel channel = StreamChannel.parse(name).orElseThrow();

    assertThat(channel.kind()).isEqualTo(kind);
    assertThat(channel.market()).isEqualTo(market);
    assertThat(channel.account()).isEqualTo(account);
    assertThat(channel.inbound()).isEqualTo(inbound);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "order_book", "order_book/", "order_book/x", "order_book/0/1", "order_book/all",
    "trade/all", "account_orders/0", "account_orders/0/", "account_all/-1", "ticker/0", "user_stats/1234567890123456789",
    "order_book/1234567890"})
  void refusesWhatNamesNoChannel(String name) {
    assertThat(StreamChannel.parse(name)).isEqualTo(Optional.empty());
  }

  @ParameterizedTest
  @CsvSource({"ORDER_BOOK, false", "MARKET_STATS, false", "TRADE, false", "ACCOUNT_ALL, false", "USER_STATS, false",
    "ACCOUNT_ALL_POSITIONS, true", "ACCOUNT_ALL_TRADES, true", "ACCOUNT_ALL_ORDERS, true", "ACCOUNT_ORDERS, true"})
  void onlyPrivateChannelsNeedAToken(StreamChannel.Kind kind, boolean needsToken) {
    assertThat(kind.needsToken).isEqualTo(needsToken);
  }
}
