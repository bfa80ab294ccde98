package dev.clawgate.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.clawgate.hooks.HookRequest;
import dev.clawgate.hooks.HookResponse;
import dev.clawgate.hooks.HookService;
import dev.clawgate.protocol.FrameCodec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API's webhook function ({@code POST /hooks/*}, payload format 2.0): a thin adapter over gateway-ws's
 * {@link HookService}, the same service and the same answers as the self-hosted {@code /hooks} endpoints. It turns
 * the event into a {@link HookRequest} (headers by name in any case: API Gateway lower-cases them; a base64 body
 * decoded), and the {@link HookResponse} back into the HTTP response.
 *
 * <p>One difference is forced by API Gateway: an HTTP API integration may run at most 30 s. A hook that waits for
 * its run ({@code waitForCompletion}) longer than this invocation can is answered 504 with the run id, and the run
 * goes on; repeating the request with the same {@code Idempotency-Key} answers with the run's state or outcome.
 */
public final class HooksHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

  private static final Logger LOG = LoggerFactory.getLogger(HooksHandler.class);

  /** The longest this function waits for an answer: under API Gateway's 30 s and the function's 29 s timeout. */
  static final long MAX_ANSWER_MS = 27_000;
  /** Left for writing the answer when the invocation's own deadline is nearer. */
  private static final long MARGIN_MS = 1_500;

  private final AwsGateway gateway;

  public HooksHandler() {
    this(AwsGateway.shared());
  }

  public HooksHandler(AwsGateway gateway) {
    this.gateway = gateway;
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    HookService hooks;
    try {
      hooks = gateway.hooks();
    } catch (RuntimeException e) {
      // A hooks secret that cannot be read, or equal to the gateway token: the message names the cause, never a value.
      LOG.error("webhooks cannot start: {}", e.getMessage());
      return respond(HookResponse.error(503, "unavailable", "webhooks are not configured correctly on this "
          + "deployment; the function's log says why"));
    }
    HookRequest request = request(event);
    Optional<HookResponse> refused = hooks.refuseBeforeBody(request);
    if (refused.isPresent()) {
      return respond(refused.get());
    }
    byte[] body;
    try {
      body = body(event);
    } catch (IllegalArgumentException e) {
      return respond(HookResponse.error(400, "invalid_request", "the body is not valid base64", "body"));
    }
    if (body.length > hooks.maxBodyBytes()) {
      return respond(HookResponse.tooLarge(hooks.maxBodyBytes()));
    }
    long waitMs = context == null ? MAX_ANSWER_MS
        : Math.max(1, Math.min(MAX_ANSWER_MS, context.getRemainingTimeInMillis() - MARGIN_MS));
    try {
      return respond(hooks.handle(request, body).get(waitMs, TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      return respond(HookResponse.error(504, "timeout", "no result within " + waitMs / 1000 + " s (API Gateway ends "
          + "a webhook request after 30 s); the run goes on: repeat the request with the same Idempotency-Key "
          + "for its state"));
    } catch (ExecutionException e) {
      LOG.warn("webhook {} failed", request.path(), e.getCause());
      return respond(HookResponse.error(503, "unavailable", "the hook could not be handled now; retry"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return respond(HookResponse.error(503, "unavailable", "the hook could not be handled now; retry"));
    }
  }

  /** The request as the hook service sees it; the path without a named stage's prefix. */
  static HookRequest request(APIGatewayV2HTTPEvent event) {
    APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
    APIGatewayV2HTTPEvent.RequestContext.Http http = context == null ? null : context.getHttp();
    String method = http != null && http.getMethod() != null ? http.getMethod() : "POST";
    String path = event.getRawPath() != null ? event.getRawPath() : http == null ? "" : http.getPath();
    String stage = context == null ? null : context.getStage();
    if (stage != null && !stage.equals("$default") && path != null && path.startsWith("/" + stage + "/")) {
      path = path.substring(stage.length() + 1);
    }
    String query = event.getRawQueryString() == null || event.getRawQueryString().isEmpty() ? null
        : event.getRawQueryString();
    return new HookRequest(method, path, query, header(event, "Authorization"), header(event, "x-clawgate-token"),
        header(event, "Content-Type"), header(event, "Idempotency-Key"), http == null ? "" : http.getSourceIp());
  }

  private static byte[] body(APIGatewayV2HTTPEvent event) {
    String body = event.getBody();
    if (body == null) {
      return new byte[0];
    }
    return event.getIsBase64Encoded() ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
  }

  private static String header(APIGatewayV2HTTPEvent event, String name) {
    return Headers.get(event.getHeaders(), name);
  }

  /** The same headers as the self-hosted endpoint sends, minus {@code Connection}, which API Gateway owns. */
  static APIGatewayV2HTTPResponse respond(HookResponse answer) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json; charset=utf-8");
    headers.put("Cache-Control", "no-store");
    if (answer.status() == 405) {
      headers.put("Allow", "POST");
    }
    if (answer.status() == 429) {
      headers.put("Retry-After", "1");
    }
    String json;
    try {
      json = FrameCodec.JSON.writeValueAsString(answer.body());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a hook answer could not be written as JSON", e);
    }
    return APIGatewayV2HTTPResponse.builder().withStatusCode(answer.status()).withHeaders(headers).withBody(json)
        .withIsBase64Encoded(false).build();
  }
}
