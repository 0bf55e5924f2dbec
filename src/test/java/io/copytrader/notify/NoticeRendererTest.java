package io.copytrader.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.notify.Notice.Line;
import io.copytrader.notify.Notice.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NoticeRendererTest {

  private static final Instant TIME = Instant.parse("2026-03-01T14:05:09.750Z");

  private static String render(Severity severity, String title, Line... lines) {
    return NoticeRenderer.html(new Notice(severity, title, List.of(lines)), TIME);
  }

  @Test
  void rendersBoldTitleOneLinePerLabelAndUtcTime() {
    String html = render(Severity.INFO, "Position opened", new Line("Account", "main (#3)"), new Line("Size", "0.5"));

    assertThat(html).isEqualTo("""
      ℹ️ <b>Position opened</b>
      <b>Account:</b> main (#3)
      <b>Size:</b> 0.5
      <i>2026-03-01 14:05:09 UTC</i>""");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "INFO    | ℹ️ <b>T</b>",
    "WARNING | ⚠️ <b>T</b>",
    "URGENT  | 🚨 <b>URGENT</b> 🚨 <b>T</b>",
  })
  void firstLineCarriesTheSeverityMarker(Severity severity, String firstLine) {
    assertThat(render(severity, "T").lines().findFirst()).contains(firstLine);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
    "a<b           | a&lt;b",
    "a>b           | a&gt;b",
    "a&b           | a&amp;b",
    "&lt;          | &amp;lt;",
    "<b>x</b>      | &lt;b&gt;x&lt;/b&gt;",
    "\"quoted\" 'x' | \"quoted\" 'x'",
    "*_[`]         | *_[`]",
  })
  void escapesTitleLabelAndValue(String raw, String escaped) {
    String html = render(Severity.INFO, raw, new Line(raw, raw));

    assertThat(html).contains("<b>" + escaped + "</b>\n").contains("<b>" + escaped + ":</b> " + escaped + "\n");
  }

  @Test
  void longValueIsCutWithAnEllipsisBeforeEscaping() {
    String value = "&".repeat(NoticeRenderer.MAX_VALUE_CHARS + 50);

    String html = render(Severity.INFO, "T", new Line("Error", value));

    String expected = "&amp;".repeat(NoticeRenderer.MAX_VALUE_CHARS - 1) + "…";
    assertThat(html).contains("<b>Error:</b> " + expected + "\n");
  }

  @Test
  void truncationNeverSplitsASurrogatePair() {
    String value = "😀".repeat(NoticeRenderer.MAX_VALUE_CHARS + 1);

    String cut = NoticeRenderer.truncate(value, NoticeRenderer.MAX_VALUE_CHARS);

    assertThat(cut).isEqualTo("😀".repeat(NoticeRenderer.MAX_VALUE_CHARS - 1) + "…");
  }

  @Test
  void manyLongLinesAreDroppedWholeToStayUnderTelegramsLimit() {
    List<Line> lines = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      lines.add(new Line("Line " + i, "<".repeat(NoticeRenderer.MAX_VALUE_CHARS + 10)));
    }

    String html = NoticeRenderer.html(new Notice(Severity.WARNING, "Big", lines), TIME);

    assertThat(html.length()).isLessThanOrEqualTo(NoticeRenderer.TELEGRAM_MAX_CHARS);
    assertThat(html).startsWith("⚠️ <b>Big</b>\n<b>Line 0:</b> ").endsWith("<i>2026-03-01 14:05:09 UTC</i>");
    long kept = html.lines().filter(line -> line.startsWith("<b>Line ")).count();
    assertThat(html).contains("<i>… " + (40 - kept) + " more lines omitted</i>");
    html.lines().filter(line -> line.startsWith("<b>Line ")).forEach(line -> assertThat(line).endsWith("&lt;…"));
  }

  @Test
  void messageThatFitsKeepsEveryLine() {
    List<Line> lines = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      lines.add(new Line("L" + i, "v" + i));
    }

    String html = NoticeRenderer.html(new Notice(Severity.INFO, "Small", lines), TIME);

    assertThat(html).doesNotContain("omitted").contains("<b>L9:</b> v9\n");
  }

  @Test
  void missingTitleLabelAndValueRenderWithoutNull() {
    String html = render(Severity.INFO, null, new Line(null, null));

    assertThat(html).doesNotContain("null").startsWith("ℹ️ <b>Notice</b>\n<b>:</b> \n");
  }

  @Test
  void lineBreaksInsideAValueDoNotStartNewLines() {
    String html = render(Severity.INFO, "T", new Line("Error", "first\r\nsecond\nthird"));

    assertThat(html).contains("<b>Error:</b> first second third\n");
  }

  @Test
  void plainFormIsOneLineWithSeverityAndEveryLine() {
    Notice notice = new Notice(Severity.URGENT, "Stop-loss FAILED", List.of(new Line("Account", "#1"),
      new Line("Error", "line1\nline2 <x>")));

    assertThat(NoticeRenderer.plain(notice))
      .isEqualTo("[URGENT] Stop-loss FAILED | Account: #1 | Error: line1 line2 <x>");
  }
}
