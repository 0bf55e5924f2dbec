package io.copytrader.journal;

/**
 * A page request for the newest-first request list.
 *
 * @param accountIndex only this account's requests, or null for all
 * @param limit page size, 1 to {@link #MAX_LIMIT}
 * @param before continue after this cursor, or null for the newest
 */
public record RequestQuery(Long accountIndex, int limit, RequestCursor before) {

  public static final int MAX_LIMIT = 500;

  public RequestQuery {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
    }
  }
}
