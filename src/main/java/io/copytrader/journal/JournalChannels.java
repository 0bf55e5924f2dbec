package io.copytrader.journal;

/** The PostgreSQL channels the journal notifies on (SQLite's journal notifies nothing: it has one node). */
public final class JournalChannels {

  /** A request journaled for an account owned elsewhere: the payload is the account index. */
  public static final String INTAKE = "copytrade_intake";
  /** The kill switch changed: every node reads it again from the journal. */
  public static final String KILL_SWITCH = "copytrade_kill_switch";

  private JournalChannels() {
  }
}
