package dev.clawgate.infra.dynamo;

import dev.clawgate.transcript.ToolCall;
import dev.clawgate.transcript.TranscriptEntry;
import java.util.List;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * The kinds of item in the transcripts table ({@link DynamoTables#TRANSCRIPTS}) and their schemas. All share
 * the partition key (the session key); the sort key says which kind an item is:
 *
 * <pre>
 *   head                  Head: the last sequence number and entry id (the append lock)
 *   e#000000000001        Entry: one transcript entry, the number zero-padded so entries sort in order
 *   id#run-1:user         Marker: that entry id is taken, by entry number n
 *   p#000000000001#0001   Part: a slice of an entry too large for one item, as JSON
 * </pre>
 *
 * <p>Schemas are written out ({@link StaticImmutableTableSchema}) rather than introspected: the domain's
 * records stay free of DynamoDB annotations, nothing is reflected over at cold start, and the attribute names,
 * which are the table's format, are all here.
 */
final class TranscriptItems {

  static final String PARTITION_KEY = DynamoTables.TRANSCRIPTS.partitionKey().name();
  static final String SORT_KEY = DynamoTables.TRANSCRIPTS.sortKey().name();

  static final String HEAD = "head";
  static final String ENTRY_PREFIX = "e#";
  static final String MARKER_PREFIX = "id#";
  static final String PART_PREFIX = "p#";

  private TranscriptItems() {}

  /** Twelve digits: a trillion entries per session, and still shorter than a timestamp. */
  static String entrySortKey(long seq) {
    return ENTRY_PREFIX + String.format("%012d", seq);
  }

  /** The highest sort key an entry can have: the upper end of a range of entries. */
  static final String LAST_ENTRY = ENTRY_PREFIX + "9".repeat(12);

  static String partsPrefix(long seq) {
    return PART_PREFIX + String.format("%012d", seq) + "#";
  }

  static long seqOf(String entrySortKey) {
    return Long.parseLong(entrySortKey.substring(ENTRY_PREFIX.length()));
  }

  /**
   * The per-session head: entry number {@code seq} (0 before the first) was the last, with id {@code lastId};
   * {@code resetSeq} is the number of the last reset entry (0 for none), so the current conversation can be read
   * without reading the entries before it.
   */
  record Head(String sessionKey, long seq, String lastId, long resetSeq) {
    static final TableSchema<Head> SCHEMA = StaticImmutableTableSchema.builder(Head.class, HeadBuilder.class)
        .newItemBuilder(HeadBuilder::new, HeadBuilder::build)
        .addAttribute(String.class, a -> a.name(PARTITION_KEY).getter(Head::sessionKey)
            .setter((b, v) -> b.sessionKey = v).tags(StaticAttributeTags.primaryPartitionKey()))
        .addAttribute(String.class, a -> a.name(SORT_KEY).getter(h -> HEAD).setter((b, v) -> { })
            .tags(StaticAttributeTags.primarySortKey()))
        .addAttribute(Long.class, a -> a.name("seq").getter(Head::seq).setter((b, v) -> b.seq = v))
        .addAttribute(String.class, a -> a.name("lastId").getter(Head::lastId).setter((b, v) -> b.lastId = v))
        .addAttribute(Long.class, a -> a.name("resetSeq").getter(Head::resetSeq).setter((b, v) -> b.resetSeq = v))
        .build();
  }

  /** Entry id {@code entryId} is taken in this session, by entry number {@code seq}. */
  record Marker(String sessionKey, String entryId, long seq) {
    static final TableSchema<Marker> SCHEMA = StaticImmutableTableSchema.builder(Marker.class, MarkerBuilder.class)
        .newItemBuilder(MarkerBuilder::new, MarkerBuilder::build)
        .addAttribute(String.class, a -> a.name(PARTITION_KEY).getter(Marker::sessionKey)
            .setter((b, v) -> b.sessionKey = v).tags(StaticAttributeTags.primaryPartitionKey()))
        .addAttribute(String.class, a -> a.name(SORT_KEY).getter(m -> MARKER_PREFIX + m.entryId())
            .setter((b, v) -> b.entryId = v.substring(MARKER_PREFIX.length()))
            .tags(StaticAttributeTags.primarySortKey()))
        .addAttribute(Long.class, a -> a.name("seq").getter(Marker::seq).setter((b, v) -> b.seq = v))
        .build();
  }

  /**
   * Entry number {@code seq}. {@code parts} is 0 when the entry's fields are the item's attributes, and the
   * number of {@link Part}s holding the entry as JSON when it is too large for one item (then {@code entry}
   * carries only its id).
   */
  record Entry(String sessionKey, long seq, TranscriptEntry entry, int parts) {
    static final TableSchema<Entry> SCHEMA = StaticImmutableTableSchema.builder(Entry.class, EntryBuilder.class)
        .newItemBuilder(EntryBuilder::new, EntryBuilder::build)
        .addAttribute(String.class, a -> a.name(PARTITION_KEY).getter(Entry::sessionKey)
            .setter((b, v) -> b.sessionKey = v).tags(StaticAttributeTags.primaryPartitionKey()))
        .addAttribute(String.class, a -> a.name(SORT_KEY).getter(e -> entrySortKey(e.seq()))
            .setter((b, v) -> b.seq = seqOf(v)).tags(StaticAttributeTags.primarySortKey()))
        .addAttribute(Integer.class, a -> a.name("parts").getter(e -> e.parts() == 0 ? null : e.parts())
            .setter((b, v) -> b.parts = v == null ? 0 : v))
        .flatten(FIELDS, Entry::entry, (b, v) -> b.entry = v)
        .build();
  }

  /** Slice {@code part} (from 1) of the JSON of oversized entry number {@code seq}. */
  record Part(String sessionKey, long seq, int part, String json) {
    static final TableSchema<Part> SCHEMA = StaticImmutableTableSchema.builder(Part.class, PartBuilder.class)
        .newItemBuilder(PartBuilder::new, PartBuilder::build)
        .addAttribute(String.class, a -> a.name(PARTITION_KEY).getter(Part::sessionKey)
            .setter((b, v) -> b.sessionKey = v).tags(StaticAttributeTags.primaryPartitionKey()))
        .addAttribute(String.class, a -> a.name(SORT_KEY)
            .getter(p -> partsPrefix(p.seq()) + String.format("%04d", p.part()))
            .setter((b, v) -> {
              String[] pieces = v.split("#");
              b.seq = Long.parseLong(pieces[1]);
              b.part = Integer.parseInt(pieces[2]);
            }).tags(StaticAttributeTags.primarySortKey()))
        .addAttribute(String.class, a -> a.name("json").getter(Part::json).setter((b, v) -> b.json = v))
        .build();
  }

  private static final TableSchema<ToolCall> TOOL_CALL = StaticImmutableTableSchema
      .builder(ToolCall.class, ToolCallBuilder.class)
      .newItemBuilder(ToolCallBuilder::new, ToolCallBuilder::build)
      .addAttribute(String.class, a -> a.name("id").getter(ToolCall::id).setter((b, v) -> b.id = v))
      .addAttribute(String.class, a -> a.name("name").getter(ToolCall::name).setter((b, v) -> b.name = v))
      .addAttribute(String.class, a -> a.name("arguments").getter(ToolCall::arguments)
          .setter((b, v) -> b.arguments = v))
      .build();

  /** The entry's own fields, flattened into the entry item; null fields are left out of the item. */
  private static final TableSchema<TranscriptEntry> FIELDS = StaticImmutableTableSchema
      .builder(TranscriptEntry.class, EntryFieldsBuilder.class)
      .newItemBuilder(EntryFieldsBuilder::new, EntryFieldsBuilder::build)
      .addAttribute(String.class, a -> a.name("id").getter(TranscriptEntry::id).setter((b, v) -> b.id = v))
      .addAttribute(String.class, a -> a.name("parentId").getter(TranscriptEntry::parentId)
          .setter((b, v) -> b.parentId = v))
      .addAttribute(String.class, a -> a.name("type").getter(TranscriptEntry::type).setter((b, v) -> b.type = v))
      .addAttribute(String.class, a -> a.name("role").getter(TranscriptEntry::role).setter((b, v) -> b.role = v))
      .addAttribute(String.class, a -> a.name("text").getter(TranscriptEntry::text).setter((b, v) -> b.text = v))
      .addAttribute(String.class, a -> a.name("runId").getter(TranscriptEntry::runId).setter((b, v) -> b.runId = v))
      .addAttribute(EnhancedType.listOf(EnhancedType.documentOf(ToolCall.class, TOOL_CALL)),
          a -> a.name("toolCalls").getter(TranscriptEntry::toolCalls).setter((b, v) -> b.toolCalls = v))
      .addAttribute(String.class, a -> a.name("toolCallId").getter(TranscriptEntry::toolCallId)
          .setter((b, v) -> b.toolCallId = v))
      .addAttribute(String.class, a -> a.name("toolName").getter(TranscriptEntry::toolName)
          .setter((b, v) -> b.toolName = v))
      .addAttribute(Boolean.class, a -> a.name("isError").getter(TranscriptEntry::isError)
          .setter((b, v) -> b.isError = v))
      .addAttribute(String.class, a -> a.name("stopReason").getter(TranscriptEntry::stopReason)
          .setter((b, v) -> b.stopReason = v))
      .addAttribute(Long.class, a -> a.name("inputTokens").getter(TranscriptEntry::inputTokens)
          .setter((b, v) -> b.inputTokens = v))
      .addAttribute(Long.class, a -> a.name("outputTokens").getter(TranscriptEntry::outputTokens)
          .setter((b, v) -> b.outputTokens = v))
      .addAttribute(Long.class, a -> a.name("ts").getter(TranscriptEntry::ts)
          .setter((b, v) -> b.ts = v == null ? 0 : v))
      .build();

  private static final class HeadBuilder {
    private String sessionKey;
    private Long seq;
    private String lastId;
    private Long resetSeq;

    Head build() {
      return new Head(sessionKey, seq == null ? 0 : seq, lastId, resetSeq == null ? 0 : resetSeq);
    }
  }

  private static final class MarkerBuilder {
    private String sessionKey;
    private String entryId;
    private Long seq;

    Marker build() {
      return new Marker(sessionKey, entryId, seq == null ? 0 : seq);
    }
  }

  private static final class EntryBuilder {
    private String sessionKey;
    private long seq;
    private int parts;
    private TranscriptEntry entry;

    Entry build() {
      return new Entry(sessionKey, seq, entry, parts);
    }
  }

  private static final class PartBuilder {
    private String sessionKey;
    private long seq;
    private int part;
    private String json;

    Part build() {
      return new Part(sessionKey, seq, part, json);
    }
  }

  private static final class ToolCallBuilder {
    private String id;
    private String name;
    private String arguments;

    ToolCall build() {
      return new ToolCall(id, name, arguments);
    }
  }

  private static final class EntryFieldsBuilder {
    private String id;
    private String parentId;
    private String type;
    private String role;
    private String text;
    private String runId;
    private List<ToolCall> toolCalls;
    private String toolCallId;
    private String toolName;
    private Boolean isError;
    private String stopReason;
    private Long inputTokens;
    private Long outputTokens;
    private long ts;

    TranscriptEntry build() {
      return new TranscriptEntry(id, parentId, type, role, text, runId,
          toolCalls == null ? null : List.copyOf(toolCalls), toolCallId, toolName, isError, stopReason, inputTokens,
          outputTokens, ts);
    }
  }
}
