package io.copytrader.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** Ports for processes a test starts and must tell their port up front. */
public final class Ports {

  private Ports() {
  }

  /**
   * A port nothing listens on right now, drawn below Linux's ephemeral range (32768 and up), where a server a process
   * binds to port 0 (the paper exchange inside the service) and every outgoing connection are given theirs: a port
   * taken from that range could be handed out again before the process binds it, or while it restarts.
   */
  public static int free() {
    for (int attempt = 0; attempt < 100; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(20_000, 32_000);
      try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        return socket.getLocalPort();
      } catch (IOException taken) {
        // Another one.
      }
    }
    throw new UncheckedIOException(new IOException("no free port below the ephemeral range"));
  }
}
