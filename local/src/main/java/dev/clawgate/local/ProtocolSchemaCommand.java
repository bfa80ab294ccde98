package dev.clawgate.local;

import dev.clawgate.gateway.PublishedSchema;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code clawgate protocol-schema}: prints the JSON Schema of the protocol this build speaks, generated from its
 * Java types. {@code ./clawgate protocol-schema > docs/protocol/schema.json} regenerates the committed copy.
 */
@Command(name = "protocol-schema", mixinStandardHelpOptions = true,
    description = "Print the gateway protocol's JSON Schema (draft-07), as published in docs/protocol/schema.json.")
final class ProtocolSchemaCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    out.print(PublishedSchema.render());
    out.flush();
    return 0;
  }
}
