package dev.clawgate.gateway;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The last lines this process logged, for {@code logs.tail}. Self-hosted, the gateway's logger writes to
 * standard error; {@link #captureStandardError()} keeps a copy of each line here while it still goes out.
 * Lines are numbered so a client can ask for what it has not seen yet.
 */
public final class LogBuffer {

  public static final LogBuffer PROCESS = new LogBuffer(2_000);

  /** A logged line and its number. */
  public record Line(long cursor, String text) {}

  private final int capacity;
  private final ArrayDeque<Line> lines = new ArrayDeque<>();
  private long next = 1;
  private boolean capturing;

  LogBuffer(int capacity) {
    this.capacity = capacity;
  }

  /** Tees standard error into this buffer; idempotent. */
  public synchronized void captureStandardError() {
    if (capturing) {
      return;
    }
    capturing = true;
    PrintStream original = System.err;
    System.setErr(new PrintStream(new OutputStream() {
      private final java.io.ByteArrayOutputStream current = new java.io.ByteArrayOutputStream();

      @Override
      public synchronized void write(int b) {
        original.write(b);
        if (b == '\n') {
          add(current.toString(StandardCharsets.UTF_8));
          current.reset();
        } else if (current.size() < 8_192) {
          current.write(b);
        }
      }

      @Override
      public void flush() {
        original.flush();
      }
    }, true, StandardCharsets.UTF_8));
  }

  public synchronized void add(String text) {
    lines.addLast(new Line(next++, text));
    while (lines.size() > capacity) {
      lines.removeFirst();
    }
  }

  /** Lines after {@code cursor} (0: from the oldest kept), at most {@code limit} of the newest. */
  public synchronized List<Line> after(long cursor, int limit) {
    List<Line> result = new ArrayList<>();
    for (Line line : lines) {
      if (line.cursor() > cursor) {
        result.add(line);
      }
    }
    return result.size() <= limit ? result : result.subList(result.size() - limit, result.size());
  }

  public synchronized long lastCursor() {
    return next - 1;
  }
}
