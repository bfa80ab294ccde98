package dev.clawgate.cli;

import dev.clawgate.local.GatewayToken;
import dev.clawgate.local.Settings;
import dev.clawgate.local.SettingsLoader;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The options every gateway client command shares ({@code --url}, {@code --token}, {@code --timeout}), as a
 * picocli mixin. The environment is passed in rather than read here so the resolution can be tested.
 */
public final class GatewayOptions {

  public static final String DEFAULT_URL = "ws://127.0.0.1:" + Settings.DEFAULT_PORT;
  public static final String URL_ENV = "CLAWGATE_GATEWAY_URL";
  public static final String TOKEN_ENV = "CLAWGATE_GATEWAY_TOKEN";

  @Option(names = "--url", paramLabel = "URL",
      description = "Gateway WebSocket URL. Default: $" + URL_ENV + ", else " + DEFAULT_URL + ".")
  String url;

  @Option(names = "--token", paramLabel = "TOKEN",
      description = "Gateway token. Default: $" + TOKEN_ENV + ", else the gateway.token file in "
          + "$CLAWGATE_STATE_DIR (~/.clawgate) when it exists.")
  String token;

  @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "How long to wait for an answer: 500ms, 30s, 2m; a bare number is seconds. Default: 30s; "
          + "agent 600s; bench 60s per turn.")
  Duration timeout;

  /** The gateway URL and token: flags first, then the environment, then the defaults. */
  public GatewayTarget resolve(Map<String, String> env) throws CliFailure {
    return new GatewayTarget(url(first(url, env.get(URL_ENV), DEFAULT_URL)), token(env));
  }

  public Duration timeout(Duration fallback) {
    return timeout == null ? fallback : timeout;
  }

  private String token(Map<String, String> env) throws CliFailure {
    String given = first(token, env.get(TOKEN_ENV), null);
    if (given != null) {
      return given.trim();
    }
    Path file = new SettingsLoader(env).stateDir().resolve(GatewayToken.FILE);
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      String fromFile = Files.readString(file, StandardCharsets.UTF_8).trim();
      return fromFile.isEmpty() ? null : fromFile;
    } catch (IOException e) {
      throw new CliFailure("cannot read the gateway token file " + file + ": " + e.getMessage()
          + " (pass --token or set " + TOKEN_ENV + ")");
    }
  }

  /**
   * Only {@code ws://} and {@code wss://}. Plain {@code ws://} is refused beyond loopback, as OpenClaw's CLI
   * does: the token would cross the network in clear text.
   */
  static URI url(String raw) throws CliFailure {
    URI uri;
    try {
      uri = new URI(raw.trim());
    } catch (URISyntaxException e) {
      throw new CliFailure("--url: not a URL: " + raw, CliFailure.USAGE);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if ((!scheme.equals("ws") && !scheme.equals("wss")) || uri.getHost() == null) {
      throw new CliFailure("--url must look like ws://127.0.0.1:18789 or wss://host/..., got '" + raw + "'",
          CliFailure.USAGE);
    }
    if (scheme.equals("ws") && !isLoopback(uri.getHost())) {
      throw new CliFailure("refusing plain ws:// to " + uri.getHost() + ": the token would travel unencrypted; "
          + "use wss:// (a TLS proxy in front of the gateway) or an SSH tunnel to 127.0.0.1", CliFailure.USAGE);
    }
    if (uri.getPath() == null || uri.getPath().isEmpty()) {
      uri = uri.resolve("/");
    }
    return uri;
  }

  private static boolean isLoopback(String host) {
    String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    return h.equalsIgnoreCase("localhost") || h.equals("::1") || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
  }

  private static String first(String a, String b, String fallback) {
    if (a != null && !a.isBlank()) {
      return a;
    }
    return b != null && !b.isBlank() ? b : fallback;
  }

  /** {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}; a bare number is seconds. */
  public static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      String v = value.trim().toLowerCase(Locale.ROOT);
      try {
        Duration parsed;
        if (v.endsWith("ms")) {
          parsed = Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
        } else if (v.endsWith("s")) {
          parsed = Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
        } else if (v.endsWith("m")) {
          parsed = Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
        } else if (v.endsWith("h")) {
          parsed = Duration.ofHours(Long.parseLong(v.substring(0, v.length() - 1)));
        } else {
          parsed = Duration.ofSeconds(Long.parseLong(v));
        }
        if (parsed.isNegative() || parsed.isZero()) {
          throw new CommandLine.TypeConversionException("must be positive, got '" + value + "'");
        }
        return parsed;
      } catch (NumberFormatException e) {
        throw new CommandLine.TypeConversionException("expected a duration such as 500ms, 30s or 2m, got '"
            + value + "'");
      }
    }
  }
}
