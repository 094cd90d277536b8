package io.github.aeponboarding.cli;

import io.github.aeponboarding.request.Action;
import picocli.CommandLine.Command;

/** {@code onboard FILE...}: create each request's dataflow (or reuse, resume, update it). */
@Command(name = "onboard", description = "Onboard request files (JSON or YAML), print one result per line, and exit.")
public class OnboardCommand extends RequestCommand {
    @Override
    Action action() {
        return Action.ONBOARD;
    }
}
