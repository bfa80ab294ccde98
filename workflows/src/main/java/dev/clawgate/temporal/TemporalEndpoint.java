package dev.clawgate.temporal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.SimpleSslContextBuilder;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * A Temporal frontend and how to authenticate to it. Temporal Cloud wants TLS plus either an API key (sent as
 * {@code Authorization: Bearer}) or an mTLS client certificate; a self-hosted server may want TLS with its own CA,
 * or nothing at all ({@code temporal server start-dev}).
 *
 * <p>The environment variables are the ones Temporal's own CLI and SDKs read ({@link #fromEnvironment}), so one
 * environment file serves {@code temporal} and Clawgate alike. On AWS the credentials come from a Secrets Manager
 * secret instead ({@link #withCredentialsJson}).
 *
 * <p>Refused, with a message naming the setting: a certificate without its key (or the reverse), an API key and a
 * certificate together (Temporal authenticates with one of them), and credentials with TLS turned off (they would
 * cross the network in clear text). {@link #toString()} never shows a key.
 *
 * @param address {@code host:port} of the frontend
 * @param tls whether the connection uses TLS; on by default as soon as any credential is given
 * @param apiKey a Temporal Cloud API key, or null
 * @param clientCertPem the mTLS client certificate chain (PEM), or null
 * @param clientKeyPem its private key, PKCS#8 PEM ({@code BEGIN PRIVATE KEY}), or null
 * @param serverCaPem the CA that signed the server's certificate when it is not a public one (PEM), or null
 */
public record TemporalEndpoint(String address, String namespace, boolean tls, String apiKey, String clientCertPem,
    String clientKeyPem, String serverCaPem) {

  public static final String DEFAULT_NAMESPACE = "default";

  /** The environment variables Temporal's CLI and SDKs use (its "environment configuration"). */
  public static final String ADDRESS = "TEMPORAL_ADDRESS";
  public static final String NAMESPACE = "TEMPORAL_NAMESPACE";
  public static final String API_KEY = "TEMPORAL_API_KEY";
  public static final String TLS = "TEMPORAL_TLS";
  public static final String CLIENT_CERT_PATH = "TEMPORAL_TLS_CLIENT_CERT_PATH";
  public static final String CLIENT_KEY_PATH = "TEMPORAL_TLS_CLIENT_KEY_PATH";
  public static final String CLIENT_CERT_DATA = "TEMPORAL_TLS_CLIENT_CERT_DATA";
  public static final String CLIENT_KEY_DATA = "TEMPORAL_TLS_CLIENT_KEY_DATA";
  public static final String SERVER_CA_CERT_PATH = "TEMPORAL_TLS_SERVER_CA_CERT_PATH";
  public static final String SERVER_CA_CERT_DATA = "TEMPORAL_TLS_SERVER_CA_CERT_DATA";

  /** The keys of the credentials JSON ({@link #withCredentialsJson}), as docs/aws.md documents them. */
  static final Set<String> CREDENTIAL_KEYS = Set.of("apiKey", "tlsCertPem", "tlsKeyPem", "serverCaPem");

  private static final ObjectMapper JSON = new ObjectMapper();

  public TemporalEndpoint {
    address = required(address, ADDRESS + " (host:port of the Temporal frontend)");
    namespace = blankToNull(namespace) == null ? DEFAULT_NAMESPACE : namespace.trim();
    apiKey = blankToNull(apiKey);
    clientCertPem = blankToNull(clientCertPem);
    clientKeyPem = blankToNull(clientKeyPem);
    serverCaPem = blankToNull(serverCaPem);
    if (!address.matches("[^\\s:/]+:[0-9]{1,5}") && !address.matches("\\[[0-9A-Fa-f:.]+\\]:[0-9]{1,5}")) {
      throw new IllegalArgumentException("the Temporal address must be host:port (e.g. my-ns.a1b2c.tmprl.cloud:7233), "
          + "got '" + address + "'");
    }
    if (clientCertPem != null && clientKeyPem == null) {
      throw new IllegalArgumentException("a Temporal client certificate was given without its private key: set "
          + CLIENT_KEY_PATH + " (or " + CLIENT_KEY_DATA + "; tlsKeyPem in the AWS secret)");
    }
    if (clientKeyPem != null && clientCertPem == null) {
      throw new IllegalArgumentException("a Temporal client key was given without its certificate: set "
          + CLIENT_CERT_PATH + " (or " + CLIENT_CERT_DATA + "; tlsCertPem in the AWS secret)");
    }
    if (apiKey != null && clientCertPem != null) {
      throw new IllegalArgumentException("both a Temporal API key and a client certificate were given: Temporal "
          + "authenticates a client with one of them; keep the one your namespace accepts");
    }
    if (!tls && (apiKey != null || clientCertPem != null || serverCaPem != null)) {
      throw new IllegalArgumentException(TLS + "=false with Temporal credentials or a CA: an API key or a client "
          + "certificate needs TLS (a key would cross the network in clear text); remove " + TLS + "=false");
    }
    if (clientKeyPem != null && !clientKeyPem.contains("-----BEGIN PRIVATE KEY-----")) {
      throw new IllegalArgumentException("the Temporal client key must be an unencrypted PKCS#8 PEM key "
          + "(-----BEGIN PRIVATE KEY-----); convert it with: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key.p8.pem");
    }
    if (clientCertPem != null && !clientCertPem.contains("-----BEGIN CERTIFICATE-----")) {
      throw new IllegalArgumentException("the Temporal client certificate must be PEM (-----BEGIN CERTIFICATE-----)");
    }
    if (serverCaPem != null && !serverCaPem.contains("-----BEGIN CERTIFICATE-----")) {
      throw new IllegalArgumentException("the Temporal server CA must be PEM (-----BEGIN CERTIFICATE-----)");
    }
  }

  /** A plain-text endpoint without credentials (a local {@code temporal server start-dev}, a test server). */
  public static TemporalEndpoint plain(String address, String namespace) {
    return new TemporalEndpoint(address, namespace, false, null, null, null, null);
  }

  /**
   * The endpoint described by Temporal's environment variables: {@value #ADDRESS} (else {@code defaultAddress}),
   * {@value #NAMESPACE}, {@value #API_KEY}, {@value #TLS} ({@code true}/{@code false}; default: on when any
   * credential or CA is given), the client certificate and key as files ({@value #CLIENT_CERT_PATH},
   * {@value #CLIENT_KEY_PATH}) or inline PEM ({@value #CLIENT_CERT_DATA}, {@value #CLIENT_KEY_DATA}), and the
   * server's CA ({@value #SERVER_CA_CERT_PATH} or {@value #SERVER_CA_CERT_DATA}).
   *
   * @throws IllegalArgumentException naming the variable that is wrong, or the file that cannot be read
   */
  public static TemporalEndpoint fromEnvironment(Map<String, String> env, String defaultAddress) {
    String address = blankToNull(env.get(ADDRESS));
    String apiKey = blankToNull(env.get(API_KEY));
    String cert = pem(env, CLIENT_CERT_PATH, CLIENT_CERT_DATA);
    String key = pem(env, CLIENT_KEY_PATH, CLIENT_KEY_DATA);
    String ca = pem(env, SERVER_CA_CERT_PATH, SERVER_CA_CERT_DATA);
    Boolean tls = bool(env, TLS);
    boolean anyCredential = apiKey != null || cert != null || key != null || ca != null;
    return new TemporalEndpoint(address == null ? defaultAddress : address, env.get(NAMESPACE),
        tls == null ? anyCredential : tls, apiKey, cert, key, ca);
  }

  /**
   * Whether the environment names any Temporal credential or turns TLS on, which a gateway that would otherwise
   * start its own embedded test server must refuse (that server speaks plain text only).
   */
  public static boolean mentionsCredentials(Map<String, String> env) {
    for (String name : new String[] {API_KEY, CLIENT_CERT_PATH, CLIENT_KEY_PATH, CLIENT_CERT_DATA, CLIENT_KEY_DATA,
        SERVER_CA_CERT_PATH, SERVER_CA_CERT_DATA}) {
      if (blankToNull(env.get(name)) != null) {
        return true;
      }
    }
    return Boolean.TRUE.equals(bool(env, TLS));
  }

  /**
   * This endpoint with the credentials of a JSON object (the AWS functions' Temporal secret):
   * {@code {"apiKey": "..."}} or {@code {"tlsCertPem": "...", "tlsKeyPem": "..."}}, optionally
   * {@code "serverCaPem"}. TLS is on. The text is never repeated in an error, since it holds a key.
   */
  public TemporalEndpoint withCredentialsJson(String json) {
    JsonNode node;
    try {
      node = JSON.readTree(json == null ? "" : json);
    } catch (IOException e) {
      throw new IllegalArgumentException("the Temporal credentials are not a JSON object (expected {\"apiKey\": ...} "
          + "or {\"tlsCertPem\": ..., \"tlsKeyPem\": ...})");
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("the Temporal credentials must be a JSON object: {\"apiKey\": ...} or "
          + "{\"tlsCertPem\": ..., \"tlsKeyPem\": ...}");
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!CREDENTIAL_KEYS.contains(name)) {
        throw new IllegalArgumentException("unknown key '" + name + "' in the Temporal credentials; the keys are "
            + "apiKey, or tlsCertPem and tlsKeyPem, and optionally serverCaPem");
      }
      if (!node.get(name).isTextual()) {
        throw new IllegalArgumentException("'" + name + "' in the Temporal credentials must be a string");
      }
    }
    String apiKey = text(node, "apiKey");
    String cert = text(node, "tlsCertPem");
    String key = text(node, "tlsKeyPem");
    if (apiKey == null && cert == null && key == null) {
      throw new IllegalArgumentException("the Temporal credentials hold neither apiKey nor tlsCertPem/tlsKeyPem");
    }
    return new TemporalEndpoint(address, namespace, true, apiKey, cert, key, text(node, "serverCaPem"));
  }

  /** Options for {@code WorkflowServiceStubs}: the target, TLS and the credentials. */
  public WorkflowServiceStubsOptions serviceStubsOptions() {
    WorkflowServiceStubsOptions.Builder options = WorkflowServiceStubsOptions.newBuilder().setTarget(address);
    if (tls) {
      options.setEnableHttps(true);
      if (clientCertPem != null || serverCaPem != null) {
        options.setSslContext(sslContext());
      }
    }
    if (apiKey != null) {
      String key = apiKey;
      options.addApiKey(() -> key);
    }
    return options.build();
  }

  /** Options for {@code WorkflowClient}: the namespace. */
  public WorkflowClientOptions clientOptions() {
    return WorkflowClientOptions.newBuilder().setNamespace(namespace).build();
  }

  /** How this endpoint authenticates, for logs and status output: never a key. */
  public String describe() {
    String auth = apiKey != null ? "API key" : clientCertPem != null ? "mTLS client certificate" : "no credentials";
    return address + ", namespace " + namespace + ", " + (tls ? "TLS" : "plain text") + ", " + auth
        + (serverCaPem != null ? ", own CA" : "");
  }

  @Override
  public String toString() {
    return "TemporalEndpoint[" + describe() + "]";
  }

  private SslContext sslContext() {
    SimpleSslContextBuilder builder = clientCertPem == null ? SimpleSslContextBuilder.noKeyOrCertChain()
        : SimpleSslContextBuilder.forPKCS8(stream(clientCertPem), stream(clientKeyPem));
    if (serverCaPem != null) {
      builder.setTrustManager(trustManagerFor(serverCaPem));
    }
    try {
      return builder.build();
    } catch (SSLException | IllegalArgumentException e) {
      // The message of a key or certificate parser never contains the key itself.
      throw new IllegalArgumentException("the Temporal client certificate or key cannot be used: " + e.getMessage(),
          e);
    }
  }

  private static javax.net.ssl.TrustManager trustManagerFor(String caPem) {
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(stream(caPem))) {
        store.setCertificateEntry("ca-" + i++, certificate);
      }
      if (i == 0) {
        throw new IllegalArgumentException("the Temporal server CA holds no certificate");
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      return factory.getTrustManagers()[0];
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException("the Temporal server CA cannot be read: " + e.getMessage(), e);
    }
  }

  private static InputStream stream(String pem) {
    return new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII));
  }

  private static String pem(Map<String, String> env, String pathVariable, String dataVariable) {
    String path = blankToNull(env.get(pathVariable));
    String data = blankToNull(env.get(dataVariable));
    if (path != null && data != null) {
      throw new IllegalArgumentException("set " + pathVariable + " or " + dataVariable + ", not both");
    }
    if (path == null) {
      return data;
    }
    try {
      return Files.readString(Path.of(path), StandardCharsets.US_ASCII);
    } catch (IOException | UncheckedIOException e) {
      throw new IllegalArgumentException(pathVariable + ": cannot read " + path + " (" + e.getClass().getSimpleName()
          + ")");
    }
  }

  private static Boolean bool(Map<String, String> env, String name) {
    String value = blankToNull(env.get(name));
    if (value == null) {
      return null;
    }
    switch (value.toLowerCase(Locale.ROOT)) {
      case "true":
      case "1":
        return true;
      case "false":
      case "0":
        return false;
      default:
        throw new IllegalArgumentException(name + " must be true or false, got '" + value + "'");
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : blankToNull(value.asText());
  }

  private static String required(String value, String what) {
    String trimmed = blankToNull(value);
    if (trimmed == null) {
      throw new IllegalArgumentException("no Temporal address: set " + what);
    }
    return trimmed;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
