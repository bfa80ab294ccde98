package dev.clawgate.methods;

import java.util.Set;

/** What a method handler may know and do about the connection a request came on. */
public interface ConnectionContext {

  String connId();

  Set<String> scopes();

  /** Sends an event to this connection (numbered per connection). */
  void sendEvent(String event, Object payload);

  /** Runs {@code cleanup} when the connection closes (e.g. to stop watching a run). */
  void onClose(AutoCloseable cleanup);

  boolean isOpen();
}
