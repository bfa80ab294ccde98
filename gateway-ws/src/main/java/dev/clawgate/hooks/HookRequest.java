package dev.clawgate.hooks;

/**
 * One webhook request as any transport sees it, body aside.
 *
 * @param rawQuery the query string, or null
 * @param tokenHeader the {@code x-clawgate-token} header, or null
 */
public record HookRequest(String method, String path, String rawQuery, String authorization, String tokenHeader,
    String contentType, String idempotencyKey, String remoteAddress) {}
