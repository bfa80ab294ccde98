package dev.clawgate.auth;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which web pages may open a WebSocket to the gateway. Browsers send {@code Origin} on every WebSocket upgrade
 * and let any page connect anywhere, so without this check a page the user merely visits could talk to a
 * gateway on localhost (the cross-site WebSocket hijack OpenClaw fixed as CVE-2026-25253). Upgrades without an
 * {@code Origin} are not from a browser page and are left to the handshake's credentials.
 *
 * <p>Allowed: the gateway's own origins ({@code http://127.0.0.1:PORT}, {@code http://localhost:PORT},
 * {@code http://[::1]:PORT} and {@code http://BIND:PORT} for a specific bind address), plus the configured
 * list. {@code "*"} in the list allows every origin; it exists for local experiments only.
 */
public final class OriginPolicy {

  public static final String ANY = "*";

  private final Set<String> configured;
  private final boolean any;
  private final String bindHost;

  /**
   * @param allowed configured origins, e.g. {@code https://control.example.com}; each must parse
   *     ({@link #normalize}), else the constructor throws naming it
   * @param bindHost the address the gateway listens on; a wildcard (0.0.0.0, ::) adds nothing
   */
  public OriginPolicy(List<String> allowed, String bindHost) {
    Set<String> normalized = new LinkedHashSet<>();
    boolean star = false;
    for (String origin : allowed == null ? List.<String>of() : allowed) {
      if (ANY.equals(origin.trim())) {
        star = true;
        continue;
      }
      normalized.add(normalize(origin).orElseThrow(() -> new IllegalArgumentException(
          "not an origin (scheme://host[:port]): '" + origin + "'")));
    }
    this.configured = Set.copyOf(normalized);
    this.any = star;
    this.bindHost = bindHost;
  }

  /** Whether a page from {@code origin} may upgrade to the gateway listening on {@code port}. */
  public boolean allows(String origin, int port) {
    if (allowsListed(origin)) {
      return true;
    }
    Optional<String> normalized = normalize(origin);
    return normalized.isPresent() && ownOrigins(port).contains(normalized.get());
  }

  /**
   * Whether {@code origin} is in the configured list (or the list has {@code "*"}), ignoring the gateway's own
   * loopback origins: for a front end that serves no pages of its own, such as API Gateway on AWS, where an empty
   * list refuses every origin.
   */
  public boolean allowsListed(String origin) {
    if (any) {
      return true;
    }
    Optional<String> normalized = normalize(origin);
    // "null" (sandboxed frames, file:) and garbage never match
    return normalized.isPresent() && configured.contains(normalized.get());
  }

  private Set<String> ownOrigins(int port) {
    Set<String> own = new LinkedHashSet<>();
    own.add("http://127.0.0.1:" + port);
    own.add("http://localhost:" + port);
    own.add("http://[::1]:" + port);
    if (bindHost != null && !bindHost.equals("0.0.0.0") && !bindHost.equals("::") && !bindHost.isBlank()) {
      String host = bindHost.contains(":") && !bindHost.startsWith("[") ? "[" + bindHost + "]" : bindHost;
      own.add("http://" + host.toLowerCase(Locale.ROOT) + ":" + port);
    }
    return own;
  }

  /**
   * {@code scheme://host[:port]} in lower case, without a default port (80 for http, 443 for https); empty
   * when the text is not an http(s) origin (a path, query or user info also disqualify it).
   */
  public static Optional<String> normalize(String origin) {
    if (origin == null) {
      return Optional.empty();
    }
    URI uri;
    try {
      uri = new URI(origin.trim());
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return Optional.empty();
    }
    if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
        || uri.getRawFragment() != null || !(uri.getRawPath() == null || uri.getRawPath().isEmpty()
        || uri.getRawPath().equals("/"))) {
      return Optional.empty();
    }
    int port = uri.getPort();
    boolean defaultPort = port == -1 || scheme.equals("http") && port == 80 || scheme.equals("https") && port == 443;
    return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port));
  }
}
