package dev.clawgate.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawgate.gateway.PublishedSchema;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ProtocolSchemaCommandTest {

  @Test
  void protocolSchemaPrintsExactlyThePublishedDocument() {
    PrintStream original = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    int exit;
    try {
      System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
      exit = new CommandLine(new ClawgateCli()).execute("protocol-schema");
    } finally {
      System.setOut(original);
    }

    assertThat(exit).isZero();
    assertThat(printed.toString(StandardCharsets.UTF_8)).isEqualTo(PublishedSchema.render());
  }
}
