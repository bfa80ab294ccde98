package dev.clawgate.stubmodel;

import java.util.concurrent.CountDownLatch;

/**
 * Runs the stub model as its own process, for the end-to-end CI stage and benchmarks that point a separately
 * started gateway at it; {@code clawgate stub-model} will wrap this.
 *
 * <p>Usage: {@code StubModelMain [--port N] [--first-token-delay-ms N] [--tokens-per-second N]}. Prints exactly
 * one line, {@code stub model listening on http://127.0.0.1:PORT/v1}, so scripts can read the port, then serves
 * until the process is killed.
 */
public final class StubModelMain {

    private StubModelMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        StubModelOptions options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("stub model: " + e.getMessage());
            System.err.println("usage: stub-model [--port N] [--first-token-delay-ms N] [--tokens-per-second N]");
            System.exit(2);
            return;
        }
        StubModelServer server = StubModelServer.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "stub-model-shutdown"));
        System.out.println("stub model listening on " + server.baseUrl());
        System.out.flush();
        stopped.await();
    }

    static StubModelOptions parse(String[] args) {
        StubModelOptions options = StubModelOptions.defaults();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            String value;
            int eq = flag.indexOf('=');
            if (flag.startsWith("--") && eq > 0) {
                value = flag.substring(eq + 1);
                flag = flag.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("missing value for " + flag);
            }
            try {
                options = switch (flag) {
                    case "--port" -> options.withPort(Integer.parseInt(value));
                    case "--first-token-delay-ms" -> options.withFirstTokenDelayMs(Long.parseLong(value));
                    case "--tokens-per-second" -> options.withTokensPerSecond(Double.parseDouble(value));
                    default -> throw new IllegalArgumentException("unknown option " + flag);
                };
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a number for " + flag + ": " + value);
            }
        }
        return options;
    }
}
