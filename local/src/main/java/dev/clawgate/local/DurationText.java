package dev.clawgate.local;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in config: {@code 30m}, {@code 1h30m}, {@code 45s}, {@code 250ms}, {@code 0}. */
public final class DurationText {

  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  private DurationText() {}

  public static long parseMillis(String text) {
    String trimmed = text.trim().toLowerCase();
    if (trimmed.equals("0")) {
      return 0;
    }
    Matcher matcher = PART.matcher(trimmed);
    long total = 0;
    int end = 0;
    while (matcher.find() && matcher.start() == end) {
      long amount = Long.parseLong(matcher.group(1));
      switch (matcher.group(2)) {
        case "ms" -> total += amount;
        case "s" -> total += amount * 1_000;
        case "m" -> total += amount * 60_000;
        case "h" -> total += amount * 3_600_000;
        default -> total += amount * 86_400_000;
      }
      end = matcher.end();
    }
    if (end == 0 || end != trimmed.length()) {
      throw new IllegalArgumentException("'" + text + "' is not a duration (write e.g. 30m, 1h, 45s or 0)");
    }
    return total;
  }
}
