package dev.clawgate.gateway;

import dev.clawgate.auth.AuthRateLimiter;
import dev.clawgate.auth.DevicePairing;
import dev.clawgate.methods.MethodRegistry;
import dev.clawgate.protocol.FrameCodec;
import dev.clawgate.protocol.wire.SessionDefaults;
import dev.clawgate.protocol.wire.Snapshot;
import dev.clawgate.protocol.wire.TickEvent;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transport-neutral gateway: creates connections, owns the method registry, ticks connected clients,
 * and runs method handlers off the transport's threads (a handler may wait on Temporal).
 */
public final class GatewayCore implements AutoCloseable {

  /** The events this gateway emits; listed in {@code hello-ok.features.events} and the published schema. */
  public static final List<String> EVENTS = List.of("connect.challenge", "tick", "agent", "chat", "heartbeat",
      "presence", "sessions.changed", "cron");

  /**
   * Connects and disconnects within this window are announced by one {@code presence} event. Each event carries
   * every connection and goes to every connection, so announcing each arrival of a storm of C clients on its own
   * cost C² entries per arrival; clients see the latest list at most this much later.
   */
  static final long PRESENCE_COALESCE_MS = 200;

  private static final Logger LOG = LoggerFactory.getLogger("dev.clawgate.gateway");
  private static final com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>> MAP =
      new com.fasterxml.jackson.core.type.TypeReference<>() {};

  private final GatewaySettings settings;
  private final MethodRegistry methods;
  private final Supplier<Map<String, Object>> snapshotExtras;
  private final DevicePairing pairing;
  private final AuthRateLimiter rateLimiter;
  private final long startedAt = System.currentTimeMillis();
  private final Set<GatewayConnection> connections = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1, daemon("gateway-timer"));
  private final ExecutorService executor = Executors.newCachedThreadPool(daemon("gateway-method"));
  private final AtomicBoolean presenceAnnouncementPending = new AtomicBoolean();

  /**
   * @param snapshotExtras fields added to {@code hello-ok.snapshot} (health, session defaults), read per connect
   * @param pairing paired devices and device tokens, consulted when a client sends a device identity
   * @param rateLimiter counts failed connects per peer; one per gateway process
   */
  public GatewayCore(GatewaySettings settings, MethodRegistry methods, Supplier<Map<String, Object>> snapshotExtras,
      DevicePairing pairing, AuthRateLimiter rateLimiter) {
    this.settings = settings;
    this.methods = methods;
    this.snapshotExtras = snapshotExtras;
    this.pairing = pairing;
    this.rateLimiter = rateLimiter;
    scheduler.scheduleAtFixedRate(this::tick, settings.tickIntervalMs(), settings.tickIntervalMs(),
        TimeUnit.MILLISECONDS);
  }

  public GatewayConnection newConnection(Outbound outbound) {
    return new GatewayConnection(this, outbound, UUID.randomUUID().toString());
  }

  public GatewaySettings settings() {
    return settings;
  }

  public MethodRegistry methods() {
    return methods;
  }

  public int connectionCount() {
    return connections.size();
  }

  public long uptimeMs() {
    return System.currentTimeMillis() - startedAt;
  }

  Snapshot snapshot() {
    Map<String, Object> extras = snapshotExtras.get();
    Object defaults = extras.get("sessionDefaults");
    List<Map<String, Object>> present = new java.util.ArrayList<>();
    for (Presence entry : presence()) {
      present.add(FrameCodec.JSON.convertValue(entry, MAP));
    }
    return new Snapshot(present, extras.getOrDefault("health", Map.of()), new Snapshot.StateVersion(0, 0),
        uptimeMs(), defaults == null ? null : FrameCodec.JSON.convertValue(defaults, SessionDefaults.class));
  }

  DevicePairing pairing() {
    return pairing;
  }

  AuthRateLimiter rateLimiter() {
    return rateLimiter;
  }

  ScheduledExecutorService scheduler() {
    return scheduler;
  }

  ExecutorService executor() {
    return executor;
  }

  Logger log() {
    return LOG;
  }

  void connected(GatewayConnection connection) {
    connections.add(connection);
    presenceChanged();
  }

  void forget(GatewayConnection connection) {
    if (connections.remove(connection) && connection.presence() != null) {
      presenceChanged();
    }
  }

  /** Announces the presence list once the current window closes; changes within the window share the event. */
  private void presenceChanged() {
    if (presenceAnnouncementPending.compareAndSet(false, true)) {
      scheduler.schedule(() -> executor.execute(() -> {
        presenceAnnouncementPending.set(false);
        broadcast("presence", Map.of("presence", presence()));
      }), PRESENCE_COALESCE_MS, TimeUnit.MILLISECONDS);
    }
  }

  /** The gateway itself and every connected client, as {@code system-presence} and {@code presence} events show. */
  public List<Presence> presence() {
    List<Presence> entries = new java.util.ArrayList<>();
    entries.add(Presence.self(settings.version(), startedAt));
    for (GatewayConnection connection : connections) {
      if (connection.presence() != null) {
        entries.add(connection.presence());
      }
    }
    return entries;
  }

  private void tick() {
    broadcast("tick", new TickEvent(System.currentTimeMillis()));
  }

  /** Sends an event to every connected client. */
  public void broadcast(String event, Object payload) {
    // Once to a tree rather than once per connection from the objects.
    Object tree = FrameCodec.JSON.valueToTree(payload);
    for (GatewayConnection connection : connections) {
      if (connection.isConnected()) {
        connection.sendEvent(event, tree);
      }
    }
  }

  /** Closes every connection with 1001 (going away) and stops the timers. */
  @Override
  public void close() {
    for (GatewayConnection connection : connections) {
      connection.close(dev.clawgate.protocol.CloseCodes.GOING_AWAY, "gateway shutting down");
    }
    scheduler.shutdownNow();
    executor.shutdownNow();
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
