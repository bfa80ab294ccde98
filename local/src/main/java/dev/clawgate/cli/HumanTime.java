package dev.clawgate.cli;

/** Ages and spans the way tables show them: {@code just now}, {@code 12s ago}, {@code 3m ago}, {@code 2h 5m}. */
final class HumanTime {

  private HumanTime() {}

  static String ago(long ageMs) {
    if (ageMs < 1_000) {
      return "just now";
    }
    return span(ageMs) + " ago";
  }

  /** The largest unit and, below a day, the next one: {@code 45s}, {@code 3m 12s}, {@code 2h 5m}, {@code 4d}. */
  static String span(long ms) {
    long seconds = Math.max(0, ms) / 1000;
    if (seconds < 60) {
      return seconds + "s";
    }
    long minutes = seconds / 60;
    if (minutes < 60) {
      return minutes + "m" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + "s");
    }
    long hours = minutes / 60;
    if (hours < 24) {
      return hours + "h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + "m");
    }
    return hours / 24 + "d";
  }
}
