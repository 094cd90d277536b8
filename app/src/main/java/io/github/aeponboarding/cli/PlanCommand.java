package io.github.aeponboarding.cli;

import io.github.aeponboarding.request.Action;
import picocli.CommandLine.Command;

/** {@code plan FILE...}: see {@link RequestCommand}. */
@Command(name = "plan", description = "Dry run: validate, read AEP, and print what onboard would create, reuse or update, with the exact requests; writes nothing.")
public class PlanCommand extends RequestCommand {
    @Override
    Action action() {
        return Action.PLAN;
    }
}
