package io.copytrader.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JournalSettingsTest {

  @Test
  void unsetKeepsTheJournalInSqlite() {
    List<String> problems = new ArrayList<>();

    assertThat(JournalSettings.parse(null, problems).postgresql()).isFalse();
    assertThat(problems).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "postgresql://trader:secret@db:5433/journal, postgresql://trader@db:5433/journal",
    "postgres://trader:secret@db/journal, postgresql://trader@db:5432/journal",
    "' postgresql://trader@127.0.0.1:6000/journal?search_path=node_a ', postgresql://trader@127.0.0.1:6000/journal",
  })
  void aPostgresqlUrlSelectsPostgresqlAndShowsNoPassword(String text, String shown) {
    List<String> problems = new ArrayList<>();

    JournalSettings settings = JournalSettings.parse(text, problems);

    assertThat(problems).isEmpty();
    assertThat(settings.postgresql()).isTrue();
    assertThat(settings.shown()).isEqualTo(shown);
    assertThat(settings.toString()).doesNotContain("secret");
  }

  @ParameterizedTest
  @CsvSource({
    "mysql://trader:secret@db/journal",
    "sqlite:///var/lib/journal.db",
    "postgresql://trader:secret@db:notaport/journal",
    "postgresql://trader:se cret@db/journal",
  })
  void anythingElseIsAProblemThatDoesNotQuoteIt(String text) {
    List<String> problems = new ArrayList<>();

    JournalSettings.parse(text, problems);

    assertThat(problems).singleElement().asString().startsWith("JOURNAL_URL must be unset").doesNotContain("secret");
  }
}
