package dev.clawgate.methods;

import dev.clawgate.session.RecentRunDirectory;
import dev.clawgate.session.RunDirectory;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Assembles every method family into one registry. Adding a family is one line here; a method that is not
 * registered is not advertised and answers {@code unknown method}.
 */
public final class GatewayMethods implements AutoCloseable {

  private final MethodRegistry registry = new MethodRegistry();
  private final SystemMethods system;
  private final RunWaiter waiter;
  private final java.util.concurrent.atomic.AtomicReference<dev.clawgate.gateway.GatewayCore> core =
      new java.util.concurrent.atomic.AtomicReference<>();
  private final dev.clawgate.gateway.RunEventHub hub;

  public GatewayMethods(GatewayServices services, LongSupplier uptimeMs) {
    this(services, uptimeMs, null);
  }

  /**
   * @param follower how an {@code agent} request hears its run's events and final answer; null to follow in
   *     this process (self-hosted), where the request's connection lives
   */
  public GatewayMethods(GatewayServices services, LongSupplier uptimeMs, RunFollower follower) {
    this(services, uptimeMs, follower, null);
  }

  /**
   * @param follower as above
   * @param watcher how a connection that sent to or read a session hears its {@code chat} events; null to
   *     watch in this process (self-hosted)
   */
  public GatewayMethods(GatewayServices services, LongSupplier uptimeMs, RunFollower follower,
      SessionWatcher watcher) {
    this(services, uptimeMs, follower, watcher, null);
  }

  /**
   * @param follower as above
   * @param watcher as above
   * @param runs which session each recent run id went to, for {@code agent.wait}; null to remember them in this
   *     process (self-hosted), which sees every request
   */
  public GatewayMethods(GatewayServices services, LongSupplier uptimeMs, RunFollower follower,
      SessionWatcher watcher, RunDirectory runs) {
    if (runs == null) {
      runs = new RecentRunDirectory();
    }
    // A session watcher from outside means this process does not see run events (a stateless front): there
    // the poll is how an outcome arrives.
    this.waiter = new RunWaiter(services.hub(), services.sessions(),
        watcher == null ? RunWaiter.Polling.SAFETY_NET : RunWaiter.Polling.PRIMARY);
    this.system = new SystemMethods(services, uptimeMs);
    system.register(registry);
    new AgentMethods(services, waiter, runs, follower != null ? follower : new InProcessRunFollower(waiter))
        .register(registry);
    new ChatMethods(services, runs, watcher != null ? watcher : new InProcessSessionWatcher(services.hub()))
        .register(registry);
    new SessionsMethods(services).register(registry);
    new HeartbeatMethods(services).register(registry);
    new OperatorMethods(services, core).register(registry);
    new DeviceMethods(services.pairing()).register(registry);
    new CronMethods(services, ZoneId.systemDefault()).register(registry);
    this.hub = services.hub();
  }

  /** Broadcasts what every client hears (heartbeats) through {@code core}; call once the core exists. */
  public void attach(dev.clawgate.gateway.GatewayCore core) {
    this.core.set(core);
    hub.watchAll((event, seq, text) -> {
      if (event instanceof dev.clawgate.agent.RunEvent.Heartbeat) {
        core.broadcast("heartbeat", HeartbeatMethods.payload(((dev.clawgate.agent.RunEvent.Heartbeat) event).report()));
      }
    });
  }

  /** Waits for run outcomes; shared with the webhook endpoints. */
  public RunWaiter runWaiter() {
    return waiter;
  }

  public MethodRegistry registry() {
    return registry;
  }

  /**
   * The methods with their scopes and params types and no services behind them: what the published protocol
   * schema describes. The handlers must never be called.
   */
  public static MethodRegistry describe() {
    GatewayServices none = new GatewayServices(null, null, null, null, null, null, "describe-only", "none", false,
        null, null, null, null);
    try (GatewayMethods methods = new GatewayMethods(none, () -> 0)) {
      return methods.registry();
    }
  }

  /** The fields of {@code hello-ok.snapshot} that come from the methods' world: health and session defaults. */
  public Map<String, Object> snapshotExtras() {
    Map<String, Object> extras = new LinkedHashMap<>();
    extras.put("health", system.health());
    extras.put("sessionDefaults", system.sessionDefaults());
    return extras;
  }

  @Override
  public void close() {
    waiter.close();
  }
}
