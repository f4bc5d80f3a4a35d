package dev.onnxworkbench.app.cli;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.SessionFactory;
import dev.onnxworkbench.models.serve.ModelServer;
import dev.onnxworkbench.models.serve.ServerOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code serve MODEL}: the model behind an Open Inference Protocol (KServe v2 REST) endpoint until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve a model over the Open Inference Protocol (KServe v2 REST) until Ctrl+C or SIGTERM; "
                + "requests in flight finish before it exits. Access log on stderr. One intra-op thread "
                + "per request unless --option intra_op_num_threads=N.")
final class ServeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL", description = "the .onnx file")
    Path model;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = ServerOptions.DEFAULT_HOST,
            description = "address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 exposes it to the network)")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8000",
            description = "TCP port, 0 for any free one (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--name", paramLabel = "NAME",
            description = "the model's name in URLs (default: the file name without .onnx)")
    String name;

    @Mixin
    SessionOptions sessionOptions;

    @Option(names = "--max-body-mb", paramLabel = "N", defaultValue = "16",
            description = "largest request body in MB; larger ones get 413 (default: ${DEFAULT-VALUE})")
    int maxBodyMb;

    @Option(names = "--token", paramLabel = "T",
            description = "require the header 'Authorization: Bearer T' on every request")
    String token;

    @Option(names = "--allow-non-finite", description = InputOptions.ALLOW_NON_FINITE)
    boolean allowNonFinite;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws WorkbenchException, InterruptedException {
        if (maxBodyMb <= 0) {
            throw new OptionValueException("--max-body-mb must be 1 or more, not " + maxBodyMb + ".");
        }
        if (port < 0 || port > 65_535) {
            throw new OptionValueException("--port must be between 0 and 65535, not " + port + ".");
        }
        if (host.matches("[0-9.]+") && System.getProperty("java.net.preferIPv4Stack") == null) {
            // an IPv4 address: an IPv4 socket, so `ss -ltn` shows 127.0.0.1 rather than ::ffff:127.0.0.1
            System.setProperty("java.net.preferIPv4Stack", "true");
        }
        ProviderSettings settings = sessionOptions.settings();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ServerOptions serverOptions = new ServerOptions(host, port, maxBodyMb * 1024L * 1024L, token, line -> {
            synchronized (err) {
                err.println(line);
                err.flush();
            }
        }).withAllowNonFinite(allowNonFinite);
        if (serverOptions.isPublic()) {
            err.println("onnx-workbench: warning: listening on " + host + " makes the model reachable from other "
                    + "machines" + (token == null ? " by anyone (consider --token)" : "") + ".");
        }
        ModelServer server = ModelServer.start(SessionFactory.withDefaults(), model, name, settings, serverOptions);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            err.println("onnx-workbench: stopping; letting requests in flight finish");
            err.flush();
            server.close();
            stopped.countDown();
        }, "serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println(server.url());
        out.println("Serving " + model.getFileName() + " as '" + server.name() + "': POST " + server.inferUrl()
                + "  (metadata GET " + server.url() + "/v2/models/" + server.name() + ", metrics GET "
                + server.url() + "/metrics; Ctrl+C stops)");
        out.flush();
        stopped.await();
        return 0;
    }
}
