package dev.clawgate.schedule;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Posts a finished run to a job's webhook URL as JSON. At least once: a retried activity may post again, so
 * the request carries the run id as {@code Idempotency-Key} for the receiver to dedupe.
 */
public class WebhookDelivery {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
      .followRedirects(HttpClient.Redirect.NEVER).build();

  /** Empty on a 2xx answer, else why it failed. */
  public Optional<String> post(String url, CronRunRecord run, String text) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("jobId", run.jobId());
    body.put("jobName", run.jobName());
    body.put("runId", run.runId());
    body.put("status", run.status());
    body.put("runAtMs", run.startedAtMs());
    body.put("durationMs", run.durationMs());
    body.put("sessionKey", run.sessionKey());
    body.put("text", text);
    body.put("error", run.error());
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
          .header("Content-Type", "application/json")
          .header("Idempotency-Key", run.runId())
          .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
          .build();
      int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      return status / 100 == 2 ? Optional.empty() : Optional.of("webhook answered HTTP " + status);
    } catch (IOException | IllegalArgumentException e) {
      return Optional.of("webhook failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("webhook interrupted");
    }
  }
}
