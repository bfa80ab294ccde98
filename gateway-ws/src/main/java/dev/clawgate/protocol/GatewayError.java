package dev.clawgate.protocol;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import java.util.Map;

/**
 * The {@code error} object of a failed response: {@code code} is one of {@link ErrorCodes}' top-level codes,
 * {@code details.code} the exact cause.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonClassDescription("The error of a failed response.")
public record GatewayError(
    @NotEmpty @JsonPropertyDescription("INVALID_REQUEST | FORBIDDEN | NOT_PAIRED | UNAVAILABLE") String code,
    @NotEmpty String message,
    @JsonPropertyDescription("details.code names the exact cause (see docs/protocol.md)") Map<String, Object> details,
    Boolean retryable,
    @Min(0) Long retryAfterMs) {

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
