package dev.clawgate.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The gateway token: from {@code CLAWGATE_GATEWAY_TOKEN}, else the config, else {@code <stateDir>/gateway.token}
 * (generated on first start, readable by its owner only). {@link #source()} says where it came from so the
 * log can point there without ever printing the token.
 */
public record GatewayToken(String value, String source) {

  public static final String FILE = "gateway.token";

  @Override
  public String toString() {
    return "GatewayToken[*** from " + source + "]";
  }

  static GatewayToken resolve(Path stateDir, String fromEnv, String fromConfig) {
    if (fromEnv != null) {
      return new GatewayToken(fromEnv.trim(), "the CLAWGATE_GATEWAY_TOKEN environment variable");
    }
    if (fromConfig != null && !fromConfig.isBlank()) {
      return new GatewayToken(fromConfig.trim(), stateDir.resolve(SettingsLoader.CONFIG_FILE) + " (gateway.auth.token)");
    }
    Path file = stateDir.resolve(FILE);
    try {
      Files.createDirectories(stateDir);
      if (!Files.exists(file)) {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        try {
          Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
          Files.writeString(file, HexFormat.of().formatHex(bytes) + "\n", StandardCharsets.UTF_8);
        } catch (FileAlreadyExistsException raced) {
          // another process created it first; use theirs
        } catch (UnsupportedOperationException noPosix) {
          Files.writeString(file, HexFormat.of().formatHex(bytes) + "\n", StandardCharsets.UTF_8);
        }
      }
      String token = Files.readString(file, StandardCharsets.UTF_8).trim();
      if (token.isEmpty()) {
        throw new ConfigException(file + " is empty: delete it to have a new token generated");
      }
      return new GatewayToken(token, file.toString());
    } catch (IOException e) {
      throw new ConfigException("cannot read or create the gateway token file " + file + ": " + e.getMessage(), e);
    }
  }
}
