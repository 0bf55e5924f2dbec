package io.copytrader.config;

/** How a secret is shown anywhere a human may read it. */
public final class Redaction {

  public static final String REDACTED = "***";

  private Redaction() {
  }

  public static String redact(String secret) {
    return secret == null || secret.isEmpty() ? "<unset>" : REDACTED;
  }
}
