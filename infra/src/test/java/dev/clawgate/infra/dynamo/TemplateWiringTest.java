package dev.clawgate.infra.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * The wiring of template.yaml, read as data: routes → integrations → function aliases → permissions, the
 * functions' runtime, the tables (equal to {@link DynamoTables}), and least-privilege IAM. cfn-lint
 * (.ci/cfn-lint.sh) checks the template against CloudFormation's schemas; this checks what a schema cannot: that
 * the pieces point at each other and at nothing else.
 */
class TemplateWiringTest {

  private static final CloudFormationTemplate TEMPLATE = CloudFormationTemplate.read(templateFile());

  /** The agreed handler of each function (the functions module implements them). */
  private static final Map<String, String> HANDLERS = Map.of(
      "ConnectFunction", "dev.clawgate.functions.ConnectHandler::handleRequest",
      "DisconnectFunction", "dev.clawgate.functions.DisconnectHandler::handleRequest",
      "DefaultFunction", "dev.clawgate.functions.DefaultHandler::handleRequest",
      "ChallengeFunction", "dev.clawgate.functions.ChallengeHandler::handleRequest",
      "HooksFunction", "dev.clawgate.functions.HooksHandler::handleRequest");

  private static final Map<String, String> ROUTES = Map.of(
      "$connect", "ConnectFunction",
      "$disconnect", "DisconnectFunction",
      "$default", "DefaultFunction");

  private static final Pattern LAMBDA_INTEGRATION_URI = Pattern.compile(
      "arn:\\$\\{AWS::Partition}:apigateway:\\$\\{AWS::Region}:lambda:path/2015-03-31/functions/"
          + "\\$\\{(\\w+)\\.Alias}/invocations");

  private static final String CONNECTIONS_ARN = "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:"
      + "${WebSocketApi}/${StageName}/*/@connections/*";

  @Test
  void theTemplateDeclaresEveryTableExactlyAsDynamoTablesDefinesIt() {
    Map<String, JsonNode> defined = CloudFormationTemplate.parse(DynamoTables.cloudFormationYaml())
        .resourcesOfType("AWS::DynamoDB::Table");

    Map<String, JsonNode> declared = TEMPLATE.resourcesOfType("AWS::DynamoDB::Table");

    assertThat(declared.keySet()).containsExactlyInAnyOrderElementsOf(defined.keySet());
    defined.forEach((id, table) -> assertThat(declared.get(id)).as(id).isEqualTo(table));
    assertThat(defined.keySet()).containsExactlyInAnyOrder("SessionsTable", "TranscriptsTable", "ConnectionsTable",
        "PendingResponsesTable", "IdempotencyTable", "DevicesTable", "CronJobsTable");
  }

  @Test
  void eachWebSocketRouteReachesItsFunctionThroughTheLiveAlias() {
    String api = webSocketApi();
    Map<String, JsonNode> routes = new LinkedHashMap<>();
    TEMPLATE.resourcesOfType("AWS::ApiGatewayV2::Route").forEach((id, route) -> {
      assertThat(ref(route.path("Properties").path("ApiId"))).as(id).isEqualTo(api);
      routes.put(route.path("Properties").path("RouteKey").asText(), route);
    });

    assertThat(routes).containsOnlyKeys(ROUTES.keySet());
    ROUTES.forEach((routeKey, function) -> {
      String target = sub(routes.get(routeKey).path("Properties").path("Target"));
      assertThat(target).as(routeKey).startsWith("integrations/${").endsWith("}");
      String integrationId = target.substring("integrations/${".length(), target.length() - 1);
      JsonNode integration = TEMPLATE.resource(integrationId);
      assertThat(integration.path("Type").asText()).isEqualTo("AWS::ApiGatewayV2::Integration");
      JsonNode properties = integration.path("Properties");
      assertThat(ref(properties.path("ApiId"))).isEqualTo(api);
      assertThat(properties.path("IntegrationType").asText()).as(routeKey).isEqualTo("AWS_PROXY");
      Matcher uri = LAMBDA_INTEGRATION_URI.matcher(sub(properties.path("IntegrationUri")));
      assertThat(uri.matches()).as(routeKey + " integration invokes a function's alias, not $LATEST").isTrue();
      assertThat(uri.group(1)).as(routeKey).isEqualTo(function);
      assertThat(properties.path("TimeoutInMillis").asLong()).isBetween(50L, 29_000L);
    });
  }

  @Test
  void eachIntegratedAliasMayBeInvokedByThisApiAlone() {
    Map<String, JsonNode> permissions = TEMPLATE.resourcesOfType("AWS::Lambda::Permission");

    for (String function : ROUTES.values()) {
      List<JsonNode> granted = permissions.values().stream()
          .map(permission -> permission.path("Properties"))
          .filter(p -> (function + ".Alias").equals(ref(p.path("FunctionName"))))
          .toList();
      assertThat(granted).as(function).hasSize(1);
      JsonNode permission = granted.get(0);
      assertThat(permission.path("Action").asText()).isEqualTo("lambda:InvokeFunction");
      assertThat(permission.path("Principal").asText()).isEqualTo("apigateway.amazonaws.com");
      assertThat(sub(permission.path("SourceArn"))).as(function).isEqualTo(
          "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${" + webSocketApi() + "}/*");
    }
    // No permission anywhere names a bare function: what API Gateway invokes is always an alias.
    permissions.forEach((id, permission) ->
        assertThat(ref(permission.path("Properties").path("FunctionName"))).as(id).endsWith(".Alias"));
  }

  @Test
  void theDeploymentComesAfterEveryRouteAndTheStageServesIt() {
    Map<String, JsonNode> deployments = TEMPLATE.resourcesOfType("AWS::ApiGatewayV2::Deployment");
    assertThat(deployments).hasSize(1);
    Map.Entry<String, JsonNode> deployment = deployments.entrySet().iterator().next();
    assertThat(ref(deployment.getValue().path("Properties").path("ApiId"))).isEqualTo(webSocketApi());
    assertThat(texts(deployment.getValue().path("DependsOn")))
        .containsAll(TEMPLATE.resourcesOfType("AWS::ApiGatewayV2::Route").keySet());

    Map<String, JsonNode> stages = TEMPLATE.resourcesOfType("AWS::ApiGatewayV2::Stage");
    assertThat(stages).hasSize(1);
    JsonNode stage = stages.values().iterator().next().path("Properties");
    assertThat(ref(stage.path("ApiId"))).isEqualTo(webSocketApi());
    assertThat(ref(stage.path("DeploymentId"))).isEqualTo(deployment.getKey());
    assertThat(ref(stage.path("StageName"))).isEqualTo("StageName");
    assertThat(stage.path("AutoDeploy").asBoolean(false)).isFalse();
  }

  @Test
  void everyFunctionIsAJava21SnapStartFunctionOfTheSharedJarInvokedThroughItsAlias() {
    JsonNode globals = TEMPLATE.root().path("Globals").path("Function");
    Map<String, JsonNode> functions = TEMPLATE.resourcesOfType("AWS::Serverless::Function");

    assertThat(functions).containsOnlyKeys(HANDLERS.keySet());
    functions.forEach((id, function) -> {
      JsonNode properties = function.path("Properties");
      assertThat(properties.path("Handler").asText()).as(id).isEqualTo(HANDLERS.get(id));
      assertThat(effective(properties, globals, "Runtime").asText()).as(id).isEqualTo("java21");
      assertThat(effective(properties, globals, "CodeUri").asText()).as(id)
          .isEqualTo("functions/target/clawgate-functions.jar");
      assertThat(effective(properties, globals, "AutoPublishAlias").asText()).as(id).isEqualTo("live");
      assertThat(effective(properties, globals, "SnapStart").path("ApplyOn").asText()).as(id)
          .isEqualTo("PublishedVersions");
      assertThat(properties.path("Timeout").asInt()).as(id).isBetween(1, 29);
      assertThat(function.path("Metadata").path("SkipBuild").asBoolean()).as(id + " is built by Maven").isTrue();
    });
  }

  @Test
  void theChallengeFollowsEachNewConnectionThroughTheConnectionsTableStream() {
    assertThat(DynamoTables.CONNECTIONS.logicalId()).isEqualTo("ConnectionsTable");
    assertThat(DynamoTables.CONNECTIONS.stream()).isEqualTo(StreamViewType.NEW_IMAGE);

    JsonNode events = TEMPLATE.resource("ChallengeFunction").path("Properties").path("Events");
    assertThat(events.size()).isEqualTo(1);
    JsonNode event = events.elements().next();
    assertThat(event.path("Type").asText()).isEqualTo("DynamoDB");
    JsonNode properties = event.path("Properties");
    assertThat(properties.path("Stream").path("Fn::GetAtt").toString())
        .isEqualTo("[\"ConnectionsTable\",\"StreamArn\"]");
    assertThat(properties.path("StartingPosition").asText()).isEqualTo("LATEST");
    assertThat(properties.path("MaximumBatchingWindowInSeconds").asInt()).isZero();
    assertThat(properties.path("FilterCriteria").path("Filters").size()).isEqualTo(1);
    assertThat(properties.path("FilterCriteria").path("Filters").get(0).path("Pattern").asText().replace(" ", ""))
        .isEqualTo("{\"eventName\":[\"INSERT\"]}");
  }

  @Test
  void hooksArriveOnAnHttpApiAsPostHooksProxy() {
    Map<String, JsonNode> httpApis = TEMPLATE.resourcesOfType("AWS::Serverless::HttpApi");
    assertThat(httpApis).hasSize(1);
    String api = httpApis.keySet().iterator().next();

    JsonNode events = TEMPLATE.resource("HooksFunction").path("Properties").path("Events");
    assertThat(events.size()).isEqualTo(1);
    JsonNode event = events.elements().next();
    assertThat(event.path("Type").asText()).isEqualTo("HttpApi");
    JsonNode properties = event.path("Properties");
    assertThat(ref(properties.path("ApiId"))).isEqualTo(api);
    assertThat(properties.path("Path").asText()).isEqualTo("/hooks/{proxy+}");
    assertThat(properties.path("Method").asText()).isEqualTo("POST");
    assertThat(properties.path("PayloadFormatVersion").asText()).isEqualTo("2.0");
  }

  @Test
  void connectionsMayBeManagedOnThisApiAloneByTheFunctionsAndTheWorker() {
    List<JsonNode> manage = statements().stream()
        .filter(s -> actions(s).stream().anyMatch(a -> a.startsWith("execute-api:")))
        .toList();

    assertThat(manage).hasSize(1);
    JsonNode statement = manage.get(0);
    assertThat(actions(statement)).containsExactly("execute-api:ManageConnections");
    assertThat(resources(statement)).hasSize(1);
    assertThat(sub(resources(statement).get(0))).isEqualTo(CONNECTIONS_ARN);
    // It lives in the policy the functions' role carries and the worker's identity is given.
    assertThat(policyStatements(TEMPLATE.resource("StateAccessPolicy"))).contains(statement);
    assertThat(TEMPLATE.resource("FunctionsRole").path("Properties").path("ManagedPolicyArns").findValuesAsText("Ref"))
        .containsExactly("StateAccessPolicy");
  }

  @Test
  void dynamoDbActionsReachOnlyTheStacksTables() {
    Set<String> tables = DynamoTables.ALL.stream().map(DynamoTables.Table::logicalId).collect(Collectors.toSet());
    List<JsonNode> dynamo = statements().stream()
        .filter(s -> actions(s).stream().anyMatch(a -> a.startsWith("dynamodb:")))
        .toList();
    assertThat(dynamo).isNotEmpty();

    Set<String> readAndWritten = new HashSet<>();
    for (JsonNode statement : dynamo) {
      assertThat(actions(statement)).allMatch(a -> a.startsWith("dynamodb:") && !a.contains("*"));
      for (JsonNode resource : resources(statement)) {
        String table = tableOf(resource);
        assertThat(table).as("resource %s of %s", resource, actions(statement)).isIn(tables);
        if (resource.has("Fn::GetAtt") && "Arn".equals(resource.path("Fn::GetAtt").get(1).asText())) {
          readAndWritten.add(table);
        }
      }
    }
    assertThat(readAndWritten).as("every table is reachable").isEqualTo(tables);
  }

  @Test
  void everyStatementNamesItsActionsAndOnlyThisStacksResources() {
    Set<String> names = new HashSet<>();
    TEMPLATE.root().path("Resources").fieldNames().forEachRemaining(names::add);
    TEMPLATE.root().path("Parameters").fieldNames().forEachRemaining(names::add);
    Pattern reference = Pattern.compile("\\$\\{([A-Za-z0-9]+)[.}]");

    for (JsonNode statement : statements()) {
      assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
      assertThat(actions(statement)).as(statement.toString()).noneMatch(a -> a.contains("*"));
      for (JsonNode resource : resources(statement)) {
        // A Ref or GetAtt names a resource or parameter of this stack; a Sub must name one too, or it is an ARN
        // pattern over the whole account (the pseudo parameters like ${AWS::Region} do not count).
        String named = resource.has("Ref") ? ref(resource)
            : resource.has("Fn::GetAtt") ? resource.path("Fn::GetAtt").get(0).asText()
            : resource.has("Fn::Sub") ? reference.matcher(sub(resource)).results().map(m -> m.group(1))
                .filter(names::contains).findFirst().orElse(null)
            : null;
        assertThat(named).as("resource %s of %s", resource, actions(statement)).isIn(names);
      }
    }
  }

  @Test
  void temporalIsReachedThroughParametersWithCredentialsFromSecretsManager() {
    JsonNode parameters = TEMPLATE.root().path("Parameters");
    assertThat(parameters.path("TemporalAddress").path("Type").asText()).isEqualTo("String");
    assertThat(parameters.path("TemporalNamespace").path("Type").asText()).isEqualTo("String");
    JsonNode secret = parameters.path("TemporalCredentialsSecretArn");
    assertThat(secret.path("AllowedPattern").asText()).startsWith("^arn:aws").contains(":secretsmanager:");

    JsonNode env = TEMPLATE.root().path("Globals").path("Function").path("Environment").path("Variables");
    assertThat(ref(env.path("TEMPORAL_ADDRESS"))).isEqualTo("TemporalAddress");
    assertThat(ref(env.path("TEMPORAL_NAMESPACE"))).isEqualTo("TemporalNamespace");
    assertThat(ref(env.path("CLAWGATE_TEMPORAL_SECRET_ARN"))).isEqualTo("TemporalCredentialsSecretArn");

    List<JsonNode> reads = policyStatements(TEMPLATE.resource("FunctionsRole")).stream()
        .filter(s -> actions(s).contains("secretsmanager:GetSecretValue"))
        .toList();
    assertThat(reads).hasSize(1);
    assertThat(actions(reads.get(0))).containsExactly("secretsmanager:GetSecretValue");
    assertThat(resources(reads.get(0)).stream().map(TemplateWiringTest::ref))
        .containsExactlyInAnyOrder("TemporalCredentialsSecretArn", "GatewayTokenSecret", "HooksTokenSecret");
  }

  @Test
  void noParameterCarriesASecretInPlainText() {
    Pattern secretLike = Pattern.compile("(?i).*(password|secret|token|key|cert|credential|passphrase).*");
    TEMPLATE.root().path("Parameters").properties().forEach(parameter -> {
      String name = parameter.getKey();
      assertThat(parameter.getValue().path("NoEcho").asBoolean(false))
          .as("%s: a secret goes to Secrets Manager, not into a NoEcho parameter", name).isFalse();
      if (secretLike.matcher(name).matches()) {
        assertThat(name).as("a secret-like parameter is only ever a secret's ARN").endsWith("SecretArn");
        assertThat(parameter.getValue().path("AllowedPattern").asText()).contains(":secretsmanager:");
      }
    });
  }

  @Test
  void theFunctionsAndTheWorkerFindEveryTableByItsEnvironmentVariable() {
    JsonNode env = TEMPLATE.root().path("Globals").path("Function").path("Environment").path("Variables");
    String worker = sub(TEMPLATE.root().path("Outputs").path("WorkerEnvironment").path("Value"));

    for (DynamoTables.Table table : DynamoTables.ALL) {
      assertThat(ref(env.path(table.environmentVariable()))).as(table.environmentVariable())
          .isEqualTo(table.logicalId());
      assertThat(worker.split("\\s+")).as("worker environment")
          .contains(table.environmentVariable() + "=${" + table.logicalId() + "}");
    }
    assertThat(sub(env.path("CLAWGATE_MANAGEMENT_ENDPOINT")))
        .isEqualTo("https://${WebSocketApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/${StageName}");
  }

  @Test
  void theWebSocketApiNotesApiGateways128KbMessageCap() {
    assertThat(TEMPLATE.resource(webSocketApi()).path("Properties").path("Description").asText())
        .contains("128 KB");
  }

  // ---- reading the template ------------------------------------------------------------------------------------

  /** template.yaml at the repository root: the nearest one above the working directory (a module's folder). */
  private static Path templateFile() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("template.yaml");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("no template.yaml above " + Path.of("").toAbsolutePath());
  }

  private static String webSocketApi() {
    Map<String, JsonNode> apis = TEMPLATE.resourcesOfType("AWS::ApiGatewayV2::Api");
    List<String> webSocket = apis.entrySet().stream()
        .filter(api -> "WEBSOCKET".equals(api.getValue().path("Properties").path("ProtocolType").asText()))
        .map(Map.Entry::getKey)
        .toList();
    assertThat(webSocket).hasSize(1);
    return webSocket.get(0);
  }

  /** A function property as SAM applies it: the function's own, else the Globals'. */
  private static JsonNode effective(JsonNode properties, JsonNode globals, String name) {
    return properties.has(name) ? properties.path(name) : globals.path(name);
  }

  /** Every IAM policy statement in the template: roles' inline policies and managed policies. */
  private static List<JsonNode> statements() {
    List<JsonNode> all = new ArrayList<>();
    TEMPLATE.resourcesOfType("AWS::IAM::Role").values().forEach(role -> all.addAll(policyStatements(role)));
    TEMPLATE.resourcesOfType("AWS::IAM::ManagedPolicy").values().forEach(p -> all.addAll(policyStatements(p)));
    TEMPLATE.resourcesOfType("AWS::IAM::Policy").values().forEach(p -> all.addAll(policyStatements(p)));
    // SAM's own policy shortcuts would hide what is granted; the template must not use them.
    TEMPLATE.resourcesOfType("AWS::Serverless::Function").forEach((id, function) ->
        assertThat(function.path("Properties").has("Policies")).as(id + " uses FunctionsRole").isFalse());
    return all;
  }

  private static List<JsonNode> policyStatements(JsonNode resource) {
    List<JsonNode> statements = new ArrayList<>();
    JsonNode properties = resource.path("Properties");
    properties.path("PolicyDocument").path("Statement").forEach(statements::add);
    properties.path("Policies").forEach(p -> p.path("PolicyDocument").path("Statement").forEach(statements::add));
    return statements;
  }

  private static List<String> actions(JsonNode statement) {
    return texts(statement.path("Action"));
  }

  private static List<JsonNode> resources(JsonNode statement) {
    JsonNode resource = statement.path("Resource");
    List<JsonNode> list = new ArrayList<>();
    if (resource.isArray()) {
      resource.forEach(list::add);
    } else {
      list.add(resource);
    }
    return list;
  }

  /** The table a DynamoDB resource names: {@code !GetAtt T.Arn}, {@code !GetAtt T.StreamArn}, {@code ${T.Arn}/...}. */
  private static String tableOf(JsonNode resource) {
    if (resource.has("Fn::GetAtt")) {
      String attribute = resource.path("Fn::GetAtt").get(1).asText();
      return Set.of("Arn", "StreamArn").contains(attribute) ? resource.path("Fn::GetAtt").get(0).asText() : null;
    }
    if (resource.has("Fn::Sub")) {
      Matcher table = Pattern.compile("\\$\\{(\\w+)\\.Arn}/.+").matcher(sub(resource));
      return table.matches() ? table.group(1) : null;
    }
    return null;
  }

  private static String ref(JsonNode node) {
    return node.path("Ref").asText(null);
  }

  private static String sub(JsonNode node) {
    JsonNode sub = node.path("Fn::Sub");
    return sub.isArray() ? sub.get(0).asText() : sub.asText(null);
  }

  private static List<String> texts(JsonNode node) {
    List<String> texts = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(element -> texts.add(element.asText()));
    } else if (node.isTextual()) {
      texts.add(node.asText());
    }
    return texts;
  }
}
