package io.copytrader.paper;

import io.copytrader.paper.PaperEngine.MarketState;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One market's book as {@code order_book/{market}} last published it, and the sequence numbers of its frames: an
 * update carries only the levels that changed ({@code size} "0" removes one) and is contiguous iff its
 * {@code begin_nonce} is the previous frame's {@code nonce} (docs/lighter-api.md, "WebSocket"). Confined to the
 * exchange's context.
 */
final class BookFeed {

  private final MarketState market;
  private Map<BigDecimal, BigDecimal> asks;
  private Map<BigDecimal, BigDecimal> bids;
  private long nonce;
  private long offset;
  private long updatedAtMicros;

  BookFeed(MarketState market) {
    this.market = market;
    this.asks = levels(market.book.asks());
    this.bids = levels(market.book.bids());
    this.nonce = 1;
    this.offset = 1;
    this.updatedAtMicros = System.currentTimeMillis() * 1000;
  }

  JsonObject snapshot() {
    return frame(render(asks), render(bids), nonce, nonce, System.currentTimeMillis());
  }

  /** The levels that changed since the last publish, each with its new size ("0" removes it). */
  Optional<JsonObject> update(long now) {
    Map<BigDecimal, BigDecimal> newAsks = levels(market.book.asks());
    Map<BigDecimal, BigDecimal> newBids = levels(market.book.bids());
    JsonArray askChanges = changes(asks, newAsks);
    JsonArray bidChanges = changes(bids, newBids);
    if (askChanges.isEmpty() && bidChanges.isEmpty()) {
      return Optional.empty();
    }
    asks = newAsks;
    bids = newBids;
    long begin = nonce;
    nonce++;
    offset++;
    updatedAtMicros = now * 1000;
    return Optional.of(frame(askChanges, bidChanges, begin, nonce, now));
  }

  private JsonObject frame(JsonArray askLevels, JsonArray bidLevels, long beginNonce, long frameNonce, long now) {
    return new JsonObject()
      .put("offset", offset)
      .put("last_updated_at", updatedAtMicros)
      .put("timestamp", now)
      .put("order_book", new JsonObject()
        .put("code", 0)
        .put("asks", askLevels)
        .put("bids", bidLevels)
        .put("offset", offset)
        .put("nonce", frameNonce)
        .put("last_updated_at", updatedAtMicros)
        .put("begin_nonce", beginNonce));
  }

  private JsonArray changes(Map<BigDecimal, BigDecimal> before, Map<BigDecimal, BigDecimal> after) {
    JsonArray changed = new JsonArray();
    after.forEach((price, size) -> {
      if (!size.equals(before.get(price))) {
        changed.add(level(price, size));
      }
    });
    before.keySet().stream().filter(price -> !after.containsKey(price))
      .forEach(price -> changed.add(level(price, BigDecimal.ZERO)));
    return changed;
  }

  private JsonArray render(Map<BigDecimal, BigDecimal> side) {
    JsonArray levels = new JsonArray();
    side.forEach((price, size) -> levels.add(level(price, size)));
    return levels;
  }

  private JsonObject level(BigDecimal price, BigDecimal size) {
    return new JsonObject()
      .put("price", price.setScale(market.spec.priceDecimals(), RoundingMode.UNNECESSARY).toPlainString())
      .put("size", size.setScale(market.spec.sizeDecimals(), RoundingMode.DOWN).toPlainString());
  }

  private Map<BigDecimal, BigDecimal> levels(List<SyntheticBook.Level> side) {
    Map<BigDecimal, BigDecimal> levels = new LinkedHashMap<>();
    side.forEach(level -> levels.put(level.price().setScale(market.spec.priceDecimals(), RoundingMode.UNNECESSARY),
      level.size().setScale(market.spec.sizeDecimals(), RoundingMode.DOWN)));
    return levels;
  }
}
