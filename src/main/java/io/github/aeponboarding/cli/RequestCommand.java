package io.github.aeponboarding.cli;

import io.github.aeponboarding.onboarding.Onboarding;
import io.github.aeponboarding.request.Action;
import io.github.aeponboarding.runtime.BundleMain;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * One shot, for every action (onboard, plan, disable, enable, offboard): each file through the same
 * {@code direct:onboard} route the triggers use, with the command's action (it wins over the
 * document's {@code action}). One result line per request on stdout; with several files, progress
 * and a summary on stderr. Exit 0 when all succeeded, 1 when any failed, 2 on usage errors.
 */
abstract class RequestCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Request files (JSON or YAML).")
    List<Path> files;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    abstract Action action();

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
        // the one-shot run must not consume the inbox or the request queue of a running bundle (so it
        // starts no broker), nor bind the management port of a long-running bundle on the same machine;
        // a request that a running bundle is onboarding right now is answered IN_PROGRESS at once
        Main main = BundleMain.create(Map.of("onboarding.file-trigger-enabled", "false",
                "onboarding.jms-trigger-enabled", "false", "camel.management.enabled", "false",
                "onboarding.request-lock-wait-ms", "0"));
        main.start();
        try {
            ProducerTemplate producer = main.getCamelContext().createProducerTemplate();
            BatchSummary summary = new BatchSummary(files.size());
            for (Path f : files) {
                Exchange done = producer.send("direct:onboard-file", ex -> {
                    ex.getMessage().setBody(Files.readAllBytes(f));
                    ex.getMessage().setHeader(Exchange.FILE_NAME_ONLY, f.getFileName().toString());
                    ex.setProperty(Onboarding.TRIGGER_ACTION, action().word());
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
