package dev.clawgate.schedule;

/** A schedule (or another job field) that cannot work; {@link #field()} names the failing field. */
public final class InvalidScheduleException extends IllegalArgumentException {

  private final String field;

  public InvalidScheduleException(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
