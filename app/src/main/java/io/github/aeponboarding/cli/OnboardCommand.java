package io.github.aeponboarding.cli;

import io.github.aeponboarding.request.Action;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code onboard FILE...}: create each request's dataflow (or reuse, resume, update it). A new flow's
 * result waits (up to {@code --run-watch-seconds}) for its first run: a person wants to know it ran.
 */
@Command(name = "onboard", description = "Onboard request files (JSON or YAML), print one result per line, and exit.")
public class OnboardCommand extends RequestCommand {
    @Option(names = "--run-watch-seconds", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long to wait for a new flow's first run to end before printing its result "
                    + "(0: report what the first look shows; negative: do not look). Default: ${DEFAULT-VALUE}")
    long runWatchSeconds;

    @Override
    Action action() {
        return Action.ONBOARD;
    }

    @Override
    Map<String, String> overrides() {
        return Map.of("onboarding.run-watch-seconds", String.valueOf(runWatchSeconds));
    }
}
