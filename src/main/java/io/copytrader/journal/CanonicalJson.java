package io.copytrader.journal;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeSet;

/**
 * One spelling per JSON document (keys sorted at every level, no whitespace), so that two equal request
 * bodies have equal text and therefore equal fingerprints whatever order their fields arrived in.
 */
public final class CanonicalJson {

  private CanonicalJson() {
  }

  /** The canonical text of a JSON object; throws IllegalArgumentException if the text is not one. */
  public static String normalize(String json) {
    try {
      return normalize(new JsonObject(json));
    } catch (DecodeException | ClassCastException notAnObject) {
      throw new IllegalArgumentException("request body is not a JSON object");
    }
  }

  public static String normalize(JsonObject json) {
    return sorted(json).encode();
  }

  /** Lower-case hex SHA-256 of the canonical text. */
  public static String fingerprint(String canonicalJson) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonicalJson.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException missing) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", missing);
    }
  }

  private static JsonObject sorted(JsonObject json) {
    JsonObject sorted = new JsonObject();
    for (String key : new TreeSet<>(json.fieldNames())) {
      sorted.put(key, sortedValue(json.getValue(key)));
    }
    return sorted;
  }

  private static Object sortedValue(Object value) {
    if (value instanceof JsonObject object) {
      return sorted(object);
    }
    if (value instanceof JsonArray array) {
      JsonArray copy = new JsonArray();
      array.forEach(element -> copy.add(sortedValue(element)));
      return copy;
    }
    return value;
  }
}
