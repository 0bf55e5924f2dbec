package io.copytrader.lighter.signer;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one loader of the signer's vector files and the readers of their value formats. Files come from the
 * directory named by the system property {@code lighter.vectors.dir} when it is set (blank means unset, so
 * another vector set can be swapped in), otherwise from the project's copy on the test classpath
 * ({@code src/test/resources/lighter-vectors/}); a missing file fails the test.
 */
final class VectorFiles {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String DIRECTORY_PROPERTY = "lighter.vectors.dir";
  private static final HexFormat HEX = HexFormat.of();

  private VectorFiles() {
  }

  static JsonNode load(String name) {
    String dir = System.getProperty(DIRECTORY_PROPERTY, "");
    try {
      if (!dir.isBlank()) {
        Path file = Path.of(dir).resolve(name);
        if (!Files.isRegularFile(file)) {
          fail("vector file " + file + " is missing");
        }
        return JSON.readTree(file.toFile());
      }
      try (InputStream in = VectorFiles.class.getResourceAsStream("/lighter-vectors/" + name)) {
        if (in == null) {
          fail("vector file lighter-vectors/" + name + " is missing from the test classpath");
        }
        return JSON.readTree(in);
      }
    } catch (IOException e) {
      throw new AssertionError("cannot read vector file " + name, e);
    }
  }

  /** A top-level list of a vector file: it may be empty, but a missing one means the file is not the format. */
  static JsonNode list(JsonNode root, String name) {
    JsonNode list = root.path(name);
    if (!list.isArray()) {
      fail("vector list \"" + name + "\" is missing");
    }
    return list;
  }

  /** An array of decimal strings (field elements, limbs) as raw 64-bit words. */
  static long[] limbs(JsonNode array) {
    if (!array.isArray()) {
      throw new AssertionError("expected an array of decimal strings, got " + array);
    }
    long[] out = new long[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = Long.parseUnsignedLong(array.get(i).asText());
    }
    return out;
  }

  static byte[] bytes(JsonNode hex) {
    return HEX.parseHex(strip0x(hex.asText()));
  }

  static String hex(byte[] bytes) {
    return HEX.formatHex(bytes);
  }

  static String strip0x(String hex) {
    return hex.startsWith("0x") ? hex.substring(2) : hex;
  }

  /** {@code null} or an object of attribute type to value, as in tx_info. */
  static TxAttributes attributes(JsonNode node) {
    if (node.isNull() || node.isMissingNode()) {
      return TxAttributes.none();
    }
    Map<Integer, Long> values = new LinkedHashMap<>();
    node.fields().forEachRemaining(e -> values.put(Integer.parseInt(e.getKey()), e.getValue().asLong()));
    return TxAttributes.of(values);
  }
}
