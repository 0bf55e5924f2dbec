package io.copytrader.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built jar running as a child process: a clean environment (only what the test sets, so the developer's
 * own variables never leak in), its working directory, and its combined stdout and stderr captured line by
 * line for assertions. Closing it kills the process if it is still alive.
 */
public final class ServiceProcess implements AutoCloseable {

  public static final Duration STARTUP = Duration.ofSeconds(30);
  private static final Pattern READY_PORT = Pattern.compile("Ready: .* API on http://[^:]+:(\\d+)");

  /**
   * Every process started, so that one a test forgot to close (a field reassigned before its teardown) does not
   * outlive the test JVM: they are killed when it exits.
   */
  private static final Set<Process> STARTED = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> STARTED.forEach(Process::destroyForcibly)));
  }

  private final Process process;
  private final ProcessOutput output;

  private ServiceProcess(Process process) {
    this.process = process;
    this.output = ProcessOutput.follow(process);
    STARTED.add(process);
  }

  /** Starts {@code java -jar app.jar args...} in {@code workingDirectory} with exactly {@code environment}. */
  public static ServiceProcess start(Path workingDirectory, Map<String, String> environment, String... args) {
    List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx256m", "-XX:+UseSerialGC", "-jar",
      appJar()));
    command.addAll(List.of(args));
    return run(command, workingDirectory, environment);
  }

  /**
   * Starts the jar through the launcher script users run ({@code bin/lighter-copy-trader}), with this JDK and
   * exactly {@code environment} besides.
   */
  public static ServiceProcess launch(Path workingDirectory, Map<String, String> environment, String... args) {
    String launcher = System.getProperty("app.launcher");
    if (launcher == null || !Path.of(launcher).toFile().canExecute()) {
      throw new IllegalStateException("system property app.launcher must name bin/lighter-copy-trader, got "
        + launcher);
    }
    List<String> command = new ArrayList<>(List.of(launcher));
    command.addAll(List.of(args));
    Map<String, String> withJava = new HashMap<>(environment);
    withJava.put("JAVA_HOME", System.getProperty("java.home"));
    withJava.put("PATH", "/usr/bin:/bin");
    withJava.put("COPY_TRADER_JAR", appJar());
    return run(command, workingDirectory, withJava);
  }

  private static ServiceProcess run(List<String> command, Path workingDirectory, Map<String, String> environment) {
    ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
      .redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().putAll(environment);
    try {
      return new ServiceProcess(builder.start());
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + command, e);
    }
  }

  public static String appJar() {
    String jar = System.getProperty("app.jar");
    if (jar == null || !Path.of(jar).toFile().isFile()) {
      throw new IllegalStateException("system property app.jar must name the built jar (run ./mvnw verify), got "
        + jar);
    }
    return jar;
  }

  private static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** The first output line matching {@code pattern}, waiting up to {@code timeout} for it. */
  public Matcher awaitLine(Pattern pattern, Duration timeout) {
    return output.awaitLine(pattern, timeout);
  }

  /** Waits for the "Ready:" line and returns the HTTP port it names. */
  public int awaitReady() {
    return awaitReady(STARTUP);
  }

  /** Waits up to {@code timeout} for the "Ready:" line and returns the HTTP port it names. */
  public int awaitReady(Duration timeout) {
    return Integer.parseInt(awaitLine(READY_PORT, timeout).group(1));
  }

  /** The exit status, waiting up to {@code timeout}; fails if the process is still running then. */
  public int awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("the process did not exit within " + timeout + "; output:\n" + output());
      }
      output.awaitEnd(Duration.ofSeconds(5));
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /**
   * SIGTERM: the JVM runs its shutdown hooks. Sent through the process handle because {@link Process#destroy()}
   * also closes the pipes, and with them everything the process logs while it stops.
   */
  public void terminate() {
    process.toHandle().destroy();
  }

  /** SIGKILL: no shutdown hook, no flush; the closest thing to pulling the plug. */
  public void kill() {
    process.destroyForcibly();
    awaitExit(Duration.ofSeconds(10));
  }

  /** SIGSTOP: the process stands still, its sockets open, as in a long GC pause or a frozen virtual machine. */
  public void freeze() {
    signal("STOP");
  }

  /** SIGCONT: a frozen process runs on from where it stood. */
  public void thaw() {
    signal("CONT");
  }

  private void signal(String name) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).redirectErrorStream(true)
        .start();
      String said = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed: " + said);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run kill -" + name, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public String output() {
    return output.text();
  }

  @Override
  public void close() {
    STARTED.remove(process);
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
