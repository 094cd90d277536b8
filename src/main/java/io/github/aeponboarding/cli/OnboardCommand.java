package io.github.aeponboarding.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * One shot: each file through the same {@code direct:onboard} route the triggers use, one result
 * line per request on stdout; exit 0 when all succeeded, 1 when any failed, 2 on usage errors. A new
 * flow's result waits (up to {@code --run-watch-seconds}) for its first run: a person wants to know it ran.
 */
@Command(name = "onboard", description = "Onboard request files (JSON or YAML), print one result per line, and exit.")
public class OnboardCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Request files.")
    List<Path> files;

    @Option(names = "--run-watch-seconds", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long to wait for a new flow's first run to end before printing its result "
                    + "(0: report what the first look shows; negative: do not look). Default: ${DEFAULT-VALUE}")
    long runWatchSeconds;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                spec.commandLine().getErr().println("onboard: no such file: " + f);
                return 2;
            }
        }
        // a request that a running bundle is onboarding right now is answered IN_PROGRESS at once
        Main main = OneShotBundle.create(Map.of("onboarding.request-lock-wait-ms", "0",
                "onboarding.run-watch-seconds", String.valueOf(runWatchSeconds)));
        main.start();
        try {
            CamelContext context = main.getCamelContext();
            ProducerTemplate producer = context.createProducerTemplate();
            boolean allSucceeded = true;
            for (Path f : files) {
                Exchange done = producer.send("direct:onboard-file", ex -> {
                    ex.getMessage().setBody(Files.readAllBytes(f));
                    ex.getMessage().setHeader(Exchange.FILE_NAME_ONLY, f.getFileName().toString());
                });
                String status = done.getMessage().getHeader("AepStatus", String.class);
                spec.commandLine().getOut().println(done.getMessage().getBody(String.class));
                spec.commandLine().getOut().flush();
                allSucceeded &= !"FAILED".equals(status);
            }
            return allSucceeded ? 0 : 1;
        } finally {
            main.stop();
        }
    }
}
