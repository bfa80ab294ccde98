package dev.clawgate.gateway;

import dev.clawgate.methods.GatewayMethods;
import dev.clawgate.methods.Method;
import dev.clawgate.protocol.schema.ParamsSchemaIndex;
import dev.clawgate.protocol.wire.ConnectParams;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Writes the {@link ParamsSchemaIndex} while the module is built (Maven runs this in {@code process-classes}, see
 * gateway-ws/pom.xml): the params schemas of {@code connect} and of every method the gateway registers.
 */
public final class ParamsSchemaIndexBuild {

  private ParamsSchemaIndexBuild() {}

  /** The params types the gateway validates: {@code connect}'s and every registered method's. */
  public static Set<Class<?>> paramsTypes() {
    Set<Class<?>> types = new LinkedHashSet<>();
    types.add(ConnectParams.class);
    for (Method method : GatewayMethods.describe().all()) {
      method.paramsType().ifPresent(types::add);
    }
    return types;
  }

  /** {@code args[0]}: the classes folder to write {@link ParamsSchemaIndex#RESOURCE} into. */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: ParamsSchemaIndexBuild <classes folder>");
    }
    ParamsSchemaIndex.write(paramsTypes(), Path.of(args[0]).resolve(ParamsSchemaIndex.RESOURCE));
  }
}
