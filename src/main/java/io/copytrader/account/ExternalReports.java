package io.copytrader.account;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which positions the service does not manage were already reported, by market, side and size: a protection run
 * records one the first time it is seen at a size, not on every run. Used from the account's context only.
 */
final class ExternalReports {

  private final Set<String> reported = new HashSet<>();

  /**
   * The actions of a run worth a record: all but the external positions already reported. A position no longer seen
   * at the size reported is forgotten, so it is reported again if it comes back.
   */
  List<ProtectionAction> worthARecord(List<ProtectionAction> all) {
    reported.retainAll(all.stream().filter(ProtectionAction.External.class::isInstance)
      .map(action -> key((ProtectionAction.External) action)).toList());
    return all.stream().filter(action -> !(action instanceof ProtectionAction.External external)
      || reported.add(key(external))).toList();
  }

  private static String key(ProtectionAction.External external) {
    return external.market().marketId() + ":" + external.position().side() + ":"
      + external.position().size().stripTrailingZeros().toPlainString();
  }
}
