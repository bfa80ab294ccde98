package dev.clawgate.stubmodel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Proves the stub speaks OpenAI well enough for LangChain4j's real OpenAI client, and that its directives work. */
class StubModelServerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();
  private static final ToolSpecification WRITE = ToolSpecification.builder()
      .name("write")
      .description("Write a file in the workspace")
      .parameters(JsonObjectSchema.builder()
          .addStringProperty("path")
          .addStringProperty("content")
          .required("path", "content")
          .build())
      .build();

  private static StubModelServer stub;
  private static OpenAiChatModel chatModel;
  private static OpenAiStreamingChatModel streamingModel;

  @BeforeAll
  static void startStub() {
    stub = StubModelServer.start(StubModelOptions.defaults());
    chatModel = OpenAiChatModel.builder()
        .baseUrl(stub.baseUrl())
        .apiKey("any-key")
        .modelName("stub")
        .maxRetries(0)
        .timeout(Duration.ofSeconds(10))
        .build();
    streamingModel = OpenAiStreamingChatModel.builder()
        .baseUrl(stub.baseUrl())
        .apiKey("any-key")
        .modelName("stub")
        .timeout(Duration.ofSeconds(10))
        .build();
  }

  @AfterAll
  static void stopStub() {
    stub.close();
  }

  @Test
  void bindsLoopbackAndReportsBaseUrl() {
    assertThat(stub.port()).isPositive();
    assertThat(stub.baseUrl()).isEqualTo("http://127.0.0.1:" + stub.port() + "/v1");
  }

  @Test
  void streamedEchoArrivesInSeveralPartsThatConcatenateToTheFinalText() throws Exception {
    Streamed streamed = stream(ChatRequest.builder()
        .messages(SystemMessage.from("You are a stub."), UserMessage.from("hello there stub model"))
        .build());

    assertThat(streamed.response.aiMessage().text()).isEqualTo("echo: hello there stub model");
    assertThat(streamed.partials).hasSizeGreaterThan(1);
    assertThat(streamed.partials).containsExactly("echo: ", "hello ", "there ", "stub ", "model");
    assertThat(String.join("", streamed.partials)).isEqualTo(streamed.response.aiMessage().text());
    assertThat(streamed.response.finishReason()).hasToString("STOP");
    assertThat(streamed.response.tokenUsage()).isNotNull();
    assertThat(streamed.response.tokenUsage().inputTokenCount()).isPositive();
    assertThat(streamed.response.tokenUsage().outputTokenCount()).isEqualTo(5);
    assertThat(streamed.response.tokenUsage().totalTokenCount())
        .isEqualTo(streamed.response.tokenUsage().inputTokenCount() + 5);
  }

  @Test
  void nonStreamingEchoReportsUsage() {
    ChatResponse response = chatModel.chat(ChatRequest.builder()
        .messages(UserMessage.from("just one line"))
        .build());

    assertThat(response.aiMessage().text()).isEqualTo("echo: just one line");
    assertThat(response.tokenUsage().inputTokenCount()).isEqualTo("just one line".length() / 4);
    assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(4);
  }

  @Test
  void toolDirectiveYieldsAToolCallWhenStreaming() throws Exception {
    String args = "{\"path\":\"notes/a.txt\",\"content\":\"hi there, a longer body to split\"}";
    Streamed streamed = stream(ChatRequest.builder()
        .messages(UserMessage.from("please save it\n#tool write " + args + "\nthanks"))
        .toolSpecifications(WRITE)
        .build());

    AiMessage ai = streamed.response.aiMessage();
    assertThat(ai.hasToolExecutionRequests()).isTrue();
    assertThat(ai.toolExecutionRequests()).hasSize(1);
    ToolExecutionRequest call = ai.toolExecutionRequests().get(0);
    assertThat(call.name()).isEqualTo("write");
    assertThat(call.arguments()).isEqualTo(args);
    assertThat(call.id()).startsWith("call_");
    assertThat(streamed.response.finishReason()).hasToString("TOOL_EXECUTION");
    assertThat(streamed.response.tokenUsage()).isNotNull();
  }

  @Test
  void toolDirectiveYieldsAToolCallWithoutStreaming() {
    String args = "{\"path\":\"notes/a.txt\",\"content\":\"hi\"}";
    ChatResponse first = chatModel.chat(ChatRequest.builder()
        .messages(UserMessage.from("#tool write " + args))
        .toolSpecifications(WRITE)
        .build());
    ChatResponse second = chatModel.chat(ChatRequest.builder()
        .messages(UserMessage.from("#tool write " + args))
        .toolSpecifications(WRITE)
        .build());

    ToolExecutionRequest call = first.aiMessage().toolExecutionRequests().get(0);
    assertThat(call.name()).isEqualTo("write");
    assertThat(call.arguments()).isEqualTo(args);
    assertThat(first.finishReason()).hasToString("TOOL_EXECUTION");
    assertThat(second.aiMessage().toolExecutionRequests().get(0).id())
        .as("tool call ids are unique per server")
        .isNotEqualTo(call.id());
  }

  @Test
  void toolDirectiveForAToolNotOfferedIsEchoed() {
    ChatResponse response = chatModel.chat(ChatRequest.builder()
        .messages(UserMessage.from("#tool delete {\"path\":\"x\"}"))
        .toolSpecifications(WRITE)
        .build());

    assertThat(response.aiMessage().hasToolExecutionRequests()).isFalse();
    assertThat(response.aiMessage().text()).isEqualTo("echo: #tool delete {\"path\":\"x\"}");
  }

  @Test
  void aConversationEndingInAToolResultGetsTheResultBack() throws Exception {
    ToolExecutionRequest call = ToolExecutionRequest.builder()
        .id("call_x").name("write").arguments("{\"path\":\"a\",\"content\":\"b\"}").build();
    List<ChatMessage> messages = List.of(
        UserMessage.from("#tool write {\"path\":\"a\",\"content\":\"b\"}"),
        AiMessage.from(call),
        ToolExecutionResultMessage.from(call, "wrote 1 byte to a"));

    ChatResponse plain = chatModel.chat(ChatRequest.builder().messages(messages).toolSpecifications(WRITE).build());
    Streamed streamed = stream(ChatRequest.builder().messages(messages).toolSpecifications(WRITE).build());

    assertThat(plain.aiMessage().text()).isEqualTo("tool result: wrote 1 byte to a");
    assertThat(plain.aiMessage().hasToolExecutionRequests()).isFalse();
    assertThat(streamed.response.aiMessage().text()).isEqualTo("tool result: wrote 1 byte to a");
  }

  @Test
  void failDirectiveAnswers500ThenSucceeds() throws Exception {
    String body = chatBody("\"retry me please #fail 1\"", false);
    long before = stub.requestCount();

    HttpResponse<String> first = post("/chat/completions", body);
    HttpResponse<String> second = post("/chat/completions", body);
    HttpResponse<String> third = post("/chat/completions", body);

    assertThat(first.statusCode()).isEqualTo(500);
    JsonNode error = JSON.readTree(first.body()).get("error");
    assertThat(error.get("type").asText()).isEqualTo("server_error");
    assertThat(error.get("message").asText()).contains("#fail");
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(second.body()).at("/choices/0/message/content").asText())
        .isEqualTo("echo: retry me please #fail 1");
    assertThat(third.statusCode()).isEqualTo(200);
    assertThat(stub.requestCount() - before).isEqualTo(3);
  }

  @Test
  void failDirectiveIsCountedPerMessageText() throws Exception {
    HttpResponse<String> a1 = post("/chat/completions", chatBody("\"first #fail 2\"", false));
    HttpResponse<String> b1 = post("/chat/completions", chatBody("\"second #fail 2\"", false));
    HttpResponse<String> a2 = post("/chat/completions", chatBody("\"first #fail 2\"", false));
    HttpResponse<String> a3 = post("/chat/completions", chatBody("\"first #fail 2\"", true));

    assertThat(a1.statusCode()).isEqualTo(500);
    assertThat(b1.statusCode()).isEqualTo(500);
    assertThat(a2.statusCode()).isEqualTo(500);
    assertThat(a3.statusCode()).isEqualTo(200);
    assertThat(a3.body()).endsWith("data: [DONE]\n\n");
  }

  @Test
  void modelsListsTheStub() throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(stub.baseUrl() + "/models")).GET().build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode list = JSON.readTree(response.body());
    assertThat(list.get("object").asText()).isEqualTo("list");
    assertThat(list.at("/data/0/id").asText()).isEqualTo("stub");
    assertThat(list.at("/data/0/object").asText()).isEqualTo("model");
    assertThat(list.at("/data/0/owned_by").asText()).isEqualTo("clawgate");
  }

  @Test
  void badRequestsGet400AndUnknownPaths404() throws Exception {
    HttpResponse<String> badJson = post("/chat/completions", "{not json");
    HttpResponse<String> noMessages = post("/chat/completions", "{\"model\":\"stub\"}");
    HttpResponse<String> unknown = post("/nowhere", "{}");

    assertThat(badJson.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(badJson.body()).at("/error/type").asText()).isEqualTo("invalid_request_error");
    assertThat(JSON.readTree(badJson.body()).at("/error/message").asText()).isNotBlank();
    assertThat(noMessages.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(noMessages.body()).at("/error/message").asText()).contains("messages");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(unknown.body()).at("/error/message").asText()).contains("/nowhere");
  }

  @Test
  void langChainSurfacesA400AsAnError() {
    OpenAiChatModel unknownPath = OpenAiChatModel.builder()
        .baseUrl(stub.baseUrl() + "/nowhere")
        .apiKey("k")
        .modelName("stub")
        .maxRetries(0)
        .build();
    assertThatThrownBy(() -> unknownPath.chat("hi")).isInstanceOf(RuntimeException.class);
  }

  @Test
  void rawSseEndsWithDoneAndSendsUsageLastWhenAsked() throws Exception {
    String body = """
        {"model":"stub","stream":true,"stream_options":{"include_usage":true},
                 "messages":[{"role":"user","content":[{"type":"text","text":"parts "},{"type":"text","text":"work"}]}]}
        """;
    HttpResponse<String> response = post("/chat/completions", body);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("text/event-stream"));
    List<String> events = dataLines(response.body());
    assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
    assertThat(response.body()).endsWith("data: [DONE]\n\n");

    JsonNode usageChunk = JSON.readTree(events.get(events.size() - 2));
    assertThat(usageChunk.get("choices")).isEmpty();
    assertThat(usageChunk.at("/usage/completion_tokens").asInt()).isEqualTo(3);
    JsonNode finish = JSON.readTree(events.get(events.size() - 3));
    assertThat(finish.at("/choices/0/finish_reason").asText()).isEqualTo("stop");

    StringBuilder text = new StringBuilder();
    for (String event : events.subList(0, events.size() - 3)) {
      JsonNode chunk = JSON.readTree(event);
      assertThat(chunk.get("object").asText()).isEqualTo("chat.completion.chunk");
      text.append(chunk.at("/choices/0/delta/content").asText());
    }
    assertThat(text).hasToString("echo: parts work");
  }

  @Test
  void rawSseWithoutIncludeUsageStillReportsUsageOnTheFinishChunk() throws Exception {
    HttpResponse<String> response = post("/chat/completions", chatBody("\"no usage asked\"", true));

    List<String> events = dataLines(response.body());
    assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
    JsonNode finish = JSON.readTree(events.get(events.size() - 2));
    assertThat(finish.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    assertThat(finish.at("/usage/total_tokens").asInt()).isPositive();
  }

  @Test
  void slowDirectiveDelaysTheFirstTokenAndConcurrentStreamsOverlap() throws Exception {
    int streams = 20;
    List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < streams; i++) {
      futures.add(HTTP.sendAsync(postRequest("/chat/completions", chatBody("\"busy " + i + " #slow 400\"", true)),
          HttpResponse.BodyHandlers.ofString()));
    }
    for (CompletableFuture<HttpResponse<String>> future : futures) {
      HttpResponse<String> response = future.get(10, TimeUnit.SECONDS);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).endsWith("data: [DONE]\n\n");
    }
    long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(elapsedMs).isGreaterThanOrEqualTo(400).isLessThan(400L * streams / 2);
  }

  @Test
  void pacingOptionsSlowTheWholeReply() throws Exception {
    try (StubModelServer paced = StubModelServer.start(
        StubModelOptions.defaults().withFirstTokenDelayMs(100).withTokensPerSecond(50))) {
      HttpRequest request = HttpRequest.newBuilder(URI.create(paced.baseUrl() + "/chat/completions"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(chatBody("\"one two three four\"", false)))
          .build();
      long start = System.nanoTime();
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

      assertThat(response.statusCode()).isEqualTo(200);
      // 100 ms to the first of 5 tokens, then 4 gaps of 20 ms.
      assertThat(elapsedMs).isGreaterThanOrEqualTo(180);
      assertThat(paced.requestCount()).isEqualTo(1);
    }
  }

  @Test
  void countsToolCallsHandedOutAndStreamsThatAreOpenOrCutShort() throws Exception {
    try (StubModelServer counted = StubModelServer.start(StubModelOptions.defaults().withTokensPerSecond(100))) {
      String toolBody = "{\"model\":\"stub\",\"messages\":[{\"role\":\"user\",\"content\":"
          + "\"#tool write {}\"}],\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"write\"}}]}";
      HttpResponse<String> tool = HTTP.send(
          HttpRequest.newBuilder(URI.create(counted.baseUrl() + "/chat/completions"))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(toolBody)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(tool.body()).contains("\"tool_calls\"");
      assertThat(counted.toolCallsIssued()).isEqualTo(1);

      byte[] body = chatBody("\"a long reply #slow 300 " + "word ".repeat(50) + "\"", true)
          .getBytes(StandardCharsets.UTF_8);
      try (Socket socket = new Socket("127.0.0.1", counted.port())) {
        socket.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().write(body);
        socket.getOutputStream().flush();
        awaitTrue(() -> counted.openStreams() == 1);
      }
      awaitTrue(() -> counted.streamsCut() == 1 && counted.openStreams() == 0);

      assertThat(counted.streamsCut()).isEqualTo(1);
      assertThat(counted.openStreams()).isZero();
    }
  }

  private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }

  // ------------------------------------------------------------------------------------------- helpers

  private record Streamed(List<String> partials, ChatResponse response) {
  }

  private static Streamed stream(ChatRequest request) throws Exception {
    List<String> partials = Collections.synchronizedList(new ArrayList<>());
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    streamingModel.chat(request, new StreamingChatResponseHandler() {
      @Override
      public void onPartialResponse(String partial) {
        partials.add(partial);
      }

      @Override
      public void onCompleteResponse(ChatResponse response) {
        done.complete(response);
      }

      @Override
      public void onError(Throwable error) {
        done.completeExceptionally(error);
      }
    });
    ChatResponse response = done.get(10, TimeUnit.SECONDS);
    return new Streamed(List.copyOf(partials), response);
  }

  private static String chatBody(String userContentJson, boolean stream) {
    return "{\"model\":\"stub\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":"
        + userContentJson + "}]}";
  }

  private static HttpRequest postRequest(String path, String body) {
    return HttpRequest.newBuilder(URI.create(stub.baseUrl() + path))
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer any-key")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private static HttpResponse<String> post(String path, String body) throws Exception {
    return HTTP.send(postRequest(path, body), HttpResponse.BodyHandlers.ofString());
  }

  private static List<String> dataLines(String sse) {
    List<String> data = new ArrayList<>();
    for (String line : sse.split("\n")) {
      if (line.startsWith("data: ")) {
        data.add(line.substring("data: ".length()));
      }
    }
    return data;
  }
}
