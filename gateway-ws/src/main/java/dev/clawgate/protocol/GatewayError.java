package dev.clawgate.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * The {@code error} object of a failed response: {@code code} is one of {@link ErrorCodes}' top-level codes,
 * {@code details.code} the exact cause.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GatewayError(String code, String message, Map<String, Object> details, Boolean retryable,
    Long retryAfterMs) {

  public static GatewayError of(String code, String detailCode, String message) {
    return new GatewayError(code, message, detailCode == null ? null : Map.of("code", detailCode), null, null);
  }

  public static GatewayError invalidRequest(String detailCode, String message) {
    return of(ErrorCodes.INVALID_REQUEST, detailCode, message);
  }

  public static GatewayError unknownMethod(String method) {
    return invalidRequest(ErrorCodes.UNKNOWN_METHOD, "unknown method: " + method);
  }

  public static GatewayError unavailable(String message) {
    return new GatewayError(ErrorCodes.UNAVAILABLE, message, Map.of("code", ErrorCodes.SESSION_UNAVAILABLE), true,
        1000L);
  }

  public String detailCode() {
    return details == null ? null : (String) details.get("code");
  }
}
