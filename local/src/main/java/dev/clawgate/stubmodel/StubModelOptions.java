package dev.clawgate.stubmodel;

/**
 * How the stub model server binds and how fast it "types".
 *
 * <p>The timing knobs exist so benchmarks and tests can give the stub a realistic shape (time to first token,
 * token rate) while staying deterministic; the defaults answer instantly because most tests want speed.
 *
 * @param port              TCP port on 127.0.0.1; 0 picks a free port (read it back with {@link StubModelServer#port()})
 * @param firstTokenDelayMs wait before the first token of every reply; a {@code #slow <ms>} directive overrides it
 * @param tokensPerSecond   pace of the tokens after the first one; 0 means no pacing at all
 */
public record StubModelOptions(int port, long firstTokenDelayMs, double tokensPerSecond) {

  public StubModelOptions {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0..65535, got " + port);
    }
    if (firstTokenDelayMs < 0) {
      throw new IllegalArgumentException("firstTokenDelayMs must be >= 0, got " + firstTokenDelayMs);
    }
    if (tokensPerSecond < 0 || Double.isNaN(tokensPerSecond) || Double.isInfinite(tokensPerSecond)) {
      throw new IllegalArgumentException("tokensPerSecond must be a finite number >= 0, got " + tokensPerSecond);
    }
  }

  /** A free port, no first-token delay, no pacing: what tests want. */
  public static StubModelOptions defaults() {
    return new StubModelOptions(0, 0, 0);
  }

  public StubModelOptions withPort(int newPort) {
    return new StubModelOptions(newPort, firstTokenDelayMs, tokensPerSecond);
  }

  public StubModelOptions withFirstTokenDelayMs(long newDelayMs) {
    return new StubModelOptions(port, newDelayMs, tokensPerSecond);
  }

  public StubModelOptions withTokensPerSecond(double newRate) {
    return new StubModelOptions(port, firstTokenDelayMs, newRate);
  }

  /** Milliseconds between two tokens after the first; 0 when unpaced. */
  long interTokenDelayMs() {
    return tokensPerSecond == 0 ? 0 : Math.round(1000.0 / tokensPerSecond);
  }
}
