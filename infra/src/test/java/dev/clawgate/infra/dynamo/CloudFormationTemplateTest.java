package dev.clawgate.infra.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class CloudFormationTemplateTest {

  @Test
  void shortFormIntrinsicsReadAsTheirLongForm() {
    JsonNode root = CloudFormationTemplate.parse("""
        Resources:
          Thing:
            Type: AWS::Some::Thing
            Properties:
              Plain: Table
              Ref: !Ref Table
              Attribute: !GetAtt Table.StreamArn
              Dotted: !GetAtt Stack.Outputs.Name
              Sub: !Sub "arn:${AWS::Partition}:x:${Table}"
              SubList: !Sub ["${A}", {A: !Ref B}]
              Join: !Join [",", [a, !Ref C]]
              Tagged: !!str 30
              Number: 30
              Flag: true
        """).root();

    JsonNode properties = root.path("Resources").path("Thing").path("Properties");
    assertThat(properties.path("Plain").asText()).isEqualTo("Table");
    assertThat(properties.path("Ref").toString()).isEqualTo("{\"Ref\":\"Table\"}");
    assertThat(properties.path("Attribute").toString()).isEqualTo("{\"Fn::GetAtt\":[\"Table\",\"StreamArn\"]}");
    assertThat(properties.path("Dotted").toString()).isEqualTo("{\"Fn::GetAtt\":[\"Stack\",\"Outputs.Name\"]}");
    assertThat(properties.path("Sub").toString()).isEqualTo("{\"Fn::Sub\":\"arn:${AWS::Partition}:x:${Table}\"}");
    assertThat(properties.path("SubList").toString()).isEqualTo("{\"Fn::Sub\":[\"${A}\",{\"A\":{\"Ref\":\"B\"}}]}");
    assertThat(properties.path("Join").toString()).isEqualTo("{\"Fn::Join\":[\",\",[\"a\",{\"Ref\":\"C\"}]]}");
    assertThat(properties.path("Tagged").isTextual()).isTrue();
    assertThat(properties.path("Number").asLong()).isEqualTo(30);
    assertThat(properties.path("Flag").asBoolean()).isTrue();
  }

  @Test
  void resourcesAreFoundByType() {
    CloudFormationTemplate template = CloudFormationTemplate.parse("""
        Resources:
          A: {Type: AWS::DynamoDB::Table}
          B: {Type: AWS::IAM::Role}
          C: {Type: AWS::DynamoDB::Table}
        """);

    assertThat(template.resourcesOfType("AWS::DynamoDB::Table")).containsOnlyKeys("A", "C");
    assertThat(template.resource("B").path("Type").asText()).isEqualTo("AWS::IAM::Role");
    assertThat(template.resource("D").isMissingNode()).isTrue();
  }
}
