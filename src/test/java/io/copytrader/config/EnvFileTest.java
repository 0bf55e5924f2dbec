package io.copytrader.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class EnvFileTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
    `A=1`                  | 1
    `A = 1 `               | 1
    `export A=1`           | 1
    `A="two words"`        | two words
    `A='single # kept'`    | single # kept
    `A=value # comment`    | value
    `A=pa#ss`              | pa#ss
    `A="line\\nbreak"`     | `line
    break`
    `A=`                   | ``
    """)
  void valueIsReadLikePythonDotenv(String line, String expected) {
    List<String> problems = new ArrayList<>();

    Map<String, String> values = EnvFile.parse(line, ".env", problems);

    assertThat(problems).isEmpty();
    assertThat(values).containsEntry("A", expected == null ? "" : expected);
  }

  @Test
  void quotedValueMaySpanLines() {
    List<String> problems = new ArrayList<>();

    Map<String, String> values = EnvFile.parse("ACCOUNTS='[\n {\"index\": 1}\n]'\nB=2\n", ".env", problems);

    assertThat(values).containsEntry("ACCOUNTS", "[\n {\"index\": 1}\n]").containsEntry("B", "2");
  }

  @Test
  void lineWithoutAssignmentIsAProblemThatDoesNotEchoTheLine() {
    List<String> problems = new ArrayList<>();

    EnvFile.parse("# comment\nsecret-material-here\n", ".env", problems);

    assertThat(problems).containsExactly(".env line 2: expected KEY=VALUE");
  }

  @Test
  void unterminatedQuoteIsAProblem() {
    List<String> problems = new ArrayList<>();

    EnvFile.parse("API_KEY=\"abc\n", ".env", problems);

    assertThat(problems).containsExactly(".env line 1: API_KEY has an unterminated quoted value");
  }
}
