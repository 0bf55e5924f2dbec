package io.copytrader.webhook;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Addresses and CIDR ranges, IPv4 and IPv6, that a client address is checked against. Only literals are read, so
 * reading one never asks DNS; {@code tradingview} stands for the four addresses TradingView publishes as the
 * senders of its webhooks.
 */
public final class IpRanges {

  /** TradingView's webhook senders, as TradingView's help center lists them. */
  public static final List<String> TRADINGVIEW = List.of("52.89.214.238", "34.212.75.30", "54.218.53.128",
    "52.32.178.7");
  public static final String TRADINGVIEW_NAME = "tradingview";

  /** One range: the network's leading {@code prefix} bits of {@code network}. */
  private record Range(byte[] network, int prefix) {

    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      BigInteger mask = BigInteger.ONE.shiftLeft(network.length * 8).subtract(BigInteger.ONE)
        .shiftRight(prefix).not();
      return new BigInteger(1, address).and(mask).equals(new BigInteger(1, network).and(mask));
    }
  }

  private final List<Range> ranges;

  private IpRanges(List<Range> ranges) {
    this.ranges = List.copyOf(ranges);
  }

  /**
   * The ranges {@code entries} name: addresses ({@code 10.0.0.1}, {@code ::1}), CIDRs ({@code 10.0.0.0/8},
   * {@code 2001:db8::/32}) or {@code tradingview}.
   *
   * @throws IllegalArgumentException naming the first entry that is none of these
   */
  public static IpRanges parse(List<String> entries) {
    List<Range> ranges = new ArrayList<>();
    for (String entry : entries) {
      String text = entry.strip();
      if (text.toLowerCase(Locale.ROOT).equals(TRADINGVIEW_NAME)) {
        TRADINGVIEW.forEach(address -> ranges.add(range(address)));
      } else {
        ranges.add(range(text));
      }
    }
    return new IpRanges(ranges);
  }

  /** Whether {@code address} (a literal, as a connection reports it) is in any range; false when unreadable. */
  public boolean contains(String address) {
    int zone = address == null ? -1 : address.indexOf('%');
    Optional<byte[]> bytes = literal(zone < 0 ? address : address.substring(0, zone));
    return bytes.isPresent() && ranges.stream().anyMatch(range -> range.contains(bytes.get()));
  }

  public boolean isEmpty() {
    return ranges.isEmpty();
  }

  private static Range range(String text) {
    int slash = text.indexOf('/');
    String address = slash < 0 ? text : text.substring(0, slash);
    byte[] bytes = literal(address).orElseThrow(() -> new IllegalArgumentException(
      "'" + shown(text) + "' is not an IP address, a CIDR range or " + TRADINGVIEW_NAME));
    int bits = bytes.length * 8;
    int prefix = bits;
    if (slash >= 0) {
      String length = text.substring(slash + 1);
      if (!length.matches("\\d{1,3}") || Integer.parseInt(length) > bits) {
        throw new IllegalArgumentException("'" + shown(text) + "' has a prefix length that is not 0 to " + bits);
      }
      prefix = Integer.parseInt(length);
    }
    return new Range(bytes, prefix);
  }

  /**
   * The bytes of an IPv4 or IPv6 literal (an IPv4-mapped IPv6 address as its IPv4 bytes, as Java reads it); empty
   * for anything else, checked before {@link InetAddress} sees it so no name is ever looked up.
   */
  static Optional<byte[]> literal(String text) {
    if (text == null || text.isEmpty() || text.length() > 45) {
      return Optional.empty();
    }
    boolean ipv4 = text.matches("(\\d{1,3}\\.){3}\\d{1,3}");
    boolean ipv6 = text.contains(":") && text.matches("[0-9A-Fa-f:.]+");
    if (ipv4 && !text.matches("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)")) {
      return Optional.empty();
    }
    if (!ipv4 && !ipv6) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByName(text).getAddress());
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  private static String shown(String text) {
    return text.length() <= 48 ? text : text.substring(0, 48) + "…";
  }
}
