package io.copytrader;


/** An expected failure with the code the HTTP layer shows for it. */
public final class ServiceFailure extends RuntimeException {

  private final FailureCode code;

  public ServiceFailure(FailureCode code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public FailureCode code() {
    return code;
  }
}
