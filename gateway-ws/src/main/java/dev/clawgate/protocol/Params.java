package dev.clawgate.protocol;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads typed fields out of a request's params, answering INVALID_REQUEST that names the field when wrong. */
public final class Params {

  private final JsonNode node;

  public Params(JsonNode node) {
    this.node = node;
  }

  public JsonNode node() {
    return node;
  }

  public String requiredString(String field) {
    String value = optionalString(field);
    if (value == null || value.isEmpty()) {
      throw GatewayException.invalidParams("params." + field + " is required (a non-empty string)");
    }
    return value;
  }

  public String optionalString(String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw GatewayException.invalidParams("params." + field + " must be a string");
    }
    return value.asText();
  }

  public Integer optionalInt(String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw GatewayException.invalidParams("params." + field + " must be an integer");
    }
    return value.asInt();
  }

  public Long optionalLong(String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isNumber() || !value.canConvertToLong()) {
      throw GatewayException.invalidParams("params." + field + " must be a number");
    }
    return value.asLong();
  }

  public int intOrDefault(String field, int fallback, int min, int max) {
    Integer value = optionalInt(field);
    if (value == null) {
      return fallback;
    }
    if (value < min || value > max) {
      throw GatewayException.invalidParams("params." + field + " must be between " + min + " and " + max);
    }
    return value;
  }
}
