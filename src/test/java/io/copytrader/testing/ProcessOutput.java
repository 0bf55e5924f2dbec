package io.copytrader.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A child process's output (stdout, with stderr redirected into it), read line by line on a daemon thread and
 * kept for assertions; the one way a test waits for a line a process prints.
 */
public final class ProcessOutput {

  private final Process process;
  private final List<String> lines = new ArrayList<>();
  private final Thread reader;

  private ProcessOutput(Process process) {
    this.process = process;
    this.reader = new Thread(this::read, "output-" + process.pid());
    this.reader.setDaemon(true);
  }

  /** Starts reading what {@code process} prints. */
  public static ProcessOutput follow(Process process) {
    ProcessOutput output = new ProcessOutput(process);
    output.reader.start();
    return output;
  }

  private void read() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
      StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        synchronized (lines) {
          lines.add(line);
          lines.notifyAll();
        }
      }
    } catch (IOException killed) {
      // The process was killed: whatever it printed so far is kept.
    }
  }

  /**
   * The first line matching {@code pattern}, waiting up to {@code timeout} for it; fails with the output so far
   * when the time runs out or the process has ended without printing it.
   */
  public Matcher awaitLine(Pattern pattern, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    int scanned = 0;
    synchronized (lines) {
      while (true) {
        for (; scanned < lines.size(); scanned++) {
          Matcher matcher = pattern.matcher(lines.get(scanned));
          if (matcher.find()) {
            return matcher;
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0 || (!process.isAlive() && !reader.isAlive())) {
          throw new AssertionError("no output line matching /" + pattern + "/ within " + timeout
            + (process.isAlive() ? "" : " (the process exited)") + "; output:\n" + String.join("\n", lines));
        }
        try {
          lines.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted", e);
        }
      }
    }
  }

  /** Waits up to {@code timeout} for the reader to reach the end of the output, once the process has exited. */
  public void awaitEnd(Duration timeout) throws InterruptedException {
    reader.join(timeout.toMillis());
  }

  /** Every line read so far. */
  public String text() {
    synchronized (lines) {
      return String.join("\n", lines);
    }
  }
}
