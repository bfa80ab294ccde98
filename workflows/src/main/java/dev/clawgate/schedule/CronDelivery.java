package dev.clawgate.schedule;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Where a run's result goes besides its session: {@code none}; {@code announce} to a channel and recipient;
 * {@code webhook}, a POST of the result to the URL in {@code to} (OpenClaw's spelling).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CronDelivery(String mode, String channel, String to) {

  public static final String NONE = "none";
  public static final String ANNOUNCE = "announce";
  public static final String WEBHOOK = "webhook";

  public static CronDelivery none() {
    return new CronDelivery(NONE, null, null);
  }

  public CronDelivery validated() {
    if (mode == null) {
      throw new InvalidScheduleException("delivery.mode", "delivery.mode is required: none, announce or webhook");
    }
    switch (mode) {
      case NONE:
      case ANNOUNCE:
        return this;
      case WEBHOOK:
        if (to == null || !(to.startsWith("http://") || to.startsWith("https://"))) {
          throw new InvalidScheduleException("delivery.to", "webhook delivery needs delivery.to, an http(s) URL");
        }
        try {
          java.net.URI.create(to).toURL();
        } catch (IllegalArgumentException | java.net.MalformedURLException e) {
          throw new InvalidScheduleException("delivery.to", "delivery.to is not a valid URL: " + e.getMessage());
        }
        return this;
      default:
        throw new InvalidScheduleException("delivery.mode", "delivery.mode must be none, announce or webhook, got '"
            + mode + "'");
    }
  }
}
