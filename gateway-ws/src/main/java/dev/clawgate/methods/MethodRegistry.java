package dev.clawgate.methods;

import dev.clawgate.protocol.schema.ParamsSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The methods this gateway implements. {@code hello-ok.features.methods} is read from here, so it lists
 * exactly what works: a method exists only once its handler is registered. Methods registered with a params
 * type have their params validated against the type's generated JSON Schema before the handler runs, and appear
 * with that schema in the published protocol document.
 */
public final class MethodRegistry {

  private final Map<String, Method> methods = new LinkedHashMap<>();

  /**
   * Registers a method whose params are a record of {@code paramsType}: the handler gets them validated and
   * bound. This is how every method of the gateway is registered.
   */
  public <P> MethodRegistry register(String name, String scope, Class<P> paramsType, Method.TypedHandler<P> handler) {
    ParamsSchema<P> schema = ParamsSchema.of(paramsType);
    return add(new Method(name, scope, Optional.of(schema),
        call -> handler.handle(call, schema.read(call.params().node()))));
  }

  /**
   * Registers a method whose params are not typed: the handler reads them through {@link Call#params()} and the
   * published schema shows them as any object. For tests and for methods on their way to a params record.
   */
  public MethodRegistry register(String name, String scope, Method.Handler handler) {
    return add(new Method(name, scope, Optional.empty(), handler));
  }

  private MethodRegistry add(Method method) {
    if (methods.putIfAbsent(method.name(), method) != null) {
      throw new IllegalArgumentException("method " + method.name() + " is registered twice");
    }
    return this;
  }

  public Optional<Method> find(String name) {
    return Optional.ofNullable(methods.get(name));
  }

  public List<String> names() {
    return new ArrayList<>(methods.keySet());
  }

  /** Every method, in registration order. */
  public List<Method> all() {
    return new ArrayList<>(methods.values());
  }
}
