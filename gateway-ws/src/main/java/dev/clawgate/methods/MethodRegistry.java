package dev.clawgate.methods;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The methods this gateway implements. {@code hello-ok.features.methods} is read from here, so it lists
 * exactly what works: a method exists only once its handler is registered.
 */
public final class MethodRegistry {

  private final Map<String, Method> methods = new LinkedHashMap<>();

  public MethodRegistry register(String name, String scope, Method.Handler handler) {
    if (methods.putIfAbsent(name, new Method(name, scope, handler)) != null) {
      throw new IllegalArgumentException("method " + name + " is registered twice");
    }
    return this;
  }

  public Optional<Method> find(String name) {
    return Optional.ofNullable(methods.get(name));
  }

  public List<String> names() {
    return new ArrayList<>(methods.keySet());
  }
}
