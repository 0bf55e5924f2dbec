package io.copytrader.notify;

import io.copytrader.notify.Notice.Line;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns a {@link Notice} into Telegram HTML: a bold title with a severity marker, one {@code label: value}
 * line each, and the UTC time the notice was received. Text is escaped after truncation so a cut never
 * splits an entity, and whole lines are dropped, never cut, to keep the message under Telegram's limit.
 */
public final class NoticeRenderer {

  /** Telegram rejects messages longer than this many characters. */
  public static final int TELEGRAM_MAX_CHARS = 4096;
  static final int MAX_VALUE_CHARS = 300;
  static final int MAX_TITLE_CHARS = 120;
  static final int MAX_LABEL_CHARS = 40;
  private static final String ELLIPSIS = "…";
  private static final Pattern LINE_BREAKS = Pattern.compile("\\R");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
    .withZone(ZoneOffset.UTC);

  private NoticeRenderer() {
  }

  public static String html(Notice notice, Instant time) {
    String header = marker(notice.severity()) + " <b>" + escape(truncate(title(notice), MAX_TITLE_CHARS)) + "</b>";
    String footer = "<i>" + TIME.format(time) + "</i>";
    List<String> body = new ArrayList<>();
    for (Line line : notice.lines()) {
      body.add("<b>" + escape(truncate(label(line), MAX_LABEL_CHARS)) + ":</b> "
        + escape(truncate(value(line), MAX_VALUE_CHARS)));
    }
    return fit(header, body, footer);
  }

  /** One log line with the same information, for when Telegram is off or a message could not be sent. */
  public static String plain(Notice notice) {
    String lines = notice.lines().stream()
      .map(line -> truncate(label(line), MAX_LABEL_CHARS) + ": " + truncate(value(line), MAX_VALUE_CHARS))
      .collect(Collectors.joining(" | "));
    String head = "[" + notice.severity() + "] " + truncate(title(notice), MAX_TITLE_CHARS);
    return lines.isEmpty() ? head : head + " | " + lines;
  }

  /** Telegram HTML needs exactly these three escaped outside tags. */
  static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }

  /** Cuts to at most {@code max} code points, never inside a surrogate pair. */
  static String truncate(String text, int max) {
    if (text.codePointCount(0, text.length()) <= max) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, max - 1)) + ELLIPSIS;
  }

  private static String fit(String header, List<String> body, String footer) {
    int budget = TELEGRAM_MAX_CHARS - header.length() - footer.length() - 2;
    List<String> kept = new ArrayList<>();
    int used = 0;
    for (int i = 0; i < body.size(); i++) {
      String line = body.get(i);
      int remaining = body.size() - i - 1;
      String omission = omission(remaining + 1);
      boolean lastFits = remaining == 0 && used + line.length() + 1 <= budget;
      boolean fitsWithRoomForOmission = used + line.length() + 1 + omission.length() + 1 <= budget;
      if (!lastFits && !fitsWithRoomForOmission) {
        kept.add(omission);
        break;
      }
      kept.add(line);
      used += line.length() + 1;
    }
    StringBuilder message = new StringBuilder(header).append('\n');
    kept.forEach(line -> message.append(line).append('\n'));
    return message.append(footer).toString();
  }

  private static String omission(int lines) {
    return "<i>" + ELLIPSIS + " " + lines + " more line" + (lines == 1 ? "" : "s") + " omitted</i>";
  }

  private static String marker(Notice.Severity severity) {
    return switch (severity) {
      case INFO -> "ℹ️";
      case WARNING -> "⚠️";
      case URGENT -> "🚨 <b>URGENT</b> 🚨";
    };
  }

  private static String title(Notice notice) {
    return notice.title() == null || notice.title().isBlank() ? "Notice" : oneLine(notice.title());
  }

  private static String label(Line line) {
    return line.label() == null ? "" : oneLine(line.label());
  }

  private static String value(Line line) {
    return line.value() == null ? "" : oneLine(line.value());
  }

  /** Keeps one notice line per label, and keeps a logged notice from forging further log lines. */
  private static String oneLine(String text) {
    return LINE_BREAKS.matcher(text).replaceAll(" ");
  }
}
