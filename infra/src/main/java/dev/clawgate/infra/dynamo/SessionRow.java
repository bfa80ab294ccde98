package dev.clawgate.infra.dynamo;

import dev.clawgate.transcript.SessionInfo;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.extensions.VersionedRecordExtension;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * A sessions-table item: the {@link SessionInfo} row plus the version the optimistic lock checks.
 *
 * <p>The schema is written out attribute by attribute ({@link StaticImmutableTableSchema}) rather than
 * introspected from annotated beans: {@link SessionInfo} is an immutable record in the domain core that should
 * not carry DynamoDB annotations, introspection costs Lambda cold-start time, and the attribute names are the
 * table's contract, which belongs in plain sight.
 *
 * @param version null for a row not yet stored; the {@link VersionedRecordExtension} then writes it only if
 *     the key is still absent, and otherwise only if the stored version is unchanged
 */
record SessionRow(SessionInfo info, Long version) {

  static final TableSchema<SessionRow> SCHEMA = StaticImmutableTableSchema.builder(SessionRow.class, Builder.class)
      .newItemBuilder(Builder::new, Builder::build)
      .addAttribute(String.class, a -> a.name(DynamoTables.SESSIONS.partitionKey().name())
          .getter(r -> r.info().key()).setter((b, v) -> b.key = v)
          .tags(StaticAttributeTags.primaryPartitionKey()))
      .addAttribute(String.class, a -> a.name("agentId")
          .getter(r -> r.info().agentId()).setter((b, v) -> b.agentId = v))
      .addAttribute(String.class, a -> a.name("sessionId")
          .getter(r -> r.info().sessionId()).setter((b, v) -> b.sessionId = v))
      .addAttribute(Long.class, a -> a.name("createdAt")
          .getter(r -> r.info().createdAt()).setter((b, v) -> b.createdAt = v))
      .addAttribute(Long.class, a -> a.name("updatedAt")
          .getter(r -> r.info().updatedAt()).setter((b, v) -> b.updatedAt = v))
      .addAttribute(String.class, a -> a.name("lastRunId")
          .getter(r -> r.info().lastRunId()).setter((b, v) -> b.lastRunId = v))
      .addAttribute(Long.class, a -> a.name("inputTokens")
          .getter(r -> r.info().inputTokens()).setter((b, v) -> b.inputTokens = v))
      .addAttribute(Long.class, a -> a.name("outputTokens")
          .getter(r -> r.info().outputTokens()).setter((b, v) -> b.outputTokens = v))
      .addAttribute(Long.class, a -> a.name("turns")
          .getter(r -> r.info().turns()).setter((b, v) -> b.turns = v))
      .addAttribute(Long.class, a -> a.name("version")
          .getter(SessionRow::version).setter((b, v) -> b.version = v)
          .tags(VersionedRecordExtension.AttributeTags.versionAttribute()))
      .build();

  /** Collects attributes as the Enhanced Client reads them; numbers missing from an item read as zero. */
  static final class Builder {
    private String key;
    private String agentId;
    private String sessionId;
    private Long createdAt;
    private Long updatedAt;
    private String lastRunId;
    private Long inputTokens;
    private Long outputTokens;
    private Long turns;
    private Long version;

    SessionRow build() {
      return new SessionRow(new SessionInfo(key, agentId, sessionId, orZero(createdAt), orZero(updatedAt), lastRunId,
          orZero(inputTokens), orZero(outputTokens), orZero(turns)), version);
    }

    private static long orZero(Long value) {
      return value == null ? 0 : value;
    }
  }
}
