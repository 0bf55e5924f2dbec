package io.copytrader.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses a {@code .env} file the way python-dotenv reads the files operators already have: {@code KEY=VALUE},
 * optional {@code export}, {@code #} comments, single quotes (literal) and double quotes (with escapes),
 * both of which may span lines. Problems name the line but never echo its content, which may hold a key.
 */
public final class EnvFile {

  private EnvFile() {
  }

  public static Map<String, String> parse(String content, String source, List<String> problems) {
    Map<String, String> values = new LinkedHashMap<>();
    String[] lines = content.replace("\r\n", "\n").split("\n", -1);
    int index = 0;
    while (index < lines.length) {
      int lineNumber = index + 1;
      String line = lines[index++].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("export ")) {
        line = line.substring("export ".length()).strip();
      }
      int equals = line.indexOf('=');
      if (equals <= 0) {
        problems.add(source + " line " + lineNumber + ": expected KEY=VALUE");
        continue;
      }
      String key = line.substring(0, equals).strip();
      if (!key.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        problems.add(source + " line " + lineNumber + ": invalid variable name");
        continue;
      }
      String rest = line.substring(equals + 1).strip();
      if (rest.startsWith("\"") || rest.startsWith("'")) {
        char quote = rest.charAt(0);
        StringBuilder raw = new StringBuilder(rest.substring(1));
        int end = closingQuote(raw, quote);
        while (end < 0 && index < lines.length) {
          raw.append('\n').append(lines[index++]);
          end = closingQuote(raw, quote);
        }
        if (end < 0) {
          problems.add(source + " line " + lineNumber + ": " + key + " has an unterminated quoted value");
          continue;
        }
        String quoted = raw.substring(0, end);
        values.put(key, quote == '"' ? unescape(quoted) : quoted);
      } else {
        values.put(key, stripInlineComment(rest));
      }
    }
    return values;
  }

  private static int closingQuote(CharSequence text, char quote) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote == '"' && c == '\\') {
        i++;
      } else if (c == quote) {
        return i;
      }
    }
    return -1;
  }

  private static String unescape(String value) {
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' && i + 1 < value.length()) {
        char next = value.charAt(++i);
        switch (next) {
          case 'n' -> out.append('\n');
          case 't' -> out.append('\t');
          case 'r' -> out.append('\r');
          default -> out.append(next);
        }
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static String stripInlineComment(String value) {
    for (int i = 1; i < value.length(); i++) {
      if (value.charAt(i) == '#' && Character.isWhitespace(value.charAt(i - 1))) {
        return value.substring(0, i).strip();
      }
    }
    return value;
  }
}
