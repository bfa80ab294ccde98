package dev.clawgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clawgate.protocol.FrameCodec;
import dev.clawgate.protocol.GatewayException;
import dev.clawgate.protocol.schema.ParamsSchema;
import dev.clawgate.protocol.schema.ParamsSchemaIndex;
import dev.clawgate.protocol.schema.ProtocolSchemaGenerator;
import dev.clawgate.protocol.wire.ConnectParams;
import jakarta.validation.constraints.NotEmpty;
import org.junit.jupiter.api.Test;

/**
 * The params schemas the build precomputed are exactly the ones the generator makes from the code now, so
 * validating from the index refuses and accepts exactly what validating from generated schemas did.
 */
class ParamsSchemaIndexTest {

  record NotInTheIndex(@NotEmpty String text) {}

  @Test
  void theBuiltIndexHoldsEveryParamsTypeTheGatewayValidatesAsTheGeneratorMakesItNow() {
    assertThat(ParamsSchemaIndexBuild.paramsTypes()).contains(ConnectParams.class).hasSizeGreaterThan(10)
        .allSatisfy(type -> assertThat(ParamsSchemaIndex.find(type)).as("the index entry of %s", type.getName())
            .contains(ProtocolSchemaGenerator.schemaOf(type)));
  }

  @Test
  void aTypeTheIndexDoesNotHoldIsGeneratedOnFirstUse() throws Exception {
    ParamsSchema<NotInTheIndex> schema = ParamsSchema.of(NotInTheIndex.class);

    assertThat(ParamsSchemaIndex.find(NotInTheIndex.class)).isEmpty();
    assertThat(schema.read(FrameCodec.JSON.readTree("{\"text\":\"hi\"}")).text()).isEqualTo("hi");
    assertThatThrownBy(() -> schema.read(FrameCodec.JSON.readTree("{\"text\":\"\"}")))
        .isInstanceOf(GatewayException.class).hasMessageContaining("params.text: must not be empty");
  }
}
