package dev.clawgate.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The gateway and its worker as a child JVM ({@code ClawgateCli gateway}) on this process's own classpath, so
 * it can be SIGKILLed and started again on the same state dir, port and Temporal server. Each start appends to
 * one log file, with a marker line between incarnations.
 */
final class GatewayProcess implements AutoCloseable {

  /** Inherited variables of these families would reconfigure the child; its configuration is the harness's alone. */
  private static final List<String> SCRUBBED_ENV =
      List.of("CLAWGATE_", "TEMPORAL_", "OPENAI_", "ANTHROPIC_", "OLLAMA_");

  private final List<String> command;
  private final Map<String, String> env;
  private final int port;
  private final Path log;
  private Process process;
  private int incarnation;

  /**
   * @param jvmOptions options for the child JVM (the harness's choice for fast restarts; the product is unchanged)
   * @param env the gateway's configuration: state dir, port, token, Temporal address, model
   */
  GatewayProcess(List<String> jvmOptions, Map<String, String> env, int port, Path log) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("dev.clawgate.local.ClawgateCli");
    cmd.add("gateway");
    this.command = List.copyOf(cmd);
    this.env = Map.copyOf(env);
    this.port = port;
    this.log = log;
  }

  /** Starts a new incarnation; the previous one must be gone. */
  synchronized void start() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("gateway pid " + process.pid() + " is still running");
    }
    incarnation++;
    try {
      Files.writeString(log, "----- chaos: gateway incarnation " + incarnation + " -----\n", StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
      ProcessBuilder builder = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      builder.environment().keySet().removeIf(name -> SCRUBBED_ENV.stream().anyMatch(name::startsWith));
      builder.environment().putAll(env);
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the gateway: " + command, e);
    }
  }

  /**
   * Waits until the gateway accepts connections on its port.
   *
   * @throws GatewayExitedException when the process ended instead
   * @return false when the time ran out
   */
  boolean awaitListening(long timeoutMs) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    Process current;
    synchronized (this) {
      current = process;
    }
    while (System.nanoTime() < deadline) {
      if (!current.isAlive()) {
        throw new GatewayExitedException(current.pid(), current.exitValue(), tail(40));
      }
      if (accepts(port)) {
        return true;
      }
      Thread.sleep(50);
    }
    return false;
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed, sockets are reset by the kernel. */
  synchronized long kill() throws InterruptedException {
    long pid = process.pid();
    process.destroyForcibly();
    process.waitFor();
    return pid;
  }

  /** Whether the current incarnation is running. */
  synchronized boolean isAlive() {
    return process != null && process.isAlive();
  }

  synchronized long pid() {
    return process == null ? -1 : process.pid();
  }

  int port() {
    return port;
  }

  /** A variable of the child's environment as this harness set it. */
  String env(String name) {
    return env.get(name);
  }

  synchronized int incarnation() {
    return incarnation;
  }

  /** The last lines of the log, for reports when something went wrong. */
  String tail(int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }

  /** A graceful stop (SIGTERM, shutdown hooks run), then SIGKILL if it does not end in time. */
  @Override
  public synchronized void close() {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** Whether something accepts TCP connections on 127.0.0.1:port: a cheap probe before a WebSocket handshake. */
  static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The gateway process ended on its own: the harness cannot go on, and says why. */
  static final class GatewayExitedException extends RuntimeException {
    GatewayExitedException(long pid, int exitCode, String logTail) {
      super("gateway pid " + pid + " exited with " + exitCode + " before it listened; log tail:\n" + logTail);
    }
  }
}
