package dev.clawgate.protocol.wire;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import jakarta.validation.constraints.NotEmpty;

/** Answer of {@code cron.run} with {@code mode} {@code due} or {@code if-enabled} when the job did not qualify. */
@JsonClassDescription("Response to cron.run when nothing ran (mode due or if-enabled).")
public record CronRunSkipped(
    boolean ok,
    @JsonPropertyDescription("always false") boolean ran,
    @NotEmpty @JsonPropertyDescription("not-due (mode due) or disabled (mode if-enabled)") String reason) {

  public static final String NOT_DUE = "not-due";
  public static final String DISABLED = "disabled";
}
