package io.github.aeponboarding.cli;

import io.github.aeponboarding.ExchangeContract;
import io.github.aeponboarding.request.Action;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * One shot, for every action (onboard, plan, disable, enable, offboard): each file through the same
 * {@code direct:aep-onboard} route the triggers use, with the command's action (it wins over the
 * document's {@code action}). One result line per request on stdout; with several files, progress
 * and a summary on stderr. Exit 0 when all succeeded, 1 when any failed, 2 on usage errors.
 */
abstract class RequestCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Request files (JSON or YAML).")
    List<Path> files;

    @Mixin
    CommandLogging logging;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    abstract Action action();

    /** Settings of this command's one-shot bundle, beside {@link OneShotBundle}'s (no run watching unless said). */
    Map<String, String> overrides() {
        return Map.of();
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                err.println(action().word() + ": no such file: " + f);
                return 2;
            }
        }
        // a request that a running bundle is onboarding right now is answered IN_PROGRESS at once
        Map<String, String> settings = new HashMap<>(Map.of("onboarding.request-lock-wait-ms", "0", "onboarding.run-watch-seconds", "-1"));
        settings.putAll(overrides());
        Main main = OneShotBundle.create(settings);
        main.start();
        try {
            ProducerTemplate producer = main.getCamelContext().createProducerTemplate();
            BatchSummary summary = new BatchSummary(files.size());
            for (Path f : files) {
                Exchange done = producer.send("direct:aep-onboard-file", ex -> {
                    ex.getMessage().setBody(Files.readAllBytes(f));
                    ex.getMessage().setHeader(Exchange.FILE_NAME_ONLY, f.getFileName().toString());
                    ex.setProperty(ExchangeContract.TRIGGER_ACTION, action().word());
                });
                String result = done.getMessage().getBody(String.class);
                out.println(result);
                out.flush();
                summary.add(f, done.getMessage().getHeader("AepStatus", "FAILED", String.class), result);
                if (files.size() > 1) {
                    err.println(summary.progress());
                    err.flush();
                }
            }
            if (files.size() > 1) {
                summary.print(err);
                err.flush();
            }
            return summary.allSucceeded() ? 0 : 1;
        } finally {
            main.stop();
        }
    }
}
