package io.copytrader.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.notify.Notice.Severity;
import java.util.stream.Collectors;

/** The one check of a pinned notice: its severity, title and lines as "label=value; …", and its JSON round trip. */
final class NoticeExpectations {

  private NoticeExpectations() {
  }

  static void assertNotice(Notice notice, Severity severity, String title, String lines) {
    assertThat(notice.severity()).isEqualTo(severity);
    assertThat(notice.title()).isEqualTo(title);
    assertThat(notice.lines().stream().map(line -> line.label() + "=" + line.value())
      .collect(Collectors.joining("; "))).isEqualTo(lines);
    assertThat(Notice.fromJson(notice.toJson())).isEqualTo(notice);
  }
}
