package io.copytrader.campaign;

import static io.copytrader.testing.Polling.until;

import io.copytrader.campaign.CampaignTarget.Account;
import io.copytrader.campaign.ClusterLoad.Submission;
import io.copytrader.campaign.Violation.Guarantee;
import io.copytrader.testing.ClusterNode;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a failure test holds a cluster to once its load has stopped and its fault has healed, with the fault
 * campaign's {@link GuaranteeChecker}: every accepted (202) request known to the nodes and final (none lost), every
 * journaled request final, no request executed twice and the exchange's filled market orders exactly the requests
 * that filled (none doubled, also by a stale owner), every position under one stop-loss, no exit expired, at most one
 * final notice per request whichever node sent it.
 */
final class ClusterVerdicts {

  /**
   * How long the accepted requests may take to become final after the fault healed: a takeover (a lease's length),
   * the queue the fault left behind (a few seconds each account) and the retries of a request caught by it
   * (CampaignRunner's bound for one attempt with the longest expiry), with room for two shared cores.
   */
  static final Duration FINAL_BOUND = Duration.ofSeconds(120);

  /** What the checks found, and the final states of the journaled signal requests. */
  record Verdict(List<Violation> violations, Map<String, Integer> states) {
  }

  private ClusterVerdicts() {
  }

  static Verdict check(ClusterTarget target, List<Submission> accepted, long round) {
    Ledgers ledgers = new Ledgers(target);
    GuaranteeChecker checker = new GuaranteeChecker(ledgers, round, false);
    CampaignHttp http = new CampaignHttp(CampaignTarget.API_KEY);
    List<Violation> violations = new ArrayList<>();
    List<Violation> notFinal = until(FINAL_BOUND, () -> acceptedNotFinal(target, http, accepted, round),
      List::isEmpty);
    violations.addAll(notFinal);
    List<Account> accounts = ClusterTarget.CLUSTER_ACCOUNTS;
    List<JsonObject> requests = until(Duration.ofSeconds(10), () -> CampaignRunner.allRequests(checker, accounts),
      found -> checker.unfinished(found).isEmpty());
    violations.addAll(checker.unfinished(requests));
    violations.addAll(until(CampaignRunner.PROTECTION_BOUND, () -> CampaignRunner.protection(checker, accounts),
      List::isEmpty));
    for (Account account : accounts) {
      List<JsonObject> details = ledgers.details(account, requests);
      violations.addAll(checker.atMostOnce(account, details));
    }
    violations.addAll(checker.exits(requests));
    violations.addAll(checker.reportedOnce(requests, target.telegramTexts()));
    Map<String, Integer> states = new TreeMap<>();
    requests.forEach(request -> states.merge(request.getString("state"), 1, Integer::sum));
    return new Verdict(violations, states);
  }

  /**
   * The accepted requests some live node does not show final, each asked of a node other than the one that
   * accepted it when there is one (every node answers for every request).
   */
  private static List<Violation> acceptedNotFinal(ClusterTarget target, CampaignHttp http,
                                                  List<Submission> accepted, long round) {
    List<ClusterNode> live = target.cluster().liveNodes();
    List<Violation> found = new ArrayList<>();
    for (int i = 0; i < accepted.size(); i++) {
      Submission submission = accepted.get(i);
      ClusterNode asked = live.stream().filter(node -> !node.id().equals(submission.nodeId())).findFirst()
        .orElse(live.get(i % live.size()));
      CampaignHttp.Reply reply = http.get(asked.url() + "/api/trade/" + submission.requestId());
      Optional<String> state = reply.ok() ? Optional.ofNullable(reply.json().getString("state")) : Optional.empty();
      if (state.isEmpty() || !GuaranteeChecker.FINAL_STATES.contains(state.get())) {
        found.add(new Violation(Guarantee.ALWAYS_FINAL, round, "request " + submission.requestId() + " for account "
          + submission.accountIndex() + ", accepted by " + submission.nodeId() + ", is " + state.orElse(
            "unknown to " + asked.id() + " (" + reply.status() + ")")));
      }
    }
    return found;
  }
}
