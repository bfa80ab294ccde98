package dev.clawgate.infra.dynamo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clawgate.infra.dynamo.TranscriptItems.Entry;
import dev.clawgate.infra.dynamo.TranscriptItems.Head;
import dev.clawgate.infra.dynamo.TranscriptItems.Marker;
import dev.clawgate.infra.dynamo.TranscriptItems.Part;
import dev.clawgate.transcript.TranscriptEntry;
import dev.clawgate.transcript.TranscriptStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Transcripts in DynamoDB ({@link DynamoTables#TRANSCRIPTS}): one item per entry, in a partition per session key.
 * The item kinds and their sort keys are in {@link TranscriptItems}.
 *
 * <p>An append is one {@code TransactWriteItems} of three puts, all or nothing:
 * <ol>
 *   <li>the session's <b>head</b> item, moved from entry {@code n} to {@code n + 1}, on condition that it still
 *       says {@code n} (or is absent, for the first entry). This is the optimistic lock: of two Lambda
 *       instances appending to one session at once, one wins and the other reads the new head and tries again
 *       as entry {@code n + 2}, so nothing is lost and {@code parentId} (the head's last id) always names the
 *       entry just before.</li>
 *   <li>a <b>marker</b> item keyed by the entry id, on condition that it does not exist yet. This is what
 *       makes appends idempotent: a retried activity's append fails this condition and is answered
 *       {@code false}, with nothing written. A marker, rather than a global secondary index on the entry id,
 *       because an index is updated after the write (eventually consistent) and cannot refuse a duplicate;
 *       rather than a conditional put keyed by the entry id alone, because entries must also sort by
 *       position, which only a number assigned under the head's lock gives.</li>
 *   <li>the <b>entry</b> item, sort key {@code e#} and the zero-padded number, so a query on the prefix
 *       reads the transcript in order.</li>
 * </ol>
 *
 * <p>An entry too large for one item (DynamoDB's limit is 400 KB; a tool result can be a 128K-character file)
 * is stored as JSON in part items written in the same transaction, up to {@value #MAX_ENTRY_JSON_BYTES} bytes;
 * a larger one is refused with an {@link IllegalArgumentException} that says so, before anything is written.
 *
 * <p>All reads are strongly consistent: the next activity of a run may run on another Lambda instance and
 * must see the entries the previous one wrote.
 */
public final class DynamoTranscriptStore implements TranscriptStore {

  /** What one transaction can carry with room to spare: DynamoDB allows 4 MB and 100 items per transaction. */
  static final int MAX_ENTRY_JSON_BYTES = 3_500_000;

  /** Bytes of JSON per part item, well inside the item limit. */
  static final int PART_BYTES = 350_000;

  /** Where the marker's put is in the transaction, and so its reason in a cancellation. */
  private static final int MARKER_POSITION = 1;
  private static final String CONDITION_FAILED = "ConditionalCheckFailed";
  private static final String CONFLICT = "TransactionConflict";

  private static final ObjectMapper JSON = new ObjectMapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private static final Expression ABSENT = Expression.builder()
      .expression("attribute_not_exists(#pk)")
      .putExpressionName("#pk", TranscriptItems.PARTITION_KEY)
      .build();

  private final DynamoDbEnhancedClient client;
  private final DynamoDbTable<Head> heads;
  private final DynamoDbTable<Marker> markers;
  private final DynamoDbTable<Entry> entries;
  private final DynamoDbTable<Part> parts;

  /** Over the table named {@code tableName}, built from {@link DynamoTables#TRANSCRIPTS}. */
  public DynamoTranscriptStore(DynamoDbClient dynamoDb, String tableName) {
    this.client = DynamoClients.enhanced(dynamoDb);
    this.heads = client.table(tableName, Head.SCHEMA);
    this.markers = client.table(tableName, Marker.SCHEMA);
    this.entries = client.table(tableName, Entry.SCHEMA);
    this.parts = client.table(tableName, Part.SCHEMA);
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException when the entry is larger than {@value #MAX_ENTRY_JSON_BYTES} bytes as JSON
   * @throws IllegalStateException when other writers kept winning for {@value Backoff#MAX_ATTEMPTS} attempts
   */
  @Override
  public boolean append(String sessionKey, TranscriptEntry entry) {
    Objects.requireNonNull(sessionKey, "session key");
    Objects.requireNonNull(entry.id(), "entry id");
    for (int attempt = 0; attempt < Backoff.MAX_ATTEMPTS; attempt++) {
      if (attempt > 0) {
        Backoff.pause(attempt);
      }
      Head head = head(sessionKey);
      long last = head == null ? 0 : head.seq();
      long seq = last + 1;
      long resetSeq = TranscriptEntry.RESET.equals(entry.type()) ? seq : head == null ? 0 : head.resetSeq();
      TranscriptEntry stored = entry.withParentId(head == null ? null : head.lastId());

      TransactWriteItemsEnhancedRequest.Builder write = TransactWriteItemsEnhancedRequest.builder()
          .addPutItem(heads, TransactPutItemEnhancedRequest.builder(Head.class)
              .item(new Head(sessionKey, seq, stored.id(), resetSeq))
              .conditionExpression(head == null ? ABSENT : seqIs(last))
              .build())
          .addPutItem(markers, TransactPutItemEnhancedRequest.builder(Marker.class)
              .item(new Marker(sessionKey, stored.id(), seq))
              .conditionExpression(ABSENT)
              .build());
      addEntry(write, sessionKey, seq, stored);
      try {
        client.transactWriteItems(write.build());
        return true;
      } catch (TransactionCanceledException e) {
        List<String> reasons = e.hasCancellationReasons()
            ? e.cancellationReasons().stream().map(CancellationReason::code).toList()
            : List.of();
        if (reasons.size() > MARKER_POSITION && CONDITION_FAILED.equals(reasons.get(MARKER_POSITION))) {
          return false; // the entry id is taken: this is a retry of an append that was stored
        }
        if (!reasons.contains(CONDITION_FAILED) && !reasons.contains(CONFLICT)) {
          throw e; // not a race (too large, invalid, throttled): the caller's own retry policy decides
        }
        // The head moved (another writer appended) or the transaction collided with another: read and retry.
      }
    }
    throw new IllegalStateException("gave up appending " + entry.id() + " to session " + sessionKey + " after "
        + Backoff.MAX_ATTEMPTS + " attempts: other writers kept appending first");
  }

  @Override
  public Optional<TranscriptEntry> find(String sessionKey, String entryId) {
    Marker marker = markers.getItem(r -> r.key(key(sessionKey, TranscriptItems.MARKER_PREFIX + entryId))
        .consistentRead(true));
    if (marker == null) {
      return Optional.empty();
    }
    Entry item = entries.getItem(r -> r.key(key(sessionKey, TranscriptItems.entrySortKey(marker.seq())))
        .consistentRead(true));
    return Optional.ofNullable(item).map(this::entryOf);
  }

  @Override
  public List<TranscriptEntry> readAll(String sessionKey) {
    return read(QueryConditional.sortBeginsWith(key(sessionKey, TranscriptItems.ENTRY_PREFIX)));
  }

  /**
   * Reads only the entries after the last reset, which the head records, rather than the whole transcript: this
   * runs before every model step, and a long-lived session's history would otherwise be read (and paid for)
   * again each time.
   */
  @Override
  public List<TranscriptEntry> readCurrent(String sessionKey) {
    Head head = head(sessionKey);
    if (head == null) {
      return List.of();
    }
    if (head.resetSeq() == 0) {
      return readAll(sessionKey);
    }
    return read(QueryConditional.sortBetween(key(sessionKey, TranscriptItems.entrySortKey(head.resetSeq() + 1)),
        key(sessionKey, TranscriptItems.LAST_ENTRY)));
  }

  private List<TranscriptEntry> read(QueryConditional condition) {
    List<TranscriptEntry> all = new ArrayList<>();
    // Pages are fetched as the iteration needs them; a transcript larger than 1 MB is several pages.
    for (Entry item : entries.query(r -> r.queryConditional(condition).consistentRead(true)).items()) {
      all.add(entryOf(item));
    }
    return all;
  }

  private Head head(String sessionKey) {
    return heads.getItem(r -> r.key(key(sessionKey, TranscriptItems.HEAD)).consistentRead(true));
  }

  private void addEntry(TransactWriteItemsEnhancedRequest.Builder write, String sessionKey, long seq,
      TranscriptEntry stored) {
    Entry whole = new Entry(sessionKey, seq, stored, 0);
    Map<String, AttributeValue> attributes = Entry.SCHEMA.itemToMap(whole, true);
    if (ItemSize.of(attributes) <= ItemSize.MAX_ITEM_BYTES) {
      write.addPutItem(entries, whole);
      return;
    }
    List<String> slices = slices(stored);
    write.addPutItem(entries, new Entry(sessionKey, seq, idOnly(stored.id()), slices.size()));
    for (int i = 0; i < slices.size(); i++) {
      write.addPutItem(parts, new Part(sessionKey, seq, i + 1, slices.get(i)));
    }
  }

  /** The entry as JSON cut into slices of at most {@value #PART_BYTES} UTF-8 bytes, never inside a character. */
  static List<String> slices(TranscriptEntry entry) {
    String json;
    try {
      json = JSON.writeValueAsString(entry);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot serialize transcript entry " + entry.id(), e);
    }
    long bytes = ItemSize.utf8(json);
    if (bytes > MAX_ENTRY_JSON_BYTES) {
      throw new IllegalArgumentException("transcript entry " + entry.id() + " is " + bytes
          + " bytes as JSON; the DynamoDB transcript store holds at most " + MAX_ENTRY_JSON_BYTES + " per entry");
    }
    List<String> slices = new ArrayList<>();
    int start = 0;
    int size = 0;
    for (int i = 0; i < json.length(); ) {
      int codePoint = json.codePointAt(i);
      int width = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
      if (size + width > PART_BYTES) {
        slices.add(json.substring(start, i));
        start = i;
        size = 0;
      }
      size += width;
      i += Character.charCount(codePoint);
    }
    slices.add(json.substring(start));
    return slices;
  }

  private TranscriptEntry entryOf(Entry item) {
    if (item.parts() == 0) {
      return item.entry();
    }
    QueryConditional ofThisEntry = QueryConditional.sortBeginsWith(
        key(item.sessionKey(), TranscriptItems.partsPrefix(item.seq())));
    StringBuilder json = new StringBuilder();
    int count = 0;
    for (Part part : parts.query(r -> r.queryConditional(ofThisEntry).consistentRead(true)).items()) {
      json.append(part.json());
      count++;
    }
    if (count != item.parts()) {
      throw new IllegalStateException("transcript entry " + item.entry().id() + " of session " + item.sessionKey()
          + " has " + count + " of its " + item.parts() + " parts");
    }
    try {
      return JSON.readValue(json.toString(), TranscriptEntry.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("transcript entry " + item.entry().id() + " of session " + item.sessionKey()
          + " is not valid JSON", e);
    }
  }

  private static TranscriptEntry idOnly(String id) {
    return new TranscriptEntry(id, null, null, null, null, null, null, null, null, null, null, null, null, 0);
  }

  private static Expression seqIs(long seq) {
    return Expression.builder()
        .expression("#seq = :seq")
        .putExpressionName("#seq", "seq")
        .putExpressionValue(":seq", AttributeValue.fromN(Long.toString(seq)))
        .build();
  }

  private static Key key(String sessionKey, String sortKey) {
    return Key.builder().partitionValue(sessionKey).sortValue(sortKey).build();
  }
}
