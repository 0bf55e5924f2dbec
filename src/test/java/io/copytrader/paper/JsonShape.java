package io.copytrader.paper;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Assertions on the JSON type of fields, as Lighter's clients read them (docs/lighter-api.md, "Numbers"). */
final class JsonShape {

  private final JsonObject row;

  private JsonShape(JsonObject row) {
    this.row = row;
  }

  static JsonShape of(JsonObject row) {
    assertThat(row).as("JSON object").isNotNull();
    return new JsonShape(row);
  }

  /** JSON integers (never floats, never strings). */
  JsonShape ints(String... names) {
    for (String name : names) {
      assertThat(row.getValue(name)).as("%s in %s", name, row).isInstanceOfAny(Integer.class, Long.class);
    }
    return this;
  }

  /** JSON floats. */
  JsonShape floats(String... names) {
    for (String name : names) {
      assertThat(row.getValue(name)).as("%s in %s", name, row).isInstanceOf(Double.class);
    }
    return this;
  }

  JsonShape strings(String... names) {
    for (String name : names) {
      assertThat(row.getValue(name)).as("%s in %s", name, row).isInstanceOf(String.class);
    }
    return this;
  }

  JsonShape bools(String... names) {
    for (String name : names) {
      assertThat(row.getValue(name)).as("%s in %s", name, row).isInstanceOf(Boolean.class);
    }
    return this;
  }

  JsonShape arrays(String... names) {
    for (String name : names) {
      assertThat(row.getValue(name)).as("%s in %s", name, row).isInstanceOf(JsonArray.class);
    }
    return this;
  }

  JsonShape objects(String... names) {
    for (String name : names) {
      assertThat(row.getValue(name)).as("%s in %s", name, row).isInstanceOf(JsonObject.class);
    }
    return this;
  }

  /** Decimal strings printed with exactly {@code decimals} digits after the point (none, and no point, for 0). */
  JsonShape decimals(int decimals, String... names) {
    for (String name : names) {
      assertThat(row.getValue(name)).as("%s in %s", name, row).isInstanceOf(String.class);
      assertThat(row.getString(name)).as("%s with %d decimals", name, decimals).matches(decimalPattern(decimals));
    }
    return this;
  }

  static String decimalPattern(int decimals) {
    return decimals == 0 ? "-?\\d+" : "-?\\d+\\.\\d{" + decimals + "}";
  }
}
