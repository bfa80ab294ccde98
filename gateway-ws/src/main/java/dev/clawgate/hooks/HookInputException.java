package dev.clawgate.hooks;

/** A body that breaks the endpoint's schema: answered 400 naming {@link #field()}. */
final class HookInputException extends RuntimeException {

  private final String field;

  HookInputException(String field, String message) {
    super(message);
    this.field = field;
  }

  String field() {
    return field;
  }
}
