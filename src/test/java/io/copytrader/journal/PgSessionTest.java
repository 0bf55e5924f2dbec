package io.copytrader.journal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PgSessionTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "SELECT 1|SELECT 1",
    "DELETE FROM t WHERE a = ? AND b = ?|DELETE FROM t WHERE a = $1 AND b = $2",
    "UPDATE t SET s = 'why?' WHERE id = ?|UPDATE t SET s = 'why?' WHERE id = $1",
    "SELECT ? = 'it''s ?', ?|SELECT $1 = 'it''s ?', $2",
  })
  void questionMarksOutsideQuotesBecomeNumberedParameters(String sql, String numbered) {
    assertThat(PgSession.toNumberedParameters(sql)).isEqualTo(numbered);
  }

  @ParameterizedTest
  @CsvSource({
    "08006, true",
    "08001, true",
    "57P01, true",
    "57P03, true",
    "57014, false",
    "23505, false",
    "40001, false",
  })
  void onlyConnectionExceptionsAndShutdownsEndTheConnection(String sqlState, boolean lost) {
    assertThat(PgSession.connectionLost(sqlState)).isEqualTo(lost);
  }
}
