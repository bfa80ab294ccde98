package dev.clawgate.infra.dynamo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clawgate.transcript.ToolCall;
import dev.clawgate.transcript.TranscriptEntry;
import dev.clawgate.transcript.TranscriptStore;
import dev.clawgate.transcript.TranscriptStoreContract;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;

class DynamoTranscriptStoreTest extends TranscriptStoreContract {

  private String table;

  @Override
  protected TranscriptStore newStore() {
    table = LocalDynamo.newTable(DynamoTables.TRANSCRIPTS);
    return new DynamoTranscriptStore(LocalDynamo.client(), table);
  }

  /** Another Lambda instance: its own client and store over the same table. */
  private TranscriptStore otherInstance() {
    return new DynamoTranscriptStore(LocalDynamo.client(), table);
  }

  @Test
  void twoInstancesAppendingToOneSessionAtOnceLoseNothingAndDuplicateNothing() throws Exception {
    List<TranscriptStore> instances = List.of(store, otherInstance());
    int perThread = 25;
    // Four threads over two instances; threads 0 and 2 (and 1 and 3) append the same entries, as an activity
    // and its retry on another instance would.
    List<String> written = runConcurrently(4, thread -> {
      TranscriptStore instance = instances.get(thread % 2);
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < perThread; i++) {
        TranscriptEntry entry = user("run-" + (thread % 2) + "-" + i, "message " + i);
        if (instance.append(KEY, entry)) {
          ids.add(entry.id());
        }
      }
      return ids;
    });

    List<TranscriptEntry> all = otherInstance().readAll(KEY);
    assertThat(written).hasSize(2 * perThread).doesNotHaveDuplicates();
    assertThat(all).extracting(TranscriptEntry::id).containsExactlyInAnyOrderElementsOf(written);
    assertSingleChain(all);
  }

  @Test
  void aRetriedAppendOfTheSameEntryIdIsANoOp() {
    store.append(KEY, user("run-1", "hello"));
    store.append(KEY, assistant("run-1", 0, "hi"));
    List<Map<String, AttributeValue>> before = rawItems(KEY);

    // The activity is retried on another Lambda instance after the first attempt had stored its entry.
    assertThat(otherInstance().append(KEY, assistant("run-1", 0, "hi, again"))).isFalse();

    assertThat(rawItems(KEY)).isEqualTo(before);
    assertThat(store.readAll(KEY)).extracting(TranscriptEntry::text).containsExactly("hello", "hi");
  }

  @Test
  void anAppendThatLosesTheRaceToAnotherInstanceChainsAfterIt() {
    TranscriptStore other = otherInstance();
    store.append(KEY, user("run-1", "hello"));
    AtomicBoolean interfered = new AtomicBoolean();
    // This instance reads the head, then the other instance appends before this one writes.
    DynamoDbClient racing = new RacingClient(LocalDynamo.client(), () -> {
      if (interfered.compareAndSet(false, true)) {
        other.append(KEY, user("run-2", "from the other instance"));
      }
    });
    TranscriptStore racer = new DynamoTranscriptStore(racing, table);

    assertThat(racer.append(KEY, user("run-3", "from this instance"))).isTrue();
    assertThat(interfered).isTrue();

    List<TranscriptEntry> all = store.readAll(KEY);
    assertThat(all).extracting(TranscriptEntry::id).containsExactly("run-1:user", "run-2:user", "run-3:user");
    assertSingleChain(all);
  }

  @Test
  void entriesAreItemsWithOrderedSortKeysBesideTheirIdMarkersAndTheHead() {
    store.append(KEY, user("run-1", "hello"));
    store.append(KEY, assistant("run-1", 0, "hi"));

    List<Map<String, AttributeValue>> items = rawItems(KEY);

    assertThat(items).extracting(item -> item.get("sk").s())
        .containsExactly("e#000000000001", "e#000000000002", "head", "id#run-1:a0", "id#run-1:user");
    assertThat(items.get(1)).containsEntry("id", AttributeValue.fromS("run-1:a0"))
        .containsEntry("parentId", AttributeValue.fromS("run-1:user"))
        .containsEntry("text", AttributeValue.fromS("hi"))
        .containsEntry("inputTokens", AttributeValue.fromN("10"))
        .doesNotContainKeys("toolCalls", "isError", "parts");
    assertThat(items.get(2)).containsEntry("seq", AttributeValue.fromN("2"))
        .containsEntry("lastId", AttributeValue.fromS("run-1:a0"))
        .containsEntry("resetSeq", AttributeValue.fromN("0"));
    assertThat(items.get(4)).containsEntry("seq", AttributeValue.fromN("1"));
  }

  @Test
  void theHeadRemembersTheLastResetSoReadCurrentStartsAfterIt() {
    store.append(KEY, user("run-1", "old"));
    store.append(KEY, TranscriptEntry.reset("reset-1", 10));
    store.append(KEY, user("run-2", "new"));

    Map<String, AttributeValue> head = rawItems(KEY).stream()
        .filter(item -> item.get("sk").s().equals("head")).findFirst().orElseThrow();

    assertThat(head).containsEntry("resetSeq", AttributeValue.fromN("2"));
    assertThat(otherInstance().readCurrent(KEY)).extracting(TranscriptEntry::id).containsExactly("run-2:user");
  }

  @Test
  void toolCallsAreStoredAsAListOfMaps() {
    ToolCall call = new ToolCall("call_1", "read_file", "{\"path\":\"notes.md\"}");
    store.append(KEY, TranscriptEntry.assistant("run-1", 0, "", List.of(call), "toolUse", 1, 1, 1));

    AttributeValue toolCalls = rawItems(KEY).get(0).get("toolCalls");

    assertThat(toolCalls.l()).singleElement().satisfies(element -> assertThat(element.m())
        .containsEntry("id", AttributeValue.fromS("call_1"))
        .containsEntry("name", AttributeValue.fromS("read_file"))
        .containsEntry("arguments", AttributeValue.fromS("{\"path\":\"notes.md\"}")));
  }

  @Test
  void anEntryLargerThanOneItemIsStoredInPartsAndReadBackWhole() {
    // 128K characters of three UTF-8 bytes each: a file a tool read, over three times DynamoDB's item limit.
    String big = "✓".repeat(128 * 1024) + "😀 end";
    ToolCall call = new ToolCall("call_1", "read_file", "{\"path\":\"big.md\"}");
    store.append(KEY, user("run-1", "read it"));
    TranscriptEntry result = TranscriptEntry.toolResult("run-1", 0, call, big, false, 5);

    assertThat(store.append(KEY, result)).isTrue();
    store.append(KEY, assistant("run-1", 1, "done"));

    TranscriptEntry stored = result.withParentId("run-1:user");
    assertThat(otherInstance().readAll(KEY)).extracting(TranscriptEntry::id)
        .containsExactly("run-1:user", result.id(), "run-1:a1");
    assertThat(otherInstance().readAll(KEY).get(1)).isEqualTo(stored);
    assertThat(store.find(KEY, result.id())).contains(stored);
    assertThat(store.find(KEY, "run-1:a1").orElseThrow().parentId()).isEqualTo(result.id());
    assertThat(store.append(KEY, result)).isFalse();
    assertThat(rawItems(KEY)).extracting(item -> item.get("sk").s()).filteredOn(sk -> sk.startsWith("p#"))
        .containsExactly("p#000000000002#0001", "p#000000000002#0002");
  }

  @Test
  void slicesNeverSplitACharacterAndStayUnderThePartSize() {
    TranscriptEntry entry = user("run-1", "a".repeat(DynamoTranscriptStore.PART_BYTES - 30) + "😀".repeat(40_000));

    List<String> slices = DynamoTranscriptStore.slices(entry);

    assertThat(slices).hasSizeGreaterThan(1)
        .allSatisfy(slice -> assertThat(ItemSize.utf8(slice)).isLessThanOrEqualTo(DynamoTranscriptStore.PART_BYTES))
        .allSatisfy(slice -> assertThat(Character.isLowSurrogate(slice.charAt(0))).isFalse());
    assertThat(String.join("", slices)).contains(entry.text());
  }

  @Test
  void anEntryTooLargeEvenForPartsIsRefusedAndNothingIsWritten() {
    TranscriptEntry huge = user("run-1", "x".repeat(DynamoTranscriptStore.MAX_ENTRY_JSON_BYTES));

    assertThatThrownBy(() -> store.append(KEY, huge))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("run-1:user")
        .hasMessageContaining("at most " + DynamoTranscriptStore.MAX_ENTRY_JSON_BYTES);

    assertThat(rawItems(KEY)).isEmpty();
  }

  /** Every item of a session, in sort-key order, as DynamoDB holds them. */
  private List<Map<String, AttributeValue>> rawItems(String sessionKey) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    Map<String, AttributeValue> values = Map.of(":k", AttributeValue.fromS(sessionKey));
    for (QueryResponse page : LocalDynamo.client().queryPaginator(b -> b.tableName(table).consistentRead(true)
        .keyConditionExpression("sessionKey = :k").expressionAttributeValues(values))) {
      items.addAll(page.items());
    }
    Set<String> sortKeys = new HashSet<>();
    items.forEach(item -> assertThat(sortKeys.add(item.get("sk").s())).isTrue());
    return items;
  }

  /**
   * A client that runs {@code beforeWrite} just before each transaction: what another instance's append
   * landing between this instance's read of the head and its write looks like.
   */
  private static final class RacingClient implements DynamoDbClient {
    private final DynamoDbClient delegate;
    private final Runnable beforeWrite;

    RacingClient(DynamoDbClient delegate, Runnable beforeWrite) {
      this.delegate = delegate;
      this.beforeWrite = beforeWrite;
    }

    @Override
    public GetItemResponse getItem(GetItemRequest request) {
      return delegate.getItem(request);
    }

    @Override
    public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
      beforeWrite.run();
      return delegate.transactWriteItems(request);
    }

    @Override
    public String serviceName() {
      return delegate.serviceName();
    }

    @Override
    public void close() {}
  }
}
