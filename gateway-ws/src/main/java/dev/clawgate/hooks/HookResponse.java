package dev.clawgate.hooks;

import java.util.LinkedHashMap;
import java.util.Map;

/** A status and a JSON body. Refusals are {@code {ok:false, error:{code, message, field?}}}. */
public record HookResponse(int status, Map<String, Object> body) {

  public static HookResponse ok(Map<String, Object> fields) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ok", true);
    body.putAll(fields);
    return new HookResponse(200, body);
  }

  public static HookResponse error(int status, String code, String message) {
    return error(status, code, message, null);
  }

  public static HookResponse error(int status, String code, String message, String field) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", message);
    if (field != null) {
      error.put("field", field);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ok", false);
    body.put("error", error);
    return new HookResponse(status, body);
  }

  public static HookResponse tooLarge(int limit) {
    return error(413, "payload_too_large", "the body is larger than " + limit + " bytes (hooks.maxBodyBytes)");
  }
}
