package dev.clawgate.infra.dynamo;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An upper bound on an item's size as DynamoDB counts it against its 400 KB limit: attribute names and
 * string values in UTF-8 bytes, numbers at most 21 bytes, a few bytes of overhead per list or map element.
 * Used to decide, before writing, whether an entry fits in one item.
 */
final class ItemSize {

  /** DynamoDB's limit is 400 KB (409,600 bytes); the margin covers the estimate's own slack. */
  static final int MAX_ITEM_BYTES = 380_000;

  private ItemSize() {}

  static long of(Map<String, AttributeValue> item) {
    long size = 0;
    for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
      size += utf8(attribute.getKey()) + of(attribute.getValue());
    }
    return size;
  }

  private static long of(AttributeValue value) {
    if (value.s() != null) {
      return utf8(value.s());
    }
    if (value.n() != null) {
      return 21;
    }
    if (value.bool() != null || Boolean.TRUE.equals(value.nul())) {
      return 1;
    }
    if (value.hasL()) {
      long size = 3;
      for (AttributeValue element : value.l()) {
        size += 1 + of(element);
      }
      return size;
    }
    if (value.hasM()) {
      long size = 3;
      for (Map.Entry<String, AttributeValue> entry : value.m().entrySet()) {
        size += 1 + utf8(entry.getKey()) + of(entry.getValue());
      }
      return size;
    }
    if (value.b() != null) {
      return value.b().asByteArray().length;
    }
    // String, number and binary sets: not used by the transcripts table; count them generously.
    long size = 3;
    for (String s : value.ss()) {
      size += utf8(s);
    }
    size += 21L * value.ns().size();
    for (var b : value.bs()) {
      size += b.asByteArray().length;
    }
    return size;
  }

  static long utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
