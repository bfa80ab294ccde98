package dev.clawgate.methods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clawgate.auth.Scopes;
import dev.clawgate.protocol.wire.AgentWaitParams;
import java.util.List;
import org.junit.jupiter.api.Test;

class MethodRegistryTest {

  private static final Method.Handler NOOP = call -> {};

  @Test
  void namesAreListedInRegistrationOrder() {
    MethodRegistry registry = new MethodRegistry()
        .register("status", Scopes.READ, NOOP)
        .register("agent", Scopes.WRITE, NOOP)
        .register("health", Scopes.READ, NOOP)
        .register("config.get", Scopes.ADMIN, NOOP);

    assertThat(registry.names()).containsExactly("status", "agent", "health", "config.get");
  }

  @Test
  void aDuplicateRegistrationIsRefusedAndKeepsTheFirst() {
    Method.Handler first = call -> {};
    MethodRegistry registry = new MethodRegistry().register("health", Scopes.READ, first);

    assertThatThrownBy(() -> registry.register("health", Scopes.ADMIN, NOOP))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("health");

    assertThat(registry.names()).containsExactly("health");
    Method kept = registry.find("health").orElseThrow();
    assertThat(kept.scope()).isEqualTo(Scopes.READ);
    assertThat(kept.handler()).isSameAs(first);
  }

  @Test
  void findReturnsTheRegisteredMethodOrEmpty() {
    MethodRegistry registry = new MethodRegistry().register("echo", Scopes.READ, NOOP);

    assertThat(registry.find("echo")).hasValueSatisfying(m -> {
      assertThat(m.name()).isEqualTo("echo");
      assertThat(m.scope()).isEqualTo(Scopes.READ);
    });
    assertThat(registry.find("missing")).isEmpty();
  }

  @Test
  void namesIsACopyThatCallersCannotUseToChangeTheRegistry() {
    MethodRegistry registry = new MethodRegistry().register("a", Scopes.READ, NOOP);

    List<String> names = registry.names();
    names.add("b");

    assertThat(registry.names()).containsExactly("a");
    assertThat(registry.find("b")).isEmpty();
  }

  @Test
  void aTypedMethodCarriesItsParamsTypeAndAnUntypedOneDoesNot() {
    MethodRegistry registry = new MethodRegistry()
        .register("agent.wait", Scopes.WRITE, AgentWaitParams.class, (call, params) -> {})
        .register("legacy", Scopes.READ, NOOP);

    assertThat(registry.find("agent.wait").orElseThrow().paramsType()).contains(AgentWaitParams.class);
    assertThat(registry.find("legacy").orElseThrow().paramsType()).isEmpty();
    assertThat(registry.all()).extracting(Method::name).containsExactly("agent.wait", "legacy");
  }
}
