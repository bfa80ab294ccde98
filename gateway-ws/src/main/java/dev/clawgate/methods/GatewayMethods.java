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

  /**
   * Where a gateway keeps what one request must tell another. Self-hosted, one process sees every request and
   * every run event, so all three live in memory ({@link #inProcess()}); a stateless front (Lambda) gives
   * durable ones, since the next frame may reach another instance and the runs happen in a worker elsewhere.
   *
   * @param follower how an {@code agent} request hears its run's events and final answer; null: in this process
   * @param watcher how a connection that sent to or read a session hears its {@code chat} events; null: in this
   *     process
   * @param runs which session each recent run id went to, for {@code agent.wait}; null: remembered in this process
   */
  public record Ports(RunFollower follower, SessionWatcher watcher, RunDirectory runs) {

    public static Ports inProcess() {
      return new Ports(null, null, null);
    }

    /** Whether run events reach this process; when they do not, outcomes are learned by asking the session. */
    boolean seesRunEvents() {
      return watcher == null;
    }
  }

  /** The self-hosted assembly: every port in this process. */
  public GatewayMethods(GatewayServices services, LongSupplier uptimeMs) {
    this(services, uptimeMs, Ports.inProcess());
  }

  public GatewayMethods(GatewayServices services, LongSupplier uptimeMs, Ports ports) {
    RunFollower follower = ports.follower();
    SessionWatcher watcher = ports.watcher();
    RunDirectory runs = ports.runs();
    if (runs == null) {
      runs = new RecentRunDirectory();
    }
    this.waiter = new RunWaiter(services.hub(), services.sessions(),
        ports.seesRunEvents() ? RunWaiter.Polling.SAFETY_NET : RunWaiter.Polling.PRIMARY);
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
      if (event instanceof dev.clawgate.agent.RunEvent.Heartbeat heartbeat) {
        core.broadcast("heartbeat", HeartbeatMethods.payload(heartbeat.report()));
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
