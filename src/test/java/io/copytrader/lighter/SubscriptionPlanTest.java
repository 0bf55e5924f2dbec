package io.copytrader.lighter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SubscriptionPlanTest {

  @ParameterizedTest(name = "{0} accounts, {1} a connection, {2} connections: {3} account connections, {4} left")
  @CsvSource({
    "0, 500, 255, '', 0",
    "1, 500, 255, '1', 0",
    "166, 500, 255, '166', 0",
    "167, 500, 255, '166 1', 0",
    "1000, 500, 255, '166 166 166 166 166 166 4', 0",
    "5, 6, 3, '2 2', 1",
    "5, 7, 4, '2 2 1', 0",
    "4, 2, 255, '', 4",
    "4, 500, 1, '', 4",
  })
  void spreadsAccountsOverConnectionsWithinTheLimits(int accounts, int perConnection, int connections,
                                                     String groupSizes, int left) {
    List<Long> followed = LongStream.range(0, accounts).boxed().toList();

    SubscriptionPlan plan = SubscriptionPlan.of(followed, perConnection, connections);

    assertThat(plan.accountsByConnection().stream().map(group -> String.valueOf(group.size())).toList())
      .isEqualTo(groupSizes.isEmpty() ? List.of() : List.of(groupSizes.split(" ")));
    assertThat(plan.unfollowed()).hasSize(left);
    assertThat(plan.accountsByConnection().stream().flatMap(List::stream).toList())
      .as("in order, each once").isEqualTo(followed.subList(0, accounts - left));
  }
}
